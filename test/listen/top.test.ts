import {describe, expect, it} from 'vitest'
import {TopTable} from '../../src/listen/top.js'
import {samplesOf} from './samples.js'

function feed(table: TopTable, now: number, ...lines: string[]): void {
  for (const sample of samplesOf(...lines)) table.add(sample, now)
}

describe('TopTable', () => {
  it('ranks series by their rate since the last snapshot, with count, last value, last seen and cardinality', () => {
    const table = new TopTable(100, 0)
    feed(table, 100, 'req:1|c|#route:/a', 'req:1|c|#route:/a', 'req:1|c|#route:/b', 'depth:5|g')
    feed(table, 1500, 'depth:7|g', 'depth:+1|g', 'req:1|c|#route:/a', 'users:alice|s')
    const snapshot = table.snapshot(2000, 10)
    expect(snapshot).toMatchObject({series: 4, samples: 8, rate: 4, overflow: 0})
    expect(snapshot.rows.map(row => [row.name, row.count, row.rate, row.last, row.lastSeen, row.cardinality])).toEqual([
      ['depth', 3, 1.5, 1, 1500, 1],
      ['req', 3, 1.5, 1, 1500, 2],
      ['req', 1, 0.5, 1, 100, 2],
      ['users', 1, 0.5, 'alice', 1500, 1],
    ])
  })

  it('starts a new window at each snapshot: a quiet series falls below a busy one', () => {
    const table = new TopTable(100, 0)
    feed(table, 10, 'old:1|c', 'old:1|c', 'old:1|c')
    table.snapshot(1000, 10)
    feed(table, 1500, 'new:1|c')
    const {rows} = table.snapshot(2000, 10)
    expect(rows.map(row => [row.name, row.rate, row.count])).toEqual([['new', 1, 1], ['old', 0, 3]])
  })

  it('returns at most `limit` rows, the busiest', () => {
    const table = new TopTable(100, 0)
    feed(table, 1, ...Array.from({length: 50}, (_, i) => `m${i}:1|c`), 'm7:1|c', 'm7:1|c', 'm42:1|c')
    expect(table.snapshot(1000, 3).rows.map(row => row.name)).toEqual(['m7', 'm42', 'm0'])
  })

  it('counts samples over --max-series while every series was seen since the last snapshot', () => {
    const table = new TopTable(1, 0)
    feed(table, 1, 'a:1|c', 'b:1|c', 'b:1|c')
    expect(table.snapshot(1000, 10)).toMatchObject({series: 1, samples: 3, overflow: 2, evicted: 0})
  })

  it('forgets series not seen since the last snapshot to make room for new ones', () => {
    const table = new TopTable(2, 0)
    feed(table, 1, 'a:1|c', 'b:1|c')
    table.snapshot(1000, 10)
    feed(table, 1001, 'b:1|c', 'c:1|c', 'd:1|c')
    const snapshot = table.snapshot(2000, 10)
    // a was idle: c takes its room; b was seen again, so d finds none.
    expect(snapshot).toMatchObject({series: 2, overflow: 1, evicted: 1})
    expect(snapshot.rows.map(row => [row.name, row.count])).toEqual([['b', 2], ['c', 1]])
  })
})
