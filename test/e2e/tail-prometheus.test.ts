/**
 * `metrics tail --mapping` and `--expose` as a user runs them: lines over real UDP, the
 * mapping file edited on disk and reloaded, /metrics scraped over HTTP.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startTail, type TailProcess} from '../listen/tail-process.js'
import {sendUdp} from '../support/listeners.js'
import {runCli} from '../support/run-cli.js'

const MAPPING = `defaults:
  observer_type: histogram
  histogram_options:
    buckets: [0.1, 0.5]
mappings:
  - match: "shop.*.requests"
    name: "shop_requests_total"
    labels:
      endpoint: "$1"
  - match: "shop.*.latency"
    name: "shop_latency_seconds"
    labels:
      endpoint: "$1"
  - match: "debug.*"
    name: "debug"
    action: drop
`
const RENAMED = MAPPING.replace('shop_requests_total', 'store_requests_total')
const BROKEN = `mappings:
  - match: "shop.*.requests"
    labels:
      l: "$1"
`

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'metrics-tail-prom-'))
})
afterAll(() => rmSync(dir, {recursive: true, force: true}))

function mappingFile(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

async function scrape(tail: TailProcess): Promise<string> {
  const [, url] = await tail.waitForStderr(/serving (\S+)/)
  const response = await fetch(url)
  expect(response.status).toBe(200)
  return response.text()
}

/** Scrapes until `pattern` shows up: UDP lines take a moment to go through the analysis thread. */
async function scrapeUntil(tail: TailProcess, pattern: RegExp): Promise<string> {
  const until = Date.now() + 10_000
  for (;;) {
    const text = await scrape(tail)
    if (pattern.test(text) || Date.now() > until) return text
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}

describe('tail --mapping', () => {
  it('shows what each line becomes in --format json', async () => {
    const mapping = mappingFile('json.yml', MAPPING)
    const input = 'shop.cart.requests:2|c|#env:prod\ndebug.x:1|c\nother.thing:1|g\n'
    const {code, stdout} = await runCli(['tail', '--input', '-', '--format', 'json', '--mapping', mapping], {input})
    expect(code).toBe(0)
    const records = stdout.trim().split('\n').map(line => JSON.parse(line) as {prometheus: Record<string, unknown>})
    expect(records.map(record => record.prometheus)).toEqual([
      {kind: 'counter', value: 2, repeat: 1, status: 'mapped', name: 'shop_requests_total', labels: {env: 'prod', endpoint: 'cart'}, mapping: {index: 0, source: `${mapping}:6`}},
      {kind: 'counter', value: 1, repeat: 1, status: 'dropped', labels: {}, mapping: {index: 2, source: `${mapping}:14`}},
      {kind: 'gauge', value: 1, repeat: 1, status: 'unmapped', name: 'other_thing', labels: {}, mapping: null},
    ])
  })

  it('groups --aggregate by the Prometheus series with --by series', async () => {
    const mapping = mappingFile('by.yml', MAPPING)
    const input = 'shop.a.requests:1|c\nshop.a.requests:2|c\nshop.b.requests:5|c|#env:x\ndebug.x:1|c\n'
    const {code, stdout} = await runCli(['tail', '--input', '-', '--aggregate', '--format', 'json', '--by', 'series', '--mapping', mapping], {input})
    expect(code).toBe(0)
    const rows = stdout.trim().split('\n').map(line => JSON.parse(line) as {by: string; name: string; tags: object; count: number})
    expect(rows.map(({by, name, tags, count}) => ({by, name, tags, count}))).toEqual([
      {by: 'series', name: 'shop_requests_total', tags: {endpoint: 'a'}, count: 3},
      {by: 'series', name: 'shop_requests_total', tags: {endpoint: 'b', env: 'x'}, count: 5},
    ])
  })

  it('refuses a mapping that does not load, before listening (exit 2)', async () => {
    const {code, stderr} = await runCli(['tail', '--port', '0', '--mapping', mappingFile('broken.yml', BROKEN)])
    expect(code).toBe(2)
    expect(stderr).toMatch(/mapping config does not load: .*broken\.yml:\d+:\d+: /)
    expect(stderr).not.toMatch(/listening on/)
  })

  it('refuses a mapping file that is not there (exit 2)', async () => {
    const {code, stderr} = await runCli(['tail', '--port', '0', '--mapping', join(dir, 'missing.yml')])
    expect(code).toBe(2)
    expect(stderr).toMatch(/missing\.yml.*no such file/)
  })
})

describe('tail --expose', () => {
  it('serves the mapped series, statsd_exporter style, with self-metrics', async () => {
    const tail = await startTail(['--port', '0', '--quiet', '--mapping', mappingFile('expose.yml', MAPPING), '--expose', '0'])
    try {
      await sendUdp(tail.port, 'shop.cart.requests:1|c\nshop.cart.requests:2|c\nshop.cart.latency:250|ms\nshop.cart.latency:50|ms\ndebug.x:1|c\nqueue.depth:+5|g\nqueue.depth:-2|g\nbad line\n')
      const text = await scrapeUntil(tail, /queue_depth 3/)
      for (const expected of [
        // statsd_exporter counts every piece between newlines, the empty one after the last too.
        'statsd_exporter_lines_total 9\n',
        '# TYPE shop_requests_total counter\nshop_requests_total{endpoint="cart"} 3\n',
        'shop_latency_seconds_bucket{endpoint="cart",le="0.1"} 1\n',
        'shop_latency_seconds_bucket{endpoint="cart",le="0.5"} 2\n',
        'shop_latency_seconds_bucket{endpoint="cart",le="+Inf"} 2\n',
        'shop_latency_seconds_sum{endpoint="cart"} 0.3\n',
        'shop_latency_seconds_count{endpoint="cart"} 2\n',
        'queue_depth 3\n',
      ]) expect(text).toContain(expected)
      expect(text).not.toMatch(/^debug/m)
      expect(text).toMatch(/statsd_exporter_sample_errors_total\{reason="malformed_line"\} 1/)
      expect(text).toMatch(/statsd_exporter_events_unmapped_total 2/)
      expect(text).toMatch(/statsd_exporter_events_actions_total\{action="drop"\} 1/)
      expect(text).toMatch(/statsd_exporter_loaded_mappings 3/)
    } finally {
      await tail.stop()
    }
  })

  it('reloads the mapping on change and on SIGHUP, and keeps it when an edit is broken', async () => {
    const path = mappingFile('reload.yml', MAPPING)
    const tail = await startTail(['--port', '0', '--quiet', '--mapping', path, '--expose', '0'])
    try {
      await sendUdp(tail.port, 'shop.a.requests:1|c\n')
      expect(await scrapeUntil(tail, /shop_requests_total/)).toContain('shop_requests_total{endpoint="a"} 1')

      writeFileSync(path, BROKEN)
      await tail.waitForStderr(/reload\.yml: reload failed, keeping the previous 3 mappings:[^]*invalid label key: l/)
      await sendUdp(tail.port, 'shop.b.requests:1|c\n')
      expect(await scrapeUntil(tail, /endpoint="b"/)).toContain('shop_requests_total{endpoint="b"} 1')

      writeFileSync(path, RENAMED)
      await tail.waitForStderr(/reload\.yml: reloaded, 3 mappings/)
      await sendUdp(tail.port, 'shop.c.requests:1|c\n')
      expect(await scrapeUntil(tail, /store_requests_total/)).toContain('store_requests_total{endpoint="c"} 1')

      const reloadsBefore = (tail.stderr().match(/reloaded, 3 mappings/g) ?? []).length
      tail.kill('SIGHUP')
      const until = Date.now() + 10_000
      while ((tail.stderr().match(/reloaded, 3 mappings/g) ?? []).length === reloadsBefore && Date.now() < until) await new Promise(resolve => setTimeout(resolve, 20))
      expect((tail.stderr().match(/reloaded, 3 mappings/g) ?? []).length).toBe(reloadsBefore + 1)
      const [, url] = await tail.waitForStderr(/serving (\S+)/)
      const posted = await fetch(url.replace(/\/metrics$/, '/-/reload'), {method: 'POST'})
      expect(posted.status).toBe(200)
      await tail.waitForStderr(/(reloaded, 3 mappings[^]*){3}/)
      const text = await scrape(tail)
      expect(text).toMatch(/statsd_exporter_config_reloads_total\{outcome="failure"\} 1/)
      expect(text).toMatch(/statsd_exporter_config_reloads_total\{outcome="success"\} 3/)
    } finally {
      await tail.stop()
    }
  })

  it('says so in one line when the port is taken (exit 1)', async () => {
    const blocker = createServer()
    await new Promise<void>(resolve => blocker.listen(0, '127.0.0.1', resolve))
    const {port} = blocker.address() as {port: number}
    try {
      const {code, stderr} = await runCli(['tail', '--port', '0', '--expose', String(port)])
      expect(code).toBe(1)
      expect(stderr.trim().split('\n')).toHaveLength(1)
      expect(stderr).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}.*in use`))
    } finally {
      blocker.close()
    }
  })
})
