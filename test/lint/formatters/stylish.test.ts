import {describe, expect, it} from 'vitest'
import {stylish} from '../../../src/lint/formatters/stylish.js'
import {additions, changes, clean, hostile, mixed} from './fixtures.js'

describe('stylish formatter', () => {
  it('prints nothing for clean results', () => {
    expect(stylish([clean], {color: false})).toBe('')
  })

  it('groups by file, sorts by position, aligns columns and sums up', () => {
    expect(stylish([clean, mixed], {color: false})).toBe([
      '',
      'mapping.yml',
      '   3:10  error    invalid match: a.b*                          invalid-match',
      '  12:9   warning  counter metrics should have "_total" suffix  counter-total',
      '',
      '✖ 2 problems (1 error, 1 warning)',
      '',
    ].join('\n'))
  })

  it('shows infos, counting them only when there are some', () => {
    expect(stylish([changes], {color: false})).toBe([
      '',
      'new.catalog.yml',
      '  4:11  info     metric a.b is new               metric-added',
      '  9:11  error    a.c was a counter, now a gauge  type-changed',
      '',
      '✖ 1 problem (1 error, 0 warnings, 1 info)',
      '',
    ].join('\n'))
    expect(stylish([additions], {color: false}).split('\n').slice(-2)).toEqual(['ℹ 1 info', ''])
  })

  it('uses colour only when asked', () => {
    expect(stylish([mixed], {color: false})).not.toContain('\u001b[')
    expect(stylish([mixed], {color: true})).toContain('\u001b[31m')
  })

  it('says "1 problem" in the singular', () => {
    expect(stylish([hostile], {color: false})).toContain('✖ 1 problem (1 error, 0 warnings)')
  })

  it('never writes control characters from untrusted text', () => {
    const out = stylish([hostile], {color: false})
    expect(out).not.toContain('\u001b')
    expect(out).toContain('evil\\x1b[2J.yml')
    expect(out).toContain("'a\\x1b[31mb'")
  })
})
