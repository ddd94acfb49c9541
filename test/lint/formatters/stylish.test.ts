import {describe, expect, it} from 'vitest'
import {stylish} from '../../../src/lint/formatters/stylish.js'
import {toResult} from '../../../src/lint/result.js'
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

  it('pads messages to 100 columns at most: a megabyte-long pattern is not repeated as padding on every row', () => {
    const long = {ruleId: 'invalid-match', severity: 'error' as const, message: `invalid match: ${'a'.repeat(1 << 20)}`, line: 1, column: 10}
    const short = Array.from({length: 1000}, (_, i) => ({ruleId: 'duplicate-match', severity: 'warning' as const, message: 'repeats', line: i + 2, column: 10}))
    const out = stylish([toResult('big.yml', [long, ...short])], {color: false})
    expect(out.length).toBeLessThan((1 << 20) + 200_000)
    expect(out).toContain(`\n     2:10  warning  ${'repeats'.padEnd(100)}  duplicate-match\n`)
    expect(out).toContain(`${'a'.repeat(1000)}  invalid-match\n`)
  })

  it('reports 200,000 problems (a 4 MiB config of one repeated mapping has that many)', () => {
    const messages = Array.from({length: 200_000}, (_, i) => ({ruleId: 'duplicate-match', severity: 'warning' as const, message: 'repeats', line: i + 1, column: 10}))
    const out = stylish([toResult('big.yml', messages)], {color: false})
    expect(out).toContain('\n  200000:10  warning  repeats  duplicate-match\n')
    expect(out).toContain('✖ 200000 problems (0 errors, 200000 warnings)')
  })
})
