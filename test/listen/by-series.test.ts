import {describe, expect, it} from 'vitest'
import {Aggregator} from '../../src/listen/aggregate.js'
import {AggregateView} from '../../src/listen/aggregate-view.js'
import type {GroupBy} from '../../src/listen/options.js'
import type {TextOutput} from '../../src/listen/output.js'
import type {RecordSink} from '../../src/listen/pipeline.js'
import {labelTags} from '../../src/listen/series.js'
import {TopTable} from '../../src/listen/top.js'
import {TopView} from '../../src/listen/top-view.js'
import {aggregateJson, aggregateTable} from '../../src/listen/views/aggregate.js'
import {topLines} from '../../src/listen/views/top.js'
import {StatsdParser} from '../../src/statsd/parse.js'
import {feedThroughPipeline} from './mapped.js'

const AT = new Date(2026, 0, 2, 3, 4, 5).getTime()

/** One packet of each outcome: mapped (with and without honor_labels), unmapped, dropped, empty name, and a set, which has no series. */
const PACKET = [
  'api.GET.200:1|c|#env:prod',
  'api.GET.200:2|c|@0.5|#env:prod',
  'api.POST.500:1|c',
  'debug.x:1|c',
  'debug.y:1|c|#env:prod',
  'blank.:1|c',
  'svc.auth.latency:10|ms',
  'svc.auth.latency:20|ms|#env:default',
  'foo.bar-baz:3|g|#env:prod',
  'users:alice|s',
].join('\n')

/** Records to the sink as the views get them: `{record, now, series}`. */
function aggregatorFed(groupBy: GroupBy | undefined, translate = true): Aggregator {
  const aggregator = new Aggregator({maxSeries: 100, percentiles: [], groupBy})
  const sink: RecordSink = {
    record: (record, _now, series) => record.kind === 'sample' && aggregator.add(record.sample, series),
    endPacket: () => undefined,
  }
  feedThroughPipeline(sink, [PACKET], {translate})
  return aggregator
}

const tag = (key: string, value: string): {key: string; value: string} => ({key, value})

describe('Aggregator grouped by Prometheus series', () => {
  it('tables each sample under its series, with statsd\'s arithmetic, and counts what the mapping drops', () => {
    const flush = aggregatorFed('series').flush(10)
    expect(flush.rows.map(row => [row.type, row.name, row.tags, 'count' in row ? row.count : 'value' in row ? row.value : row.unique])).toEqual([
      ['c', 'http_requests_total', [tag('code', '200'), tag('env', 'prod'), tag('method', 'GET')], 5],
      ['c', 'http_requests_total', [tag('code', '500'), tag('method', 'POST')], 1],
      ['g', 'foo_bar_baz', [tag('env', 'prod')], 3],
      // honor_labels: the tag env:default and the rule's env default are one series.
      ['ms', 'svc_latency', [tag('env', 'default'), tag('service', 'auth')], 2],
      // A set becomes no Prometheus event: it keeps its statsd name.
      ['s', 'users', [], 1],
    ])
    expect(flush.bySeries).toEqual({dropped: 3})
  })

  it('counts drops per interval', () => {
    const aggregator = aggregatorFed('series')
    aggregator.flush(10)
    expect(aggregator.flush(10).bySeries).toEqual({dropped: 0})
  })

  it('keeps the statsd name without a mapping', () => {
    const flush = aggregatorFed('series', false).flush(10)
    expect(flush.rows.map(row => row.name)).toEqual(['api.GET.200', 'api.POST.500', 'blank.', 'debug.x', 'debug.y', 'foo.bar-baz', 'svc.auth.latency', 'svc.auth.latency', 'users'])
    expect(flush.bySeries).toEqual({dropped: 0})
  })

  it.each([['name' as const], [undefined]])('groups by statsd name with groupBy %s, series or not', groupBy => {
    const flush = aggregatorFed(groupBy).flush(10)
    expect(flush.rows.map(row => row.name)).toEqual(['api.GET.200', 'api.POST.500', 'blank.', 'debug.x', 'debug.y', 'foo.bar-baz', 'svc.auth.latency', 'svc.auth.latency', 'users'])
    expect(flush).not.toHaveProperty('bySeries')
  })
})

describe('aggregate view grouped by Prometheus series', () => {
  it('titles the drops and writes labels as Prometheus does', () => {
    expect(aggregateTable(aggregatorFed('series').flush(10), AT, false)).toEqual([
      '── 03:04:05  10s  5 series  3 dropped by mapping',
      'COUNTERS             TYPE   count  rate/s  LABELS',
      'http_requests_total  COUNT      5     0.5  code="200",env="prod",method="GET"',
      'http_requests_total  COUNT      1     0.1  code="500",method="POST"',
      'GAUGES       TYPE   value  LABELS',
      'foo_bar_baz  GAUGE      3  env="prod"',
      'TIMERS       TYPE   count  count_ps  lower  upper  mean  median  std  sum  LABELS',
      'svc_latency  TIMER      2       0.2     10     20    15      15    5   30  env="default",service="auth"',
      'SETS   TYPE  unique  LABELS',
      'users  SET        1',
      '',
    ])
  })

  it('marks each JSON object "by": "series", with the series name and labels', () => {
    const [first] = aggregateJson(aggregatorFed('series').flush(10), AT)
    expect(first).toBe(`{"time":"${new Date(AT).toISOString()}","interval":10,"by":"series","name":"http_requests_total","type":"c","tags":{"code":"200","env":"prod","method":"GET"},"count":5,"rate":0.5}`)
  })

  it('gets each sample\'s series from the pipeline', () => {
    const output: TextOutput = {write: () => undefined}
    const view = new AggregateView(new Aggregator({maxSeries: 100, percentiles: [], groupBy: 'series'}), output, {format: 'json', intervalMs: 60_000, color: false, clock: () => AT})
    feedThroughPipeline(view, ['api.GET.200:1|c\ndebug.x:1|c'])
    expect(view.stop().join('').trim().split('\n').map(line => JSON.parse(line))).toMatchObject([{by: 'series', name: 'http_requests_total', tags: {code: '200', method: 'GET'}, count: 1}])
  })
})

function topFed(groupBy: GroupBy): TopTable {
  const table = new TopTable(100, AT - 1000, groupBy)
  feedThroughPipeline({record: (record, now, series) => record.kind === 'sample' && table.add(record.sample, now, series), endPacket: () => undefined}, [PACKET], {now: AT - 500})
  return table
}

describe('top grouped by Prometheus series', () => {
  it('counts series, and their cardinality, per Prometheus name', () => {
    const snapshot = topFed('series').snapshot(AT, 10)
    expect(snapshot).toMatchObject({series: 5, samples: 10, overflow: 0, bySeries: {dropped: 3}})
    expect(snapshot.rows.map(row => [row.name, row.count, row.cardinality])).toEqual([
      ['http_requests_total', 2, 2],
      ['svc_latency', 2, 1],
      ['foo_bar_baz', 1, 1],
      ['http_requests_total', 1, 2],
      ['users', 1, 1],
    ])
  })

  it('groups by statsd name by default', () => {
    const snapshot = topFed('name').snapshot(AT, 10)
    expect(snapshot).toMatchObject({series: 9, samples: 10})
    expect(snapshot).not.toHaveProperty('bySeries')
  })

  it('says so in the title, with the drops, and writes labels as Prometheus does', () => {
    const lines = topLines(topFed('series').snapshot(AT, 2), {now: AT, source: 'udp://127.0.0.1:8125', color: false})
    expect(lines).toEqual([
      'metrics tail --top --by series  udp://127.0.0.1:8125  03:04:05  5 series  10 samples/s  10 samples  3 dropped by mapping',
      'NAME                 TYPE   COUNT  RATE/s  LAST  SEEN  SERIES  LABELS',
      'http_requests_total  COUNT      2       2     2  0.5s       2  code="200",env="prod",method="GET"',
      'svc_latency          TIMER      2       2    20  0.5s       1  env="default",service="auth"',
    ])
  })

  it('gets each sample\'s series from the pipeline', () => {
    const view = new TopView(new TopTable(100, AT - 1000, 'series'), {write: () => undefined}, {intervalMs: 60_000, color: false, clock: () => AT})
    feedThroughPipeline(view, ['api.GET.200:1|c\ndebug.x:1|c'], {now: AT})
    expect(view.stop().join('')).toMatch(/^http_requests_total\s+COUNT\s+1\s.*\scode="200",method="GET"$/m)
  })
})

describe('labelTags', () => {
  it('lists labels as tags sorted by name, one shared list per labels object', () => {
    const [record] = new StatsdParser().parsePacket(Buffer.from('m:1|c|#b:2,__proto__:x,a:1')).records
    if (record.kind !== 'sample' || 'error' in record.prometheus) throw new Error('no event')
    const {labels} = record.prometheus
    expect(labelTags(labels)).toEqual([tag('__proto__', 'x'), tag('a', '1'), tag('b', '2')])
    expect(labelTags(labels)).toBe(labelTags(labels))
  })
})
