import {describe, expect, it} from 'vitest'
import {Aggregator} from '../../../src/listen/aggregate.js'
import {TopTable} from '../../../src/listen/top.js'
import {aggregateJson, aggregateTable} from '../../../src/listen/views/aggregate.js'
import {MAX_COLUMN_WIDTH, renderTable} from '../../../src/listen/views/table.js'
import {formatAge, topLines} from '../../../src/listen/views/top.js'
import {MAX_SHOWN} from '../../../src/listen/views/style.js'
import {samplesOf} from '../samples.js'

const AT = new Date(2026, 0, 2, 3, 4, 5).getTime()

describe('renderTable', () => {
  it('aligns columns left or right, leaving the last one unpadded', () => {
    expect(renderTable([{header: 'NAME'}, {header: 'N', align: 'right'}, {header: 'TAGS'}], [['a', '1', 'x:1'], ['longer', '100', '']])).toEqual([
      'NAME      N  TAGS',
      'a         1  x:1',
      'longer  100',
    ])
  })

  it('measures plain text and paints afterwards, so colour does not break alignment', () => {
    const paint = (text: string): string => `<${text}>`
    expect(renderTable([{header: 'A'}, {header: 'B'}], [[{text: 'x', paint}, 'y'], ['xyz', 'w']])).toEqual(['A    B', '<x  >  y', 'xyz  w'])
  })

  it('pads a column to MAX_COLUMN_WIDTH at most: a longer cell runs long on its own line', () => {
    const long = 'n'.repeat(MAX_COLUMN_WIDTH * 4)
    const lines = renderTable([{header: 'NAME'}, {header: 'N', align: 'right'}], [[long, '1'], ['a', '2']])
    expect(lines[2]).toBe('a'.padEnd(MAX_COLUMN_WIDTH) + '  2')
    expect(lines[1]).toBe(long + '  1')
  })

  it('measures 300,000 rows, more than a spread into Math.max takes', () => {
    const rows = Array.from({length: 300_000}, (_, i) => [`s${i}`, '1'])
    expect(renderTable([{header: 'NAME'}, {header: 'N'}], rows)).toHaveLength(300_001)
  })

  it('cuts lines at the screen edge', () => {
    expect(renderTable([{header: 'NAME'}, {header: 'TAGS'}], [['abcdefgh', 'env:prod']], {maxWidth: 12})).toEqual(['NAME      TA', 'abcdefgh  en'])
  })
})

function flushOf(lines: string[], seconds: number, percentiles = [90]): ReturnType<Aggregator['flush']> {
  const aggregator = new Aggregator({maxSeries: 100, percentiles})
  for (const sample of samplesOf(...lines)) aggregator.add(sample)
  return aggregator.flush(seconds)
}

describe('aggregate view', () => {
  it('prints a table per type in statsd vocabulary', () => {
    const flush = flushOf(['hits:3|c|#env:prod', 'depth:7|g', 'rt:10|ms', 'rt:20|ms', 'users:a|s', 'users:b|s'], 10, [50, 90])
    expect(aggregateTable(flush, AT, false)).toEqual([
      '── 03:04:05  10s  4 series',
      'COUNTERS  TYPE   count  rate/s  TAGS',
      'hits      COUNT      3     0.3  env:prod',
      'GAUGES  TYPE   value  TAGS',
      'depth   GAUGE      7',
      'TIMERS  TYPE   count  count_ps  lower  upper  mean  median  std  sum  p50  p90  TAGS',
      'rt      TIMER      2       0.2     10     20    15      15    5   30   10   20',
      'SETS   TYPE  unique  TAGS',
      'users  SET        2',
      '',
    ])
  })

  it('says what --max-series cost in the interval', () => {
    const aggregator = new Aggregator({maxSeries: 1, percentiles: []})
    for (const sample of samplesOf('g:1|g')) aggregator.add(sample)
    aggregator.flush(1)
    for (const sample of samplesOf('a:1|c', 'b:1|c', 'c:1|c')) aggregator.add(sample)
    expect(aggregateTable(aggregator.flush(1), AT, false)[0]).toBe('── 03:04:05  1s  1 series  (--max-series 1 full: 1 idle gauge evicted, 2 samples refused)')
  })

  it('says in one title what --max-series cost and how many samples had no name', () => {
    const aggregator = new Aggregator({maxSeries: 1, percentiles: []})
    for (const sample of samplesOf('g:1|g')) aggregator.add(sample)
    aggregator.flush(1)
    for (const sample of samplesOf('a:1|c', 'b:1|c')) aggregator.add(sample)
    expect(aggregateTable(aggregator.flush(1), AT, false, 3)[0]).toBe('── 03:04:05  1s  1 series  3 without a name  (--max-series 1 full: 1 idle gauge evicted, 1 sample refused)')
  })

  it('says so when an interval had no samples', () => {
    expect(aggregateTable(new Aggregator({maxSeries: 1, percentiles: []}).flush(1), AT, false)).toEqual(['── 03:04:05  1s  0 series', 'no samples', ''])
  })

  it('marks estimates: ~ for sampled timer percentiles, >= for a capped set', () => {
    // A random draw that never replaces a kept value: the sample stays [1, 2].
    const aggregator = new Aggregator({maxSeries: 10, percentiles: [90], valueBudget: 2, random: () => 0.99})
    for (const sample of samplesOf('t:1|ms', 't:2|ms', 't:3|ms', 's:a|s', 's:b|s')) aggregator.add(sample)
    const table = aggregateTable(aggregator.flush(1), AT, false).join('\n')
    expect(table).toContain('t       TIMER      3         3      1      3     2    ~1.5  0.816497    6   ~2')
    expect(table).toContain('s     SET      >=0')
  })

  it('shortens a long name in the middle and long tags at the end, so that no column is padded to them', () => {
    const lines = aggregateTable(flushOf([`a.${'x'.repeat(5000)}.z:1|c|#${'t'.repeat(5000)}:1`, 'b:1|c'], 1), AT, false)
    expect(lines[2]).toMatch(new RegExp(`^a\\.x+…x+\\.z  COUNT      1       1  t{${MAX_SHOWN.tags - 1}}…$`))
    expect(lines[2].length).toBeLessThan(MAX_SHOWN.name + MAX_SHOWN.tags + 30)
    expect(lines[3]).toBe('b'.padEnd(MAX_SHOWN.name) + '  COUNT      1       1')
  })

  it('escapes names and tags from the network', () => {
    expect(aggregateTable(flushOf(['\u001b[2Jx:1|c|#k:\u0007'], 1), AT, false).join('\n')).toContain('\\x1b[2Jx  COUNT      1       1  k:\\x07')
  })

  it('prints one JSON object per series with statsd\'s names', () => {
    const flush = flushOf(['hits:3|c|#env:prod,canary', 'rt:10|ms', 'rt:20|ms', 'g:NaN|g'], 10, [90, 99.5])
    expect(aggregateJson(flush, AT).map(line => JSON.parse(line))).toEqual([
      {time: new Date(AT).toISOString(), interval: 10, name: 'hits', type: 'c', tags: {env: 'prod', canary: null}, count: 3, rate: 0.3},
      {time: new Date(AT).toISOString(), interval: 10, name: 'g', type: 'g', tags: {}, value: 'NaN'},
      {
        time: new Date(AT).toISOString(), interval: 10, name: 'rt', type: 'ms', tags: {},
        count: 2, count_ps: 0.2, lower: 10, upper: 20, mean: 15, median: 15, std: 5, sum: 30,
        count_90: 2, upper_90: 20, mean_90: 15, sum_90: 30, count_99_5: 2, upper_99_5: 20, mean_99_5: 15, sum_99_5: 30,
      },
    ])
  })

  it('begins a JSON interval that cost something at --max-series with a line that says so, then one line per series', () => {
    const aggregator = new Aggregator({maxSeries: 1, percentiles: []})
    for (const sample of samplesOf('g:1|g')) aggregator.add(sample)
    aggregator.flush(1)
    for (const sample of samplesOf('a:1|c', 'b:1|c')) aggregator.add(sample)
    expect(aggregateJson(aggregator.flush(1), AT).map(line => JSON.parse(line))).toEqual([
      {time: new Date(AT).toISOString(), interval: 1, max_series: {limit: 1, refused_samples: 1, evicted_gauges: 1}},
      {time: new Date(AT).toISOString(), interval: 1, name: 'a', type: 'c', tags: {}, count: 1, rate: 1},
    ])
  })
})

describe('top view', () => {
  it('shows the title and the busiest series, cut to the screen width', () => {
    const table = new TopTable(100, AT - 2000)
    for (const sample of samplesOf('req:1|c|#route:/a', 'req:1|c|#route:/b', 'req:1|c|#route:/a', 'users:\u001b[31m|s')) table.add(sample, AT - 500)
    const lines = topLines(table.snapshot(AT, 10), {now: AT, source: 'udp://127.0.0.1:8125', color: false, width: 60})
    expect(lines).toEqual([
      'metrics tail --top  udp://127.0.0.1:8125  03:04:05  3 series',
      'NAME   TYPE   COUNT  RATE/s      LAST  SEEN  SERIES  TAGS',
      'req    COUNT      2       1         1  0.5s       2  route:/',
      'req    COUNT      1     0.5         1  0.5s       2  route:/',
      'users  SET        1     0.5  \\x1b[31m  0.5s       1',
    ])
  })

  it('says what --max-series cost under the title and counts samples without a name in it, both cut to the screen width', () => {
    const table = new TopTable(1, AT - 2000)
    for (const sample of samplesOf('old:1|c')) table.add(sample, AT - 1500)
    table.snapshot(AT - 1000, 10)
    for (const sample of samplesOf('new:1|c', 'more:1|c', ',a=b:1|c')) table.add(sample, AT - 500)
    const screen = {now: AT, source: 'udp://127.0.0.1:8125', color: false}
    const lines = topLines(table.snapshot(AT, 10), screen)
    expect(lines.slice(0, 2)).toEqual([
      'metrics tail --top  udp://127.0.0.1:8125  03:04:05  1 series  3 samples/s  4 samples  1 without a name',
      '--max-series full: 1 idle series forgotten, 1 sample not shown',
    ])
    expect(topLines(table.snapshot(AT, 10), {...screen, width: 30}).slice(0, 2)).toEqual([lines[0].slice(0, 30), lines[1].slice(0, 30)])
  })

  it.each([[400, '0.4s'], [12_400, '12s'], [180_000, '3m'], [7_200_000, '2h'], [-5, '0.0s']])('age %d ms is %s', (ms, text) => {
    expect(formatAge(ms)).toBe(text)
  })
})
