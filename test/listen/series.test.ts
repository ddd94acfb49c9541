import {describe, expect, it} from 'vitest'
import {SeriesTable, seriesTags, type TableEntry} from '../../src/listen/series.js'
import type {MetricType, Tag} from '../../src/statsd/sample.js'
import {samplesOf} from './samples.js'

interface Counted extends TableEntry {
  readonly type: MetricType
  readonly tags: Tag[]
  hits: number
}

function table(maxSeries = 100): SeriesTable<Counted> {
  return new SeriesTable<Counted>(maxSeries, (name, type, key) => ({name, key, type, tags: seriesTags(key), hits: 0, idleOlder: undefined, idleNewer: undefined}), 'name', state => state.hits === 1)
}

function feed(series: ReturnType<typeof table>, ...lines: string[]): void {
  for (const sample of samplesOf(...lines)) {
    const state = series.get(sample)
    if (state) state.hits++
  }
}

describe('SeriesTable', () => {
  it('keys a series by name, type and the set of its tags', () => {
    const series = table()
    feed(series, 'a:1|c|#x:1,y:2', 'a:2|c|#y:2,x:1', 'a:1|g|#x:1,y:2', 'a:1|c|#x:1', 'a:1|c|#x:1,y', 'b:1|c|#x:1,y:2', 'a:1|c')
    expect([...series.values()].map(({name, type, tags, hits}) => [name, type, tags, hits])).toEqual([
      ['a', 'c', [{key: 'x', value: '1'}, {key: 'y', value: '2'}], 2],
      ['a', 'g', [{key: 'x', value: '1'}, {key: 'y', value: '2'}], 1],
      ['a', 'c', [{key: 'x', value: '1'}], 1],
      ['a', 'c', [{key: 'x', value: '1'}, {key: 'y'}], 1],
      ['a', 'c', [], 1],
      ['b', 'c', [{key: 'x', value: '1'}, {key: 'y', value: '2'}], 1],
    ])
    expect(series.size).toBe(6)
  })

  it('tells a bare tag from an empty value, and takes name tags and DogStatsD tags with the same pairs as one', () => {
    const series = table()
    feed(series, 'a:1|c|#k', 'a:1|c|#k:', 'a,k=v:1|c', 'a:1|c|#k:v')
    expect([...series.values()].map(state => [state.tags, state.hits])).toEqual([
      [[{key: 'k'}], 1],
      [[{key: 'k', value: ''}], 1],
      [[{key: 'k', value: 'v'}], 2],
    ])
  })

  it('keeps tag values that hold the separators of other formats apart', () => {
    const series = table()
    feed(series, 'a:1|c|#k:a\\,b', 'a:1|c|#k:a=b', 'a:1|c|#k:a:b')
    expect(series.size).toBe(3)
  })

  it('counts what does not fit instead of keeping it', () => {
    const series = table(2)
    feed(series, 'a:1|c', 'b:1|c', 'c:1|c', 'c:1|c', 'a:1|c')
    expect(series.size).toBe(2)
    expect(series.overflow).toBe(2)
  })

  it('knows the cardinality of each name', () => {
    const series = table()
    feed(series, 'req:1|c|#route:/a', 'req:1|c|#route:/b', 'req:1|c|#route:/a', 'other:1|c')
    expect(series.cardinality('req')).toBe(2)
    expect(series.cardinality('other')).toBe(1)
    expect(series.cardinality('none')).toBe(0)
  })

  it('gives the room of a series let go of to a new one, the one let go of first, while it stays idle', () => {
    const series = table(3)
    feed(series, 'a:1|c', 'b:1|c', 'c:1|c')
    const [a, b, c] = series.values()
    series.idle(b)
    series.idle(a)
    series.idle(c)
    // c got busy again (the table's stillIdle says it is idle while hits is 1).
    feed(series, 'c:1|c', 'd:1|c', 'e:1|c', 'f:1|c')
    expect([...series.values()].map(state => state.name)).toEqual(['c', 'd', 'e'])
    expect(series.evicted).toBe(2)
    expect(series.overflow).toBe(1)
  })

  it('files a new series under its name when the series evicted for it was the last of that name', () => {
    const series = table(1)
    feed(series, 'a:1|c')
    series.idle([...series.values()][0])
    feed(series, 'a:1|c|#k:v')
    expect(series.cardinality('a')).toBe(1)
    expect([...series.values()].map(state => [state.name, state.tags])).toEqual([['a', [{key: 'k', value: 'v'}]]])
  })

  it('sweeps idle series and frees their room', () => {
    const series = table(2)
    feed(series, 'a:1|c', 'b:1|c', 'b:1|c')
    series.sweep(state => state.hits === 1)
    expect(series.size).toBe(1)
    expect(series.cardinality('a')).toBe(0)
    feed(series, 'c:1|c')
    expect([...series.values()].map(state => state.name)).toEqual(['b', 'c'])
  })
})
