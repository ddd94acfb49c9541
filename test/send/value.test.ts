import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {parseNumber, parseValueSource, type ValueSource} from '../../src/send/value.js'

/** What parseValueSource did with a regex, `LOW..HIGH` split at the last `..` that leaves both ends: the reference on short texts. */
function byRegex(text: string): ValueSource | string {
  const range = /^([+-]?[\d.eE+-]+)\.\.([+-]?[\d.eE+-]+)$/.exec(text)
  try {
    if (!range) return {kind: 'fixed', value: parseNumber(text, 'v')}
    const [low, high] = [parseNumber(range[1], 'v'), parseNumber(range[2], 'v')]
    if (low > high) return `v: range ${text} runs backwards`
    return {kind: 'range', low, high, integers: Number.isInteger(low) && Number.isInteger(high)}
  } catch (error) {
    return (error as Error).message
  }
}

function outcome(text: string): ValueSource | string {
  try {
    return parseValueSource(text, 'v')
  } catch (error) {
    return (error as Error).message
  }
}

describe('parseValueSource', () => {
  it('reads values and ranges as the regex did', () => {
    fc.assert(fc.property(fc.string({unit: fc.constantFrom(...'0123456789..eE+-x '), maxLength: 12}), text => {
      expect(outcome(text)).toEqual(byRegex(text))
    }), {numRuns: 20_000})
  })

  it('takes time linear in the text: a 300 KB line of `1..1..1..`', () => {
    const start = performance.now()
    expect(outcome(`${'1..'.repeat(100_000)}x`)).toMatch(/is not a number/)
    expect(performance.now() - start).toBeLessThan(1000)
  })
})
