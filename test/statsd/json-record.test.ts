import {describe, expect, it} from 'vitest'
import {StatsdParser} from '../../src/statsd/parse.js'
import {formatJsonLines, jsonNumber, toJsonRecord} from '../../src/statsd/json-record.js'

function jsonOf(line: string): unknown[] {
  return new StatsdParser().parsePacket(Buffer.from(line)).records.map(record => JSON.parse(JSON.stringify(toJsonRecord(record))))
}

describe('toJsonRecord', () => {
  it('prints a sample with its tags as sent and what statsd_exporter makes of it', () => {
    expect(jsonOf('api.latency:250|ms|@0.5|#env:prod,canary,tag.a:1')).toEqual([{
      lineNo: 1,
      name: 'api.latency',
      type: 'ms',
      value: 250,
      rate: 0.5,
      tags: {env: 'prod', canary: null, 'tag.a': '1'},
      relative: false,
      prometheus: {kind: 'observer', value: 0.25, repeat: 2, labels: {env: 'prod', tag_a: '1'}},
    }])
  })

  it.each([
    ['g:NaN|g', 'NaN'],
    ['g:+Inf|g', '+Inf'],
    ['g:-infinity|g', '-Inf'],
  ])('writes the value of %j as Prometheus does: %s', (line, printed) => {
    expect(jsonOf(line)).toMatchObject([{value: printed, prometheus: {value: printed}}])
  })

  it('prints errors only when there are some, on samples and bad lines alike', () => {
    const [kept] = jsonOf('c:1|c|@zero')
    expect(kept).toMatchObject({errors: ['invalid_sample_factor'], prometheus: {kind: 'counter', value: 1}})
    expect(jsonOf('c:1|c|@zero|x')).toEqual([{lineNo: 1, error: 'invalid_sample_factor', line: 'c:1|c|@zero|x', errors: ['invalid_sample_factor']}])
    expect(jsonOf('nope')).toEqual([{lineNo: 1, error: 'malformed_line', line: 'nope'}])
    expect(jsonOf('c:1|c')[0]).not.toHaveProperty('errors')
  })

  it('prints a set member as the string it is, with statsd_exporter\'s verdict', () => {
    expect(jsonOf('users:bob|s')).toMatchObject([{type: 's', value: 'bob', rate: 1, prometheus: {error: 'malformed_value'}}])
  })

  it('prints a tag called __proto__ like any other', () => {
    expect(JSON.stringify(toJsonRecord(new StatsdParser().parseLine('a:1|c|#__proto__:x')[0]))).toContain('"tags":{"__proto__":"x"}')
  })
})

describe('formatJsonLines', () => {
  it('turns a whole input into output lines and says how many input lines it held', () => {
    const {json, lines} = formatJsonLines(Buffer.from('a,x=1:1|c\nb:1|c|#y:2\n'), 5, {influx: false})
    expect(lines).toBe(3)
    expect(json.map(line => JSON.parse(line))).toMatchObject([
      {lineNo: 5, name: 'a,x=1', tags: {}},
      {lineNo: 6, name: 'b', tags: {y: '2'}},
    ])
  })
})

describe('jsonNumber', () => {
  it.each([
    [1.5, 1.5],
    [-0, -0],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
  ])('%s → %j', (value, expected) => {
    expect(jsonNumber(value)).toBe(expected)
  })
})
