import {describe, expect, it} from 'vitest'
import {terminalText, visible} from '../../src/text/visible.js'

describe('visible', () => {
  it.each([
    ['plain.name', 'plain.name'],
    ['\u001b[31mred', '\\x1b[31mred'],
    ['a\nb\tc\r', 'a\\nb\\tc\\r'],
    ['nul\u0000', 'nul\\x00'],
    ['c1\u009b', 'c1\\x9b'],
    ['back\\slash', 'back\\\\slash'],
    ['emoji 😱 ok', 'emoji 😱 ok'],
    ['lone \ud800 surrogate', 'lone \\ud800 surrogate'],
    ['del\u007f', 'del\\x7f'],
    ['line\u2028sep', 'line\\u2028sep'],
  ])('%j → %j', (input, expected) => {
    expect(visible(input)).toBe(expected)
  })

  // Each of these can reorder or hide the text around it on a terminal.
  it.each([
    ...range(0x202a, 0x202e), ...range(0x2066, 0x2069), 0x200e, 0x200f, 0x061c,
    ...range(0x200b, 0x200d), ...range(0x2060, 0x2064), 0xfeff, 0x00ad,
    0x115f, 0x1160, 0x3164, 0xffa0,
  ].map(code => code.toString(16).padStart(4, '0')))('escapes U+%s', hex => {
    const code = Number.parseInt(hex, 16)
    const char = String.fromCodePoint(code)
    expect(visible(`exe.${char}gpj`)).toBe(`exe.\\u${hex}gpj`)
    expect(terminalText(`a ${char}`)).toBe(`a \\u${hex}`)
  })

  it('escapes every format character (Cf), the invisible tag characters past U+FFFF included, by code point', () => {
    expect(visible('flag\u{e0067}\u{e0062}')).toBe('flag\\u{e0067}\\u{e0062}')
    for (let code = 0; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue
      const char = String.fromCodePoint(code)
      if (/\p{Cf}/u.test(char)) expect(visible(char)).not.toContain(char)
    }
  })

  it('leaves letters, emoji and variation selectors alone', () => {
    for (const text of ['naïve', 'מדד', 'مقياس', '指标', '❤\ufe0f', '😱']) expect(visible(text)).toBe(text)
  })
})

function range(from: number, to: number): number[] {
  return Array.from({length: to - from + 1}, (_, i) => from + i)
}

describe('terminalText', () => {
  it.each([
    [String.raw`regex '^a\.(b)$'`, String.raw`regex '^a\.(b)$'`],
    ['\u001b[2J a\\b', '\\x1b[2J a\\\\b'],
    ['lone \ud800', 'lone \\ud800'],
    ['rule \u202e(a+)$', 'rule \\u202e(a+)$'],
  ])('%j → %j, and again unchanged', (input, expected) => {
    expect(terminalText(input)).toBe(expected)
    expect(terminalText(terminalText(input))).toBe(expected)
  })
})
