import {describe, expect, it} from 'vitest'
import {Exposition, formatFloat} from '../../src/exporter/exposition.js'
import {SeriesRegistry} from '../../src/exporter/registry.js'
import type {SeriesOptions} from '../../src/exporter/translate.js'
import {DEFAULT_BUCKET_BOUNDS, expectTextFormat, exporter, exposed, families, header, HISTOGRAM, histogramLines} from './fixture.js'

describe('Exposition', () => {
  it('writes sample values as prom-client does, which Prometheus reads', async () => {
    expect(await exposed('big:1000000|g\nsmall:0.00001|g\ntiny:0.0000001|g\nodd:123456.5|g\nneg:-2500000|g')).toBe(families(
      `${header('big', 'gauge')}big 1000000\n`,
      `${header('neg', 'gauge')}neg -2500000\n`,
      `${header('odd', 'gauge')}odd 123456.5\n`,
      `${header('small', 'gauge')}small 0.00001\n`,
      `${header('tiny', 'gauge')}tiny 1e-7\n`,
    ))
  })

  it('escapes label values and help text', async () => {
    const yaml = 'mappings:\n- match: "q"\n  name: q\n  help: "back\\\\slash\\nnew line"\n'
    expect(await exposed('q:1|c|#k:b\nq:1|c|#k:a"\\\nq:2|c|#k:a', yaml)).toBe(`${header('q', 'counter', 'back\\\\slash\\nnew line')}q{k="a"} 2\nq{k="a\\"\\\\"} 1\nq{k="b"} 1\n`)
  })

  it('serves names that are also Object.prototype\'s, which prom-client keys its metrics by', async () => {
    expect(await exposed('constructor:1|c\n__proto__:2|g\ntoString:3|c|#valueOf:x\nhasOwnProperty:1|h', HISTOGRAM)).toBe(families(
      `${header('__proto__', 'gauge')}__proto__ 2\n`,
      `${header('constructor', 'counter')}constructor 1\n`,
      header('hasOwnProperty', 'histogram') + histogramLines('hasOwnProperty', '', DEFAULT_BUCKET_BOUNDS, [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1], '1', 1),
      `${header('toString', 'counter')}toString{valueOf="x"} 3\n`,
    ))
  })

  it('shows each scrape the values of the moment, for every kind of series', async () => {
    const e = exporter('mappings:\n- match: h\n  name: h\n  observer_type: histogram\n  histogram_options: {buckets: [1]}\n')
    e.send(0, 'c:1|c\ng:1|g\nh:0.5|h\ns:1|h')
    const text = (c: number, g: number, [under1, hSum, hCount]: readonly [number, string, number], sSum: string, sCount: number) => families(
      `${header('c', 'counter')}c ${c}\n`,
      `${header('g', 'gauge')}g ${g}\n`,
      header('h', 'histogram') + histogramLines('h', '', ['1'], [under1], hSum, hCount),
      `${header('s', 'summary')}s{quantile="0.5"} 1\ns{quantile="0.9"} 1\ns{quantile="0.99"} 1\ns_sum ${sSum}\ns_count ${sCount}\n`,
    )
    expect(await e.scrape()).toBe(text(1, 1, [1, '0.5', 1], '1', 1))
    e.send(1000, 'c:2|c\ng:7|g\nh:3|h\ns:1|h')
    expect(await e.scrape()).toBe(text(3, 7, [1, '3.5', 2], '2', 2))
  })

  it('merges other families (the exporter\'s own) in by name, their samples in client_golang\'s order', async () => {
    const registry = new SeriesRegistry()
    const options: SeriesOptions = {help: 'Store.', ttlSeconds: 0, scale: 1, observer: {type: 'histogram', histogram: {buckets: [], nativeHistogramBucketFactor: 0, nativeHistogramMaxBuckets: 0}}}
    for (const name of ['a', 'z']) {
      const series = registry.counter(name, Object.freeze({}), options, 0)
      if (typeof series !== 'string') series.value = 1
    }
    const exposition = await Exposition.create(registry)
    const text = (await exposition.render(0, [
      {name: 'n', help: 'Own.', type: 'gauge', samples: [{labels: {}, value: 4}]},
      {name: 'm', help: 'Own.', type: 'counter', samples: [{labels: {type: 'y', kind: 'b'}, value: 2}, {labels: {type: 'x', kind: 'b'}, value: 1}, {labels: {kind: 'a', type: 'z'}, value: 3}]},
    ])).toString()
    expectTextFormat(text)
    expect(text).toBe(families(
      `${header('a', 'counter', 'Store.')}a 1\n`,
      `${header('m', 'counter', 'Own.')}m{kind="a",type="z"} 3\nm{kind="b",type="x"} 1\nm{kind="b",type="y"} 2\n`,
      `${header('n', 'gauge', 'Own.')}n 4\n`,
      `${header('z', 'counter', 'Store.')}z 1\n`,
    ))
  })

  it('writes a large family whole, in one piece, multi-byte label values included', async () => {
    const e = exporter()
    const lines = Array.from({length: 6000}, (_, i) => `big:${i}|g|#id:${String(i).padStart(4, '0')},name:${'é😀'.repeat(1 + (i % 7))}`)
    for (let i = 0; i < lines.length; i += 50) e.send(0, lines.slice(i, i + 50).join('\n'))
    const text = await e.scrape()
    expect(Buffer.byteLength(text)).toBeGreaterThan(256 * 1024)
    const expected = lines.map((_, i) => `big{id="${String(i).padStart(4, '0')}",name="${'é😀'.repeat(1 + (i % 7))}"} ${i}\n`).join('')
    expect(text).toBe(header('big', 'gauge') + expected)
  })
})

describe('formatFloat, for le and quantile label values', () => {
  it.each([
    [0, '0'], [-0, '0'], [1, '1'], [-1, '-1'], [0.5, '0.5'], [123456, '123456'], [999999.5, '999999.5'],
    [1e6, '1e+06'], [1234567, '1.234567e+06'], [-2.5e6, '-2.5e+06'], [1e21, '1e+21'], [1.7976931348623157e308, '1.7976931348623157e+308'],
    [0.0001, '0.0001'], [0.00001, '1e-05'], [1.5e-7, '1.5e-07'], [5e-324, '5e-324'],
    [Number.NaN, 'NaN'], [Infinity, '+Inf'], [-Infinity, '-Inf'],
  ])('%s is %s', (value, text) => {
    expect(formatFloat(value)).toBe(text)
  })
})
