import {describe, expect, it} from 'vitest'
import {formatTemplate, joinTemplates, parseTemplate, placeholderNames, template, wholeSegmentPlaceholder} from '../../src/catalog/template.js'

describe('parseTemplate', () => {
  it.each([
    ['<PREFIX>.<FEED_CLASS>.reads', [['<PREFIX>'], ['<FEED_CLASS>'], ['reads']]],
    ['<job_name>_start', [['<job_name>', '_start']]],
    ['operator_failures_<operator_name>', [['operator_failures_', '<operator_name>']]],
    ['dag.<dag_id>.<task_id>.duration', [['dag'], ['<dag_id>'], ['<task_id>'], ['duration']]],
    ['a-b.c_d', [['a-b'], ['c_d']]],
    ['x<a>y<b>z', [['x', '<a>', 'y', '<b>', 'z']]],
  ])('reads %s', (text, expected) => {
    const parsed = parseTemplate(text)
    if (!parsed.ok) throw new Error(parsed.error.message)
    const shape = parsed.template.segments.map(s => s.parts.map(p => (p.kind === 'literal' ? p.text : `<${p.name}>`)))
    expect(shape).toEqual(expected)
    expect(formatTemplate(parsed.template.segments)).toBe(text)
  })

  it.each([
    ['', 0, 'must not be empty'],
    ['a..b', 2, 'empty segment'],
    ['.a', 0, 'empty segment'],
    ['a.', 2, 'must not end with'],
    ['a.<b', 2, 'without a closing'],
    ['a.b>', 3, 'without an opening'],
    ['a.<1x>', 3, 'placeholder names'],
    ['a.<x y>', 3, 'placeholder names'],
    ['<a><b>', 3, 'cannot be told apart'],
    ['a:b', 1, 'cannot be part of a statsd name'],
    ['a b', 1, 'cannot be part of a statsd name'],
    ['a#b', 1, 'cannot be part of a statsd name'],
  ])('refuses %j at offset %i', (text, offset, message) => {
    const parsed = parseTemplate(text)
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.error.offset).toBe(offset)
    expect(parsed.error.message).toContain(message)
  })

  it('names placeholders once, in order of first use, and tells whole-segment ones apart', () => {
    const name = template('<a>.x_<b>.<a>.<c>')
    expect(placeholderNames(name)).toEqual(['a', 'b', 'c'])
    expect(name.segments.map(wholeSegmentPlaceholder)).toEqual(['a', undefined, 'a', 'c'])
  })

  it('joins a prefix and a name as they go on the wire', () => {
    expect(joinTemplates(template('<PREFIX>'), template('feed.reads')).text).toBe('<PREFIX>.feed.reads')
    expect(joinTemplates(undefined, template('feed.reads')).text).toBe('feed.reads')
  })
})
