import {describe, expect, it} from 'vitest'
import {Aggregator} from '../../src/listen/aggregate.js'
import {samplesOf} from './samples.js'

function aggregate(lines: string[], options: Partial<ConstructorParameters<typeof Aggregator>[0]> = {}): Aggregator {
  const aggregator = new Aggregator({maxSeries: 1000, percentiles: [90], ...options})
  for (const sample of samplesOf(...lines)) aggregator.add(sample)
  return aggregator
}

// Every expected number below is worked out by hand from statsd's lib/process_metrics.js.
describe('Aggregator (statsd flush semantics)', () => {
  it('counts a counter divided by its sample rate, and its rate per second of the interval', () => {
    const {rows} = aggregate(['hits:1|c', 'hits:2|c|@0.5', 'hits:3|c|@0.1']).flush(10)
    // 1 + 2/0.5 + 3/0.1 = 35 over 10 s
    expect(rows).toEqual([{type: 'c', name: 'hits', tags: [], count: 35, rate: 3.5}])
  })

  it('keeps the last gauge value, moves it by +N/-N, and keeps it across intervals', () => {
    const aggregator = aggregate(['depth:5|g', 'depth:+3|g', 'depth:-10|g'])
    expect(aggregator.flush(10).rows).toEqual([{type: 'g', name: 'depth', tags: [], value: -2}])
    expect(aggregator.flush(10).rows).toEqual([])
    for (const sample of samplesOf('depth:+1|g')) aggregator.add(sample)
    expect(aggregator.flush(10).rows).toEqual([{type: 'g', name: 'depth', tags: [], value: -1}])
  })

  it('gives timers count, count_ps, lower, upper, mean, median, std, sum and percentiles', () => {
    const lines = [1, 2, 3, 4, 5, 6, 7, 8, 9].map(v => `rt:${v}|ms`).concat('rt:10|ms|@0.5')
    const {rows} = aggregate(lines, {percentiles: [50, 90, 99]}).flush(10)
    expect(rows).toHaveLength(1)
    const row = rows[0]
    if (row.type !== 'ms') throw new Error('expected a timer')
    // count: nine at rate 1, one at 0.5 = 11; values 1..10
    expect(row).toMatchObject({count: 11, countPerSecond: 1.1, lower: 1, upper: 10, mean: 5.5, median: 5.5, sum: 55, approximate: false})
    // sqrt(((4.5² + 3.5² + 2.5² + 1.5² + 0.5²) × 2) / 10) = sqrt(8.25)
    expect(row.std).toBeCloseTo(Math.sqrt(8.25), 12)
    expect(row.percentiles).toEqual([
      {percentile: 50, count: 5, upper: 5, mean: 3, sum: 15},
      {percentile: 90, count: 9, upper: 9, mean: 5, sum: 45},
      {percentile: 99, count: 10, upper: 10, mean: 5.5, sum: 55},
    ])
  })

  it('takes the median of an odd count from the middle, and skips a percentile that holds no value', () => {
    const {rows} = aggregate(['t:30|ms', 't:10|ms', 't:20|ms'], {percentiles: [10, 90]}).flush(1)
    // round(0.1 × 3) = 0 values: statsd leaves the 10th percentile out; round(0.9 × 3) = 3
    expect(rows[0]).toMatchObject({median: 20, lower: 10, upper: 30, percentiles: [{percentile: 90, count: 3, upper: 30, mean: 20, sum: 60}]})
  })

  it('treats a single value as every percentile', () => {
    const {rows} = aggregate(['t:7|h'], {percentiles: [90]}).flush(1)
    expect(rows[0]).toMatchObject({type: 'h', count: 1, median: 7, std: 0, percentiles: [{percentile: 90, count: 1, upper: 7, mean: 7, sum: 7}]})
  })

  it('counts the unique members of a set', () => {
    const {rows} = aggregate(['users:alice|s', 'users:bob|s', 'users:alice|s', 'users:42|s']).flush(10)
    expect(rows).toEqual([{type: 's', name: 'users', tags: [], unique: 3, approximate: false}])
  })

  it('keeps series apart by tags, whatever their order, and by type', () => {
    const {rows} = aggregate(['a:1|c|#env:prod,az:1', 'a:1|c|#az:1,env:prod', 'a:1|c|#env:dev', 'a:4|g']).flush(1)
    expect(rows.map(row => [row.type, row.tags, row.type === 'c' ? row.count : undefined])).toEqual([
      ['c', [{key: 'az', value: '1'}, {key: 'env', value: 'prod'}], 2],
      ['c', [{key: 'env', value: 'dev'}], 1],
      ['g', [], undefined],
    ])
  })

  it('shows only the series that had data in the interval, counters from zero again', () => {
    const aggregator = aggregate(['a:1|c', 'b:1|c'])
    aggregator.flush(10)
    for (const sample of samplesOf('a:5|c')) aggregator.add(sample)
    expect(aggregator.flush(10).rows).toEqual([{type: 'c', name: 'a', tags: [], count: 5, rate: 0.5}])
  })

  it('orders rows counters, gauges, timers, sets, then by name', () => {
    const {rows} = aggregate(['z:1|s', 'y:1|ms', 'x:1|g', 'b:1|c', 'a:1|c']).flush(1)
    expect(rows.map(row => row.name)).toEqual(['a', 'b', 'x', 'y', 'z'])
  })

  it('refuses and counts, per interval, samples of new series when every series in the table had data', () => {
    const aggregator = aggregate(['a:1|c', 'b:1|c', 'c:1|c', 'a:1|c', 'c:1|c'], {maxSeries: 2})
    const flush = aggregator.flush(1)
    expect(flush.rows.map(row => row.name)).toEqual(['a', 'b'])
    expect(flush.maxSeries).toEqual({limit: 2, refused: 2, evicted: 0})
    expect(aggregator.flush(1).maxSeries).toEqual({limit: 2, refused: 0, evicted: 0})
    expect(aggregator.overflow).toBe(2)
  })

  it('forgets counters, timers and sets at each flush, as statsd with deleteIdleStats: the next interval has room for others', () => {
    const aggregator = aggregate(['a:1|c', 't:1|ms', 's:x|s'], {maxSeries: 3})
    aggregator.flush(1)
    for (const sample of samplesOf('b:1|c', 'c:1|c', 'd:1|c')) aggregator.add(sample)
    const flush = aggregator.flush(1)
    expect(flush.rows.map(row => row.name)).toEqual(['b', 'c', 'd'])
    expect(flush.maxSeries).toEqual({limit: 3, refused: 0, evicted: 0})
  })

  it('keeps gauges while there is room, then evicts the least recently updated idle one first', () => {
    const aggregator = aggregate(['g1:1|g', 'g2:2|g', 'g3:3|g', 'g1:+1|g'], {maxSeries: 3})
    aggregator.flush(1)
    // g2 was updated least recently, then g3, then g1.
    for (const sample of samplesOf('c1:1|c', 'c2:1|c')) aggregator.add(sample)
    const flush = aggregator.flush(1)
    expect(flush.rows.map(row => row.name)).toEqual(['c1', 'c2'])
    expect(flush.maxSeries).toEqual({limit: 3, refused: 0, evicted: 2})
    // g1 kept its value; g2 and g3, evicted, start again from 0.
    for (const sample of samplesOf('g1:+1|g', 'g2:+1|g')) aggregator.add(sample)
    expect(aggregator.flush(1).rows).toEqual([{type: 'g', name: 'g1', tags: [], value: 3}, {type: 'g', name: 'g2', tags: [], value: 1}])
    expect(aggregator.evicted).toBe(2)
  })

  it('never evicts a gauge that had data in the interval: it has a row to show', () => {
    const aggregator = aggregate(['g1:1|g', 'g2:2|g'], {maxSeries: 2})
    aggregator.flush(1)
    for (const sample of samplesOf('g1:5|g', 'c1:1|c', 'c2:1|c')) aggregator.add(sample)
    const flush = aggregator.flush(1)
    expect(flush.rows.map(row => row.name)).toEqual(['c1', 'g1'])
    expect(flush.maxSeries).toEqual({limit: 2, refused: 1, evicted: 1})
  })

  it('lets the same gauges go interval after interval, and still evicts the oldest when room is needed', () => {
    const aggregator = aggregate([], {maxSeries: 10})
    for (let interval = 0; interval < 2000; interval++) {
      for (const sample of samplesOf('g1:1|g', 'g2:1|g')) aggregator.add(sample)
      aggregator.flush(1)
    }
    for (const sample of samplesOf(...Array.from({length: 8}, (_, i) => `c${i}:1|c`))) aggregator.add(sample)
    expect(aggregator.flush(1).maxSeries).toEqual({limit: 10, refused: 0, evicted: 0})
    for (const sample of samplesOf(...Array.from({length: 10}, (_, i) => `d${i}:1|c`))) aggregator.add(sample)
    expect(aggregator.flush(1).maxSeries).toEqual({limit: 10, refused: 0, evicted: 2})
  })

  it('samples timer values past its value budget: exact count, sum, lower, upper, mean and std, approximate percentiles', () => {
    let seed = 1
    const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647)
    const values = Array.from({length: 1000}, (_, i) => i + 1)
    const {rows} = aggregate(values.map(v => `t:${v}|ms`), {valueBudget: 100, random}).flush(1)
    const row = rows[0]
    if (row.type !== 'ms') throw new Error('expected a timer')
    expect(row).toMatchObject({count: 1000, lower: 1, upper: 1000, sum: 500500, mean: 500.5, approximate: true})
    // The population standard deviation of 1..1000 is sqrt((1000² - 1) / 12).
    expect(row.std).toBeCloseTo(Math.sqrt((1000 ** 2 - 1) / 12), 6)
    expect(row.median).toBeGreaterThan(350)
    expect(row.median).toBeLessThan(650)
  })

  it('marks a set that ran out of room as a lower bound', () => {
    const {rows} = aggregate(['s:a|s', 's:b|s', 's:c|s', 's:a|s'], {valueBudget: 2}).flush(1)
    expect(rows).toEqual([{type: 's', name: 's', tags: [], unique: 2, approximate: true}])
  })
})

describe('Aggregator with no data', () => {
  it('flushes no rows', () => {
    expect(new Aggregator({maxSeries: 1, percentiles: [90]}).flush(10)).toEqual({intervalSeconds: 10, percentiles: [90], rows: [], maxSeries: {limit: 1, refused: 0, evicted: 0}})
  })
})
