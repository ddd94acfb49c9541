import {describe, expect, it} from 'vitest'
import {SeriesRegistry} from '../../src/exporter/registry.js'
import type {SeriesOptions} from '../../src/exporter/translate.js'
import {MAPPING_YAML} from '../listen/mapped.js'
import {DEFAULT_BUCKET_BOUNDS, exporter, exposed, families, header, HISTOGRAM, histogramLines} from './fixture.js'

describe('SeriesRegistry through the exporter sink', () => {
  it.each([
    ['counters add, divided by their sample rate', 'a:1|c\na:2|c\nb:0.5|c|@0.5', families(`${header('a', 'counter')}a 3\n`, `${header('b', 'counter')}b 1\n`)],
    ['a gauge is set, or moved by a signed value, below zero too', 'g:5|g\ng:+2|g\ng:-10|g', `${header('g', 'gauge')}g -3\n`],
    ['a gauge ignores its sample rate', 'g:4|g|@0.5', `${header('g', 'gauge')}g 4\n`],
    ['a timer arrives in seconds, and a summary is the default observer', 't:1500|ms', `${header('t', 'summary')}t{quantile="0.5"} 1.5\nt{quantile="0.9"} 1.5\nt{quantile="0.99"} 1.5\nt_sum 1.5\nt_count 1\n`],
    ['an unmapped name is escaped', 'my-app.req/s:1|c\n0day:1|c', families(`${header('_0day', 'counter')}_0day 1\n`, `${header('my_app_req_s', 'counter')}my_app_req_s 1\n`)],
    ['series are ordered by label value', 'q:1|c|#k:b\nq:1|c|#k:c\nq:2|c|#k:a', `${header('q', 'counter')}q{k="a"} 2\nq{k="b"} 1\nq{k="c"} 1\n`],
    [
      'one name with different label-name sets is one family: fewer labels first, then by value',
      'm:1|c|#zone:a\nm:1|c|#az:b\nm:5|c\nm:1|c|#az:a,zone:z',
      `${header('m', 'counter')}m 5\nm{zone="a"} 1\nm{az="b"} 1\nm{az="a",zone="z"} 1\n`,
    ],
  ])('%s', async (_, lines, expected) => {
    expect(await exposed(lines)).toBe(expected)
  })

  it('orders label values as bytes, as Go does, not as UTF-16 units', async () => {
    expect(await exposed('u:1|c|#v:😀\nu:1|c|#v:\uFFFD\nu:1|c|#v:é')).toBe(`${header('u', 'counter')}u{v="é"} 1\nu{v="\uFFFD"} 1\nu{v="😀"} 1\n`)
  })

  it('fills default buckets cumulatively, with +Inf, _sum and _count', async () => {
    const cumulative = [0, 0, 0, 0, 0, 1, 1, 2, 2, 2, 3]
    expect(await exposed('h:200|ms\nh:1|h\nh:7|h\nh:50|h', HISTOGRAM)).toBe(header('h', 'histogram') + histogramLines('h', '', DEFAULT_BUCKET_BOUNDS, cumulative, '58.2', 4))
  })

  it('takes buckets from the mapping, sorted, with labels before le and bounds as Go writes them', async () => {
    const yaml = 'mappings:\n- match: "req.*"\n  name: req_seconds\n  observer_type: histogram\n  histogram_options:\n    buckets: [1, 0.1, 1000000]\n  labels:\n    path: "$1"\n'
    expect(await exposed('req.home:0.05|h\nreq.home:2|h', yaml)).toBe(header('req_seconds', 'histogram') + histogramLines('req_seconds', 'path="home"', ['0.1', '1', '1e+06'], [1, 1, 2], '2.05', 2))
  })

  it('records a sampled observation int(1/rate) times, and none for a rate above 1', async () => {
    const e = exporter(HISTOGRAM)
    e.send(0, 'h:1|h|@0.25\nnone:1|h|@2')
    expect(await e.scrape()).toBe(header('h', 'histogram') + histogramLines('h', '', DEFAULT_BUCKET_BOUNDS, [0, 0, 0, 0, 0, 0, 0, 4, 4, 4, 4], '4', 4))
    expect(e.counts.events.observer).toBe(4)
    expect(e.counts.unmapped).toBe(4)
  })

  it('multiplies values by the mapping scale', async () => {
    const yaml = 'mappings:\n- match: "bytes"\n  name: bytes_total\n  scale: 0.001\n- match: "lat"\n  name: lat_seconds\n  scale: 2\n  observer_type: histogram\n  histogram_options: {buckets: [1]}\n'
    expect(await exposed('bytes:2500|c\nlat:300|ms', yaml)).toBe(families(`${header('bytes_total', 'counter')}bytes_total 2.5\n`, `${header('lat_seconds', 'histogram')}${histogramLines('lat_seconds', '', ['1'], [1], '0.6', 1)}`))
  })

  it('maps, honours tag labels with honor_labels, drops, and counts each outcome', async () => {
    const e = exporter(MAPPING_YAML)
    e.send(0, 'api.get.200:1|c\nsvc.cart.latency:20|ms|#env:prod\nsvc.cart.latency:30|ms\ndebug.x:1|c\nblank.:1|c\nother:1|c')
    expect(await e.scrape()).toBe(families(
      `${header('http_requests_total', 'counter')}http_requests_total{code="200",method="get"} 1\n`,
      `${header('other', 'counter')}other 1\n`,
      `${header('svc_latency', 'summary')}` +
      'svc_latency{env="default",service="cart",quantile="0.5"} 0.03\nsvc_latency{env="default",service="cart",quantile="0.9"} 0.03\nsvc_latency{env="default",service="cart",quantile="0.99"} 0.03\n' +
      'svc_latency_sum{env="default",service="cart"} 0.03\nsvc_latency_count{env="default",service="cart"} 1\n' +
      'svc_latency{env="prod",service="cart",quantile="0.5"} 0.02\nsvc_latency{env="prod",service="cart",quantile="0.9"} 0.02\nsvc_latency{env="prod",service="cart",quantile="0.99"} 0.02\n' +
      'svc_latency_sum{env="prod",service="cart"} 0.02\nsvc_latency_count{env="prod",service="cart"} 1\n',
    ))
    expect(e.counts.actions).toEqual({map: 3, drop: 1})
    expect(e.counts.unmapped).toBe(1)
    expect(e.counts.errors.empty_metric_name).toBe(1)
    expect(e.counts.events).toEqual({counter: 2, gauge: 0, observer: 2})
  })

  it('makes no series of a sample whose name is empty once its tags are parsed, and counts it as unmapped and empty_metric_name', async () => {
    const e = exporter()
    e.send(0, ',a=b:1|c\n[]:1|ms\n#k=v:1|g\n[k=v]:2|h|@0.5\nok:1|c')
    expect(await e.scrape()).toBe(`${header('ok', 'counter')}ok 1\n`)
    // A timer sampled at @0.5 is two events.
    expect(e.counts.errors.empty_metric_name).toBe(5)
    expect(e.counts.unmapped).toBe(6)
    expect(e.counts.events).toEqual({counter: 1, gauge: 0, observer: 0})
  })

  it('refuses a negative counter increment', async () => {
    const e = exporter()
    e.send(0, 'c:-1|c\nc:2|c')
    expect(await e.scrape()).toBe(`${header('c', 'counter')}c 2\n`)
    expect(e.counts.errors.illegal_negative_counter).toBe(1)
    expect(e.counts.events.counter).toBe(1)
  })

  it.each([
    ['a type change', 'x:1|c\nx:5|g\nx:7|h', 'x', [{type: 'gauge', name: 'x', count: 1}, {type: 'observer', name: 'x', count: 1}]],
    ['a counter named like a histogram series', 'lat:1|h\nlat_sum:1|c\nlat_bucket:1|g', 'lat', [{type: 'counter', name: 'lat_sum', count: 1}, {type: 'gauge', name: 'lat_bucket', count: 1}]],
    ['a histogram named as the base of a counter', 'q_count:1|c\nq:1|h', 'q_count', [{type: 'observer', name: 'q', count: 1}]],
    ['the exporter\'s own metric names', 'statsd_exporter_lines_total:1|c', undefined, [{type: 'counter', name: 'statsd_exporter_lines_total', count: 1}]],
  ])('counts %s as a conflict and keeps the scrape whole', async (_, lines, kept, conflicts) => {
    const e = exporter(HISTOGRAM)
    e.send(0, lines)
    const text = await e.scrape()
    expect(text.match(/^# TYPE (\S+)/gm)?.map(line => line.slice(7))).toEqual(kept === undefined ? undefined : [kept])
    expect([...e.counts.conflictEntries]).toEqual(conflicts)
  })

  it('lets a summary X live beside a counter X_bucket, as client_golang does', async () => {
    expect(await exposed('s:1|h\ns_bucket:1|c')).toContain('# TYPE s_bucket counter\ns_bucket 1\n')
  })

  it.each([
    ['le on a histogram', 'h:1|h|#le:x', HISTOGRAM],
    ['quantile on a summary', 's:1|h|#quantile:x', 'mappings: []\n'],
    ['a label name starting with __', 'c:1|c|#__name:x', 'mappings: []\n'],
  ])('refuses %s, which client_golang would not export', async (_, line, yaml) => {
    const e = exporter(yaml)
    e.send(0, line)
    expect(await e.scrape()).toBe('')
    expect(e.counts.errors.illegal_label_name).toBe(1)
  })

  it('allows le and quantile labels on counters', async () => {
    expect(await exposed('c:1|c|#le:x,quantile:y')).toBe(`${header('c', 'counter')}c{le="x",quantile="y"} 1\n`)
  })

  it('expires series idle longer than their TTL, then empty families, and refreshes on update', async () => {
    // A mapping's `ttl: 0` would take the default's: only unmapped `keep` never expires.
    const e = exporter('mappings:\n- match: a\n  name: a\n  ttl: 10s\n- match: b\n  name: b\n  ttl: 10s\n')
    e.send(0, 'a:1|c|#k:1\na:1|c|#k:2\nkeep:1|g\nb:1|g')
    expect(await e.scrape()).toBe(families(`${header('a', 'counter')}a{k="1"} 1\na{k="2"} 1\n`, `${header('b', 'gauge')}b 1\n`, `${header('keep', 'gauge')}keep 1\n`))
    e.send(8000, 'a:1|c|#k:2')
    expect(e.registry.expire(10_000)).toBe(0)
    expect(e.registry.expire(10_001)).toBe(2)
    expect(await e.scrape()).toBe(families(`${header('a', 'counter')}a{k="2"} 2\n`, `${header('keep', 'gauge')}keep 1\n`))
    expect(e.registry.metricsByType).toEqual([['counter', 1], ['gauge', 1]])
    expect(e.registry.expire(18_001)).toBe(1)
    expect(e.registry.metricsByType).toEqual([['counter', 0], ['gauge', 1]])
    // Once gone, a name is free for another type, and an old series starts again from zero.
    e.send(20_000, 'a:3|g\nb:5|c\na:7|g|#k:1')
    expect(await e.scrape()).toBe(families(`${header('a', 'gauge')}a 3\na{k="1"} 7\n`, `${header('b', 'counter')}b 5\n`, `${header('keep', 'gauge')}keep 1\n`))
  })

  it('keeps the TTL a series was created with', () => {
    const registry = new SeriesRegistry()
    const options = (ttlSeconds: number): SeriesOptions => ({help: 'h', ttlSeconds, scale: 1, observer: {type: 'histogram', histogram: {buckets: [1], nativeHistogramBucketFactor: 0, nativeHistogramMaxBuckets: 0}}})
    const labels = Object.freeze({})
    registry.counter('c', labels, options(1), 0)
    registry.counter('c', labels, options(0), 500)
    expect(registry.expire(1501)).toBe(1)
  })

  it('keeps the help text and buckets of the first series of a name', async () => {
    const yaml = 'mappings:\n- match: "a.*"\n  name: lat\n  help: First.\n  observer_type: histogram\n  histogram_options: {buckets: [1]}\n  labels: {id: "$1"}\n' +
      '- match: "b.*"\n  name: lat\n  help: Second.\n  observer_type: histogram\n  histogram_options: {buckets: [2]}\n  labels: {id: "$1"}\n'
    expect(await exposed('a.1:0.5|h\nb.2:0.5|h', yaml)).toBe(`${header('lat', 'histogram', 'First.')}${histogramLines('lat', 'id="1"', ['1'], [1], '0.5', 1)}${histogramLines('lat', 'id="2"', ['1'], [1], '0.5', 1)}`)
  })
})
