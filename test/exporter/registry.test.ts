import {describe, expect, it} from 'vitest'
import {ExporterSink} from '../../src/exporter/exporter-sink.js'
import {formatFloat, SeriesRegistry} from '../../src/exporter/registry.js'
import {SELF_METRIC_NAMES} from '../../src/exporter/self-metrics.js'
import {DEFAULT_HELP, type SeriesOptions} from '../../src/exporter/translate.js'
import {Pipeline} from '../../src/listen/pipeline.js'
import {StatsdParser} from '../../src/statsd/parse.js'
import {MAPPING_YAML, translatorFor} from '../listen/mapped.js'

/** An exporter's registry and sink, fed by a real parser, mapping and pipeline. */
function exporter(yaml = 'mappings: []\n') {
  const registry = new SeriesRegistry(SELF_METRIC_NAMES)
  const sink = new ExporterSink(registry)
  let now = 0
  const pipeline = new Pipeline({parser: new StatsdParser(), sink, translator: translatorFor(yaml), clock: () => now})
  return {
    registry,
    counts: sink.counts,
    /** One packet per argument, at time `at` (ms). */
    send(at: number, ...packets: string[]): void {
      now = at
      for (const packet of packets) pipeline.handle(Buffer.from(packet))
    },
    /** The statsd series only, as scraped at `at`. */
    scrape: (at = now): string => registry.exposition(at, []).toString(),
  }
}

/** The exposition text of these lines, sent as one packet. */
function exposed(lines: string, yaml?: string): string {
  const e = exporter(yaml)
  e.send(0, lines)
  return e.scrape()
}

const header = (name: string, type: string, help = DEFAULT_HELP): string => `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n`

const HISTOGRAM = 'defaults:\n  observer_type: histogram\nmappings: []\n'
const DEFAULT_BUCKET_BOUNDS = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10']

function histogramLines(name: string, labels: string, bounds: readonly string[], cumulative: readonly number[], sum: string, count: number): string {
  const prefix = labels === '' ? '' : `${labels},`
  const braces = labels === '' ? '' : `{${labels}}`
  return [
    ...bounds.map((bound, i) => `${name}_bucket{${prefix}le="${bound}"} ${cumulative[i]}`),
    `${name}_bucket{${prefix}le="+Inf"} ${count}`,
    `${name}_sum${braces} ${sum}`,
    `${name}_count${braces} ${count}`,
  ].join('\n') + '\n'
}

describe('SeriesRegistry through the exporter sink', () => {
  it.each([
    ['counters add, divided by their sample rate', 'a:1|c\na:2|c\nb:0.5|c|@0.5', `${header('a', 'counter')}a 3\n${header('b', 'counter')}b 1\n`],
    ['a gauge is set, or moved by a signed value, below zero too', 'g:5|g\ng:+2|g\ng:-10|g', `${header('g', 'gauge')}g -3\n`],
    ['a gauge ignores its sample rate', 'g:4|g|@0.5', `${header('g', 'gauge')}g 4\n`],
    ['a timer arrives in seconds, and a summary is the default observer', 't:1500|ms', `${header('t', 'summary')}t{quantile="0.5"} 1.5\nt{quantile="0.9"} 1.5\nt{quantile="0.99"} 1.5\nt_sum 1.5\nt_count 1\n`],
    ['an unmapped name is escaped', 'my-app.req/s:1|c\n0day:1|c', `${header('_0day', 'counter')}_0day 1\n${header('my_app_req_s', 'counter')}my_app_req_s 1\n`],
    ['values are written as Go writes them', 'big:1000000|g\nsmall:0.00001|g\nodd:123456.5|g', `${header('big', 'gauge')}big 1e+06\n${header('odd', 'gauge')}odd 123456.5\n${header('small', 'gauge')}small 1e-05\n`],
    ['label values are escaped and series ordered by them', 'q:1|c|#k:b\nq:1|c|#k:a"\\\nq:2|c|#k:a', `${header('q', 'counter')}q{k="a"} 2\nq{k="a\\"\\\\"} 1\nq{k="b"} 1\n`],
    [
      'one name with different label-name sets is one family: fewer labels first, then by value',
      'm:1|c|#zone:a\nm:1|c|#az:b\nm:5|c\nm:1|c|#az:a,zone:z',
      `${header('m', 'counter')}m 5\nm{zone="a"} 1\nm{az="b"} 1\nm{az="a",zone="z"} 1\n`,
    ],
  ])('%s', (_, lines, expected) => {
    expect(exposed(lines)).toBe(expected)
  })

  it('orders label values as bytes, as Go does, not as UTF-16 units', () => {
    expect(exposed('u:1|c|#v:😀\nu:1|c|#v:\uFFFD\nu:1|c|#v:é')).toBe(`${header('u', 'counter')}u{v="é"} 1\nu{v="\uFFFD"} 1\nu{v="😀"} 1\n`)
  })

  it('fills default buckets cumulatively, with +Inf, _sum and _count', () => {
    const cumulative = [0, 0, 0, 0, 0, 1, 1, 2, 2, 2, 3]
    expect(exposed('h:200|ms\nh:1|h\nh:7|h\nh:50|h', HISTOGRAM)).toBe(header('h', 'histogram') + histogramLines('h', '', DEFAULT_BUCKET_BOUNDS, cumulative, '58.2', 4))
  })

  it('takes buckets from the mapping, sorted, with labels before le', () => {
    const yaml = 'mappings:\n- match: "req.*"\n  name: req_seconds\n  observer_type: histogram\n  histogram_options:\n    buckets: [1, 0.1, 1000000]\n  labels:\n    path: "$1"\n'
    expect(exposed('req.home:0.05|h\nreq.home:2|h', yaml)).toBe(header('req_seconds', 'histogram') + histogramLines('req_seconds', 'path="home"', ['0.1', '1', '1e+06'], [1, 1, 2], '2.05', 2))
  })

  it('records a sampled observation int(1/rate) times, and none for a rate above 1', () => {
    const e = exporter(HISTOGRAM)
    e.send(0, 'h:1|h|@0.25\nnone:1|h|@2')
    expect(e.scrape()).toBe(header('h', 'histogram') + histogramLines('h', '', DEFAULT_BUCKET_BOUNDS, [0, 0, 0, 0, 0, 0, 0, 4, 4, 4, 4], '4', 4))
    expect(e.counts.events.observer).toBe(4)
    expect(e.counts.unmapped).toBe(4)
  })

  it('multiplies values by the mapping scale', () => {
    const yaml = 'mappings:\n- match: "bytes"\n  name: bytes_total\n  scale: 0.001\n- match: "lat"\n  name: lat_seconds\n  scale: 2\n  observer_type: histogram\n  histogram_options: {buckets: [1]}\n'
    expect(exposed('bytes:2500|c\nlat:300|ms', yaml)).toBe(`${header('bytes_total', 'counter')}bytes_total 2.5\n${header('lat_seconds', 'histogram')}${histogramLines('lat_seconds', '', ['1'], [1], '0.6', 1)}`)
  })

  it('maps, honours tag labels with honor_labels, drops, and counts each outcome', () => {
    const e = exporter(MAPPING_YAML)
    e.send(0, 'api.get.200:1|c\nsvc.cart.latency:20|ms|#env:prod\nsvc.cart.latency:30|ms\ndebug.x:1|c\nblank.:1|c\nother:1|c')
    expect(e.scrape()).toBe(
      `${header('http_requests_total', 'counter')}http_requests_total{code="200",method="get"} 1\n` +
      `${header('other', 'counter')}other 1\n` +
      `${header('svc_latency', 'summary')}` +
      'svc_latency{env="default",service="cart",quantile="0.5"} 0.03\nsvc_latency{env="default",service="cart",quantile="0.9"} 0.03\nsvc_latency{env="default",service="cart",quantile="0.99"} 0.03\n' +
      'svc_latency_sum{env="default",service="cart"} 0.03\nsvc_latency_count{env="default",service="cart"} 1\n' +
      'svc_latency{env="prod",service="cart",quantile="0.5"} 0.02\nsvc_latency{env="prod",service="cart",quantile="0.9"} 0.02\nsvc_latency{env="prod",service="cart",quantile="0.99"} 0.02\n' +
      'svc_latency_sum{env="prod",service="cart"} 0.02\nsvc_latency_count{env="prod",service="cart"} 1\n',
    )
    expect(e.counts.actions).toEqual({map: 3, drop: 1})
    expect(e.counts.unmapped).toBe(1)
    expect(e.counts.errors.empty_metric_name).toBe(1)
    expect(e.counts.events).toEqual({counter: 2, gauge: 0, observer: 2})
  })

  it('refuses a negative counter increment', () => {
    const e = exporter()
    e.send(0, 'c:-1|c\nc:2|c')
    expect(e.scrape()).toBe(`${header('c', 'counter')}c 2\n`)
    expect(e.counts.errors.illegal_negative_counter).toBe(1)
    expect(e.counts.events.counter).toBe(1)
  })

  it.each([
    ['a type change', 'x:1|c\nx:5|g\nx:7|h', 'x', [{type: 'gauge', name: 'x', count: 1}, {type: 'observer', name: 'x', count: 1}]],
    ['a counter named like a histogram series', 'lat:1|h\nlat_sum:1|c\nlat_bucket:1|g', 'lat', [{type: 'counter', name: 'lat_sum', count: 1}, {type: 'gauge', name: 'lat_bucket', count: 1}]],
    ['a histogram named as the base of a counter', 'q_count:1|c\nq:1|h', 'q_count', [{type: 'observer', name: 'q', count: 1}]],
    ['the exporter\'s own metric names', 'statsd_exporter_lines_total:1|c', undefined, [{type: 'counter', name: 'statsd_exporter_lines_total', count: 1}]],
  ])('counts %s as a conflict and keeps the scrape whole', (_, lines, kept, conflicts) => {
    const e = exporter(HISTOGRAM)
    e.send(0, lines)
    const text = e.scrape()
    expect(text.match(/^# TYPE (\S+)/gm)?.map(line => line.slice(7))).toEqual(kept === undefined ? undefined : [kept])
    expect([...e.counts.conflictEntries]).toEqual(conflicts)
  })

  it('lets a summary X live beside a counter X_bucket, as client_golang does', () => {
    expect(exposed('s:1|h\ns_bucket:1|c')).toContain('# TYPE s_bucket counter\ns_bucket 1\n')
  })

  it.each([
    ['le on a histogram', 'h:1|h|#le:x', HISTOGRAM],
    ['quantile on a summary', 's:1|h|#quantile:x', 'mappings: []\n'],
    ['a label name starting with __', 'c:1|c|#__name:x', 'mappings: []\n'],
  ])('refuses %s, which client_golang would not export', (_, line, yaml) => {
    const e = exporter(yaml)
    e.send(0, line)
    expect(e.scrape()).toBe('')
    expect(e.counts.errors.illegal_label_name).toBe(1)
  })

  it('allows le and quantile labels on counters', () => {
    expect(exposed('c:1|c|#le:x,quantile:y')).toBe(`${header('c', 'counter')}c{le="x",quantile="y"} 1\n`)
  })

  it('expires series idle longer than their TTL, then empty families, and refreshes on update', () => {
    // A mapping's `ttl: 0` would take the default's: only unmapped `keep` never expires.
    const e = exporter('mappings:\n- match: a\n  name: a\n  ttl: 10s\n- match: b\n  name: b\n  ttl: 10s\n')
    e.send(0, 'a:1|c|#k:1\na:1|c|#k:2\nkeep:1|g\nb:1|g')
    e.send(8000, 'a:1|c|#k:2')
    expect(e.registry.expire(10_000)).toBe(0)
    expect(e.registry.expire(10_001)).toBe(2)
    expect(e.scrape()).toBe(`${header('a', 'counter')}a{k="2"} 2\n${header('keep', 'gauge')}keep 1\n`)
    expect(e.registry.metricsByType).toEqual([['counter', 1], ['gauge', 1]])
    expect(e.registry.expire(18_001)).toBe(1)
    expect(e.registry.metricsByType).toEqual([['counter', 0], ['gauge', 1]])
    // Once gone, a name is free for another type, and an old series starts again from zero.
    e.send(20_000, 'a:3|g\nb:5|c')
    expect(e.scrape()).toBe(`${header('a', 'gauge')}a 3\n${header('b', 'counter')}b 5\n${header('keep', 'gauge')}keep 1\n`)
  })

  it('writes a large exposition whole, multi-byte label values included', () => {
    const e = exporter()
    const lines = Array.from({length: 6000}, (_, i) => `big:${i}|g|#id:${i},name:${'é😀'.repeat(1 + (i % 7))}`)
    for (let i = 0; i < lines.length; i += 50) e.send(0, lines.slice(i, i + 50).join('\n'))
    const text = e.scrape()
    expect(Buffer.byteLength(text)).toBeGreaterThan(256 * 1024)
    const samples = text.split('\n').filter(line => line.startsWith('big{'))
    expect(samples).toHaveLength(6000)
    expect(samples).toContain(`big{id="5999",name="${'é😀'.repeat(1 + (5999 % 7))}"} 5999`)
    expect(text.endsWith('\n')).toBe(true)
  })

  it('keeps the TTL a series was created with', () => {
    const registry = new SeriesRegistry()
    const options = (ttlSeconds: number): SeriesOptions => ({help: 'h', ttlSeconds, scale: 1, observer: {type: 'histogram', histogram: {buckets: [1], nativeHistogramBucketFactor: 0, nativeHistogramMaxBuckets: 0}}})
    const labels = Object.freeze({})
    registry.counter('c', labels, options(1), 0)
    registry.counter('c', labels, options(0), 500)
    expect(registry.expire(1501)).toBe(1)
  })

  it('keeps the help text and buckets of the first series of a name', () => {
    const yaml = 'mappings:\n- match: "a.*"\n  name: lat\n  help: First.\n  observer_type: histogram\n  histogram_options: {buckets: [1]}\n  labels: {id: "$1"}\n' +
      '- match: "b.*"\n  name: lat\n  help: Second.\n  observer_type: histogram\n  histogram_options: {buckets: [2]}\n  labels: {id: "$1"}\n'
    expect(exposed('a.1:0.5|h\nb.2:0.5|h', yaml)).toBe(`${header('lat', 'histogram', 'First.')}${histogramLines('lat', 'id="1"', ['1'], [1], '0.5', 1)}${histogramLines('lat', 'id="2"', ['1'], [1], '0.5', 1)}`)
  })
})

describe('summaries', () => {
  const SUMMARY = 'mappings:\n- match: "s"\n  name: s\n  summary_options:\n    quantiles: [{quantile: 0.99, error: 0.001}, {quantile: 0.5, error: 0.05}]\n    max_age: 10s\n    age_buckets: 2\n'

  it('gives the configured quantiles in order, then NaN once every observation aged out', () => {
    const e = exporter(SUMMARY)
    e.send(0, 's:1|h\ns:2|h\ns:3|h\ns:4|h')
    const at = (quantiles: string, sum: string, count: number): string => `${header('s', 'summary')}s{quantile="0.5"} ${quantiles.split(' ')[0]}\ns{quantile="0.99"} ${quantiles.split(' ')[1]}\ns_sum ${sum}\ns_count ${count}\n`
    expect(e.scrape(1000)).toBe(at('2 4', '10', 4))
    // One age bucket (5 s) later the stream queried still holds everything.
    expect(e.scrape(6000)).toBe(at('2 4', '10', 4))
    e.send(7000, 's:100|h')
    expect(e.scrape(7000)).toBe(at('3 100', '110', 5))
    // After max_age the first four are gone; the last one is not yet.
    expect(e.scrape(10_001)).toBe(at('100 100', '110', 5))
    expect(e.scrape(60_000)).toBe(at('NaN NaN', '110', 5))
  })

  it('stays within the objectives\' error over many observations (perks CKMS)', () => {
    const e = exporter('mappings: []\n')
    const values = Array.from({length: 20_000}, (_, i) => i + 1)
    // A fixed shuffle, so that the stream sees them out of order.
    let seed = 42
    for (let i = values.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      const j = seed % (i + 1)
      ;[values[i], values[j]] = [values[j], values[i]]
    }
    for (let i = 0; i < values.length; i += 100) e.send(0, values.slice(i, i + 100).map(v => `lat:${v}|h`).join('\n'))
    const quantile = (q: string): number => Number(new RegExp(`lat\\{quantile="${q}"\\} (\\S+)`).exec(e.scrape())?.[1])
    for (const [q, error] of [[0.5, 0.05], [0.9, 0.01], [0.99, 0.001]]) {
      const rank = quantile(String(q)) / values.length
      expect(Math.abs(rank - q)).toBeLessThanOrEqual(error)
    }
    expect(e.scrape()).toContain(`lat_sum ${formatFloat((values.length * (values.length + 1)) / 2)}\nlat_count 20000\n`)
  })
})

describe('formatFloat', () => {
  it.each([
    [0, '0'], [-0, '0'], [1, '1'], [-1, '-1'], [0.5, '0.5'], [123456, '123456'], [999999.5, '999999.5'],
    [1e6, '1e+06'], [1234567, '1.234567e+06'], [-2.5e6, '-2.5e+06'], [1e21, '1e+21'], [1.7976931348623157e308, '1.7976931348623157e+308'],
    [0.0001, '0.0001'], [0.00001, '1e-05'], [1.5e-7, '1.5e-07'], [5e-324, '5e-324'],
    [Number.NaN, 'NaN'], [Infinity, '+Inf'], [-Infinity, '-Inf'],
  ])('%s is %s', (value, text) => {
    expect(formatFloat(value)).toBe(text)
  })
})
