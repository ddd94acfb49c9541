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
  ])('%j → %j', (input, expected) => {
    expect(visible(input)).toBe(expected)
  })
})

describe('terminalText', () => {
  it.each([
    [String.raw`regex '^a\.(b)$'`, String.raw`regex '^a\.(b)$'`],
    ['\u001b[2J a\\b', '\\x1b[2J a\\\\b'],
    ['lone \ud800', 'lone \\ud800'],
  ])('%j → %j, and again unchanged', (input, expected) => {
    expect(terminalText(input)).toBe(expected)
    expect(terminalText(terminalText(input))).toBe(expected)
  })
})
