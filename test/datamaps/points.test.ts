import {describe, expect, it} from 'vitest'
import {ShardBuilder} from '../../src/datamaps/points.js'

describe('ShardBuilder', () => {
  it('cuts shards at the size limit and keeps every point once, in order', () => {
    const builder = new ShardBuilder(8)
    for (let i = 0; i < 20; i++) builder.add(i, -i)
    builder.addCell(1, 2, 6)
    const shards = builder.finish()
    expect(builder.points).toBe(26)
    expect(shards.map(shard => shard.count)).toEqual([8, 8, 4, 6])
    const lats = shards.flatMap(shard => Array.from({length: shard.count}, (_, i) => shard.points[2 * i]))
    expect(lats.slice(0, 20)).toEqual(Array.from({length: 20}, (_, i) => i))
    expect(lats.slice(20).every(lat => lat >= 1000 && lat < 2000)).toBe(true)
  })

  it('adds nothing for a cell too old to have points', () => {
    const builder = new ShardBuilder()
    builder.addCell(1, 2, 0)
    expect(builder.finish()).toEqual([])
  })
})
