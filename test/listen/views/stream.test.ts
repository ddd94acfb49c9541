import {describe, expect, it} from 'vitest'
import {jsonRecord} from '../../../src/listen/views/json.js'
import {safeJson} from '../../../src/text/safe-json.js'
import {MAX_NAME_WIDTH, prettyRecord, widen, type PrettyWidths} from '../../../src/listen/views/pretty.js'
import {rawLines} from '../../../src/listen/views/raw.js'
import {MAX_SHOWN, palette} from '../../../src/listen/views/style.js'
import {StatsdParser, type ParseRecord} from '../../../src/statsd/parse.js'

const records = (text: string): ParseRecord[] => new StatsdParser().parsePacket(Buffer.from(text)).records
const AT = new Date(2026, 0, 2, 3, 4, 5, 678).getTime()

function pretty(text: string, color = false): string[] {
  let widths: PrettyWidths = {name: 0, value: 0}
  return records(text).map(record => {
    widths = widen(widths, record)
    return prettyRecord(record, AT, widths, palette(color))
  })
}

const ESC = '\u001b'
const C1_CSI = '\u009b'

describe('pretty view', () => {
  it('shows the time, type, name, value, rate and tags in columns', () => {
    expect(pretty('api.requests:1|c|@0.5|#env:prod\nq:+3|g\nt:12.5|ms|#canary')).toEqual([
      '03:04:05.678 COUNT  api.requests  1  @0.5  env:prod',
      '03:04:05.678 GAUGE  q             +3',
      '03:04:05.678 TIMER  t             12.5  canary',
    ])
  })

  it('shows a bad line with its reason, and errors counted for a kept sample', () => {
    expect(pretty('no colon\nx:1|c|@bad')).toEqual([
      '03:04:05.678 BAD    malformed_line  no colon',
      '03:04:05.678 COUNT  x  1  [invalid_sample_factor]',
    ])
  })

  it('caps the name column, so that one long name does not push every line', () => {
    const widths = widen({name: 0, value: 0}, records('x'.repeat(80) + ':1|c')[0])
    expect(widths.name).toBe(MAX_NAME_WIDTH)
  })

  it('shortens a long name in the middle, and long tags, set members and bad lines at the end', () => {
    const [counter, set, bad] = pretty(`a.${'x'.repeat(500)}.z:1|c|#${'k'.repeat(500)}:v\ns:${'m'.repeat(500)}|s\n${'b'.repeat(500)}`)
    expect(counter).toMatch(new RegExp(`COUNT  a\\.x{48}…x{47}\\.z  1  k{${MAX_SHOWN.tags - 1}}…$`))
    expect(set).toMatch(new RegExp(` m{${MAX_SHOWN.value - 1}}…$`))
    expect(bad).toMatch(new RegExp(`malformed_line  b{${MAX_SHOWN.line - 1}}…$`))
  })

  it('colours each type differently when asked', () => {
    const [counter, gauge] = pretty('a:1|c\nb:1|g', true)
    expect(counter).toContain(`${ESC}[32mCOUNT`)
    expect(gauge).toContain(`${ESC}[36mGAUGE`)
  })

  it('never lets an escape sequence from the network reach the terminal', () => {
    const hostile = `${ESC}]0;pwned${ESC}\\:1|c|#k:${ESC}[2J\nset:${C1_CSI}31m|s\n${ESC}[1Abad line`
    const out = pretty(hostile).join('\n')
    expect(out).not.toContain(ESC)
    expect(out).not.toContain(C1_CSI)
    expect(out).toContain('\\x1b]0;pwned\\x1b\\\\')
    expect(out).toContain('\\x9b31m')
  })

  it('escapes bidi controls in names, tags and set members, so that nothing is reordered', () => {
    const out = pretty('exe.\u202egpj:1|c|#k:\u2067v\nset:\u200f1|s').join('\n')
    expect(out).not.toMatch(/[\u202e\u2067\u200f]/)
    expect(out).toContain('exe.\\u202egpj')
    expect(out).toContain('k:\\u2067v')
    expect(out).toContain('\\u200f1')
  })
})

describe('json view', () => {
  it('prints the json record of each sample or bad line', () => {
    expect(records('a:1|c\nbad').map(record => JSON.parse(jsonRecord(record)))).toEqual([
      {lineNo: 1, name: 'a', type: 'c', value: 1, rate: 1, tags: {}, relative: false, prometheus: {kind: 'counter', value: 1, repeat: 1, labels: {}}},
      {lineNo: 2, error: 'malformed_line', line: 'bad'},
    ])
  })

  it('escapes DEL, C1 controls and line separators that JSON.stringify leaves raw, without changing the value', () => {
    const text = `{"name":"a\u007fb\u009bc\u2028d"}`
    const safe = safeJson(text)
    expect(safe).toBe('{"name":"a\\u007fb\\u009bc\\u2028d"}')
    expect(JSON.parse(safe)).toEqual(JSON.parse(text))
    expect(safeJson(safe)).toBe(safe)
  })

  it('escapes bidi controls and other invisible characters, past U+FFFF as a surrogate pair, without changing the value', () => {
    const text = JSON.stringify({name: 'a\u202eb\u2066c\u200bd\ufeffe\u{e0041}f'})
    const safe = safeJson(text)
    expect(safe).toBe('{"name":"a\\u202eb\\u2066c\\u200bd\\ufeffe\\udb40\\udc41f"}')
    expect(JSON.parse(safe)).toEqual(JSON.parse(text))
  })
})

describe('raw view', () => {
  it('prints each chosen line on its own line, escaped', () => {
    expect(rawLines(Buffer.from(`a:1|c\n\nb${ESC}:2|g\nc:3|c`), 10, lineNo => lineNo !== 13)).toBe('a:1|c\n\nb\\x1b:2|g\n')
  })
})
