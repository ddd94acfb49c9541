import {describe, expect, it} from 'vitest'
import {SlidingSummary, summaryConfig} from '../../src/exporter/summary.js'
import {exporter, header} from './fixture.js'

describe('summaries through the exporter', () => {
  const SUMMARY = 'mappings:\n- match: "s"\n  name: s\n  summary_options:\n    quantiles: [{quantile: 0.99, error: 0.001}, {quantile: 0.5, error: 0.05}]\n    max_age: 10s\n    age_buckets: 2\n'

  it('gives the configured quantiles in order, then NaN once every observation aged out', async () => {
    const e = exporter(SUMMARY)
    e.send(0, 's:1|h\ns:2|h\ns:3|h\ns:4|h')
    const at = (quantiles: string, sum: string, count: number): string => `${header('s', 'summary')}s{quantile="0.5"} ${quantiles.split(' ')[0]}\ns{quantile="0.99"} ${quantiles.split(' ')[1]}\ns_sum ${sum}\ns_count ${count}\n`
    expect(await e.scrape(1000)).toBe(at('2 4', '10', 4))
    // One age bucket (5 s) later the stream queried still holds everything.
    expect(await e.scrape(6000)).toBe(at('2 4', '10', 4))
    e.send(7000, 's:100|h')
    expect(await e.scrape(7000)).toBe(at('3 100', '110', 5))
    // After max_age the first four are gone; the last one is not yet.
    expect(await e.scrape(10_001)).toBe(at('100 100', '110', 5))
    // prom-client writes NaN as `Nan`, which Prometheus reads (Go's ParseFloat ignores its case).
    expect(await e.scrape(60_000)).toBe(at('Nan Nan', '110', 5))
  })
})

describe('SlidingSummary', () => {
  it('stays within the objectives\' error over many observations (perks CKMS)', () => {
    const summary = new SlidingSummary(summaryConfig({quantiles: [], maxAgeSeconds: 0, ageBuckets: 0, bufCap: 0}), 0)
    const values = Array.from({length: 20_000}, (_, i) => i + 1)
    // A fixed shuffle, so that the stream sees them out of order.
    let seed = 42
    for (let i = values.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      const j = seed % (i + 1)
      ;[values[i], values[j]] = [values[j], values[i]]
    }
    for (const value of values) summary.observe(value, 0)
    const quantiles = summary.quantiles(0)
    // statsd_exporter's default objectives, in ascending order.
    for (const [i, [q, error]] of [[0.5, 0.05], [0.9, 0.01], [0.99, 0.001]].entries()) {
      expect(Math.abs(quantiles[i] / values.length - q)).toBeLessThanOrEqual(error)
    }
    expect(summary.sum).toBe((values.length * (values.length + 1)) / 2)
    expect(summary.count).toBe(values.length)
  })

  it.each([
    ['the defaults when nothing is configured', {quantiles: [], maxAgeSeconds: 0, ageBuckets: 0, bufCap: 0}, {ranks: [0.5, 0.9, 0.99], maxAgeMs: 600_000, ageBuckets: 5, bufCap: 500}],
    ['objectives sorted, a repeated quantile keeping its last error', {quantiles: [{quantile: 0.9, error: 0.1}, {quantile: 0.1, error: 0.01}, {quantile: 0.9, error: 0.05}], maxAgeSeconds: 30, ageBuckets: 3, bufCap: 10}, {ranks: [0.1, 0.9], targets: [{quantile: 0.1, error: 0.01}, {quantile: 0.9, error: 0.05}], maxAgeMs: 30_000, ageBuckets: 3, bufCap: 10}],
  ])('takes %s', (_, options, expected) => {
    expect(summaryConfig(options)).toMatchObject(expected)
  })
})
