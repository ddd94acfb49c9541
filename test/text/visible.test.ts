import {describe, expect, it} from 'vitest'
import {visible} from '../../src/text/visible.js'

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
