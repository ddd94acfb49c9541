import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {mergeUnique} from '../../src/datamaps/merge.js'

const run = (values: number[]): Float64Array => Float64Array.from(values).sort()

describe('mergeUnique (merge -u)', () => {
  it('merges sorted shards into one sorted run without repeats', () => {
    const merged = mergeUnique([run([1, 5, 9]), run([2, 5, 5, 10]), run([]), run([0, 9, 11])])
    expect(Array.from(merged.keys.subarray(0, merged.count))).toEqual([0, 1, 2, 5, 9, 10, 11])
  })

  it('is the sorted set of every key, whatever the shards', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({min: 0, max: 2 ** 42 - 1}), {maxLength: 50}), {maxLength: 8}), shards => {
        const merged = mergeUnique(shards.map(run))
        expect(Array.from(merged.keys.subarray(0, merged.count))).toEqual([...new Set(shards.flat())].sort((a, b) => a - b))
      }),
    )
  })

  it('shares its output with worker threads', () => {
    expect(mergeUnique([run([3])]).keys.buffer).toBeInstanceOf(SharedArrayBuffer)
    expect(mergeUnique([]).count).toBe(0)
  })
})
