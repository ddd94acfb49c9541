import {describe, expect, it} from 'vitest'
import {formatNumber, formatRate, formatStat, formatTags, formatValue} from '../../../src/listen/views/style.js'

describe('view formatting', () => {
  it.each([
    [1, '1'],
    [0.1, '0.1'],
    [-2.5e-7, '-2.5e-7'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, '+Inf'],
    [Number.NEGATIVE_INFINITY, '-Inf'],
  ])('number %d is %s', (value, text) => {
    expect(formatNumber(value)).toBe(text)
  })

  it('rounds statistics to six significant digits, and leaves whole numbers whole', () => {
    expect(formatStat(2.8722813232690143)).toBe('2.87228')
    expect(formatStat(1234567)).toBe('1234567')
    expect(formatStat(1 / 3)).toBe('0.333333')
  })

  it('groups the digits of a large rate and drops its fraction', () => {
    expect(formatRate(2125.4)).toBe('2,125')
    expect(formatRate(12.345678)).toBe('12.3457')
  })

  it('keeps the sign of a gauge delta, and escapes a set member', () => {
    expect(formatValue(5, true)).toBe('+5')
    expect(formatValue(-5, true)).toBe('-5')
    expect(formatValue(5)).toBe('5')
    expect(formatValue('\u001b[2J')).toBe('\\x1b[2J')
  })

  it('writes tags as k:v, bare tags as their key, escaped', () => {
    expect(formatTags([{key: 'env', value: 'prod'}, {key: 'canary'}, {key: 'x', value: 'a\u0007'}])).toBe('env:prod,canary,x:a\\x07')
  })
})
