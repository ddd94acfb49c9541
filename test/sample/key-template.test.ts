import {describe, expect, it} from 'vitest'
import {UsageError} from '../../src/errors.js'
import {formatDate, nameFields, parseKeyTemplate, renderName} from '../../src/sample/key-template.js'

describe('parseKeyTemplate', () => {
  const limit = parseKeyTemplate('apilimit:{key}:{path}:{date:%Y%m%d}', 'check')

  it('lists its fields and date format', () => {
    expect(limit.fields).toEqual(['key', 'path'])
    expect(limit.dateFormat).toBe('%Y%m%d')
  })

  it('splits a key into fields as splitting on ":" would', () => {
    expect(limit.match('apilimit:test:v1.geolocate:20240131')).toEqual({fields: {key: 'test', path: 'v1.geolocate'}, date: '20240131'})
    expect(limit.match('apilimit::v1.geolocate:20240131')).toEqual({fields: {key: '', path: 'v1.geolocate'}, date: '20240131'})
  })

  it.each(['apilimit:test:v1.geolocate:2024-01-31', 'apilimit:test:v1:x:20240131', 'apiuser:test:v1:20240131', 'apilimit:test:v1.geolocate:20240131:extra'])('does not match %j', key => {
    expect(limit.match(key)).toBeUndefined()
  })

  it('gives a SCAN pattern with fields as * and the date written in or left open', () => {
    expect(limit.scanPattern('20240131')).toBe('apilimit:*:*:20240131')
    expect(limit.scanPattern()).toBe('apilimit:*:*:*')
  })

  it('escapes glob characters and reads {{ }} as literal braces (Cluster hash tags)', () => {
    const template = parseKeyTemplate('{{jobs}}:q*[{name}]', 'check')
    expect(template.scanPattern()).toBe('{jobs}:q\\*\\[*\\]')
    expect(template.match('{jobs}:q*[emails]')).toEqual({fields: {name: 'emails'}})
  })

  it('lets a last field take the rest of the key, colons included', () => {
    expect(parseKeyTemplate('bull:{queue}', 'check').match('bull:a:b')).toEqual({fields: {queue: 'a:b'}})
  })

  const bad: Array<[string, RegExp]> = [
    ['plain:key', /has no \{field\}/],
    ['a:{x}:{x}', /the field \{x\} appears twice/],
    ['a:{x}{y}', /two parts of "a:\{x\}\{y\}" touch/],
    ['a:{date:%Y}:{date:%m}', /more than one \{date:…\}/],
    ['a:{date:%H}', /a date format may use %Y, %m and %d/],
    ['a:{1x}', /\{1x\} in "a:\{1x\}" is not a field name/],
    ['a:{__date}', /is not a field name/],
    ['a:{x', /unclosed \{ at column 3/],
    ['a:x}', /unmatched \} at column 4/],
  ]
  it.each(bad)('rejects %j', (text, message) => {
    expect(() => parseKeyTemplate(text, 'queues.checks[0].key')).toThrow(UsageError)
    expect(() => parseKeyTemplate(text, 'queues.checks[0].key')).toThrow(message)
  })
})

describe('formatDate', () => {
  it('writes UTC dates in the strftime subset', () => {
    const date = new Date('2024-03-05T23:30:00-05:00')
    expect(formatDate(date, '%Y%m%d')).toBe('20240306')
    expect(formatDate(date, '%Y-%m-%d')).toBe('2024-03-06')
  })
})

describe('name templates', () => {
  it('lists and fills fields', () => {
    expect(nameFields('{api_type}.user')).toEqual(['api_type'])
    expect(renderName('{api_type}.user', {api_type: 'locate'})).toBe('locate.user')
  })
})
