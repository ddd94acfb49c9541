import {mkdtempSync, truncateSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {LiveMapping} from '../../src/listen/live-mapping.js'
import type {PrometheusEvent} from '../../src/statsd/parse.js'

const NO_LABELS = Object.freeze(Object.create(null) as Record<string, string>)
const counter: PrometheusEvent = {kind: 'counter', value: 1, repeat: 1, labels: NO_LABELS}

const GOOD = `mappings:
  - match: "api.*.requests"
    name: "api_requests_total"
    labels:
      endpoint: "$1"
`
const OTHER = `mappings:
  - match: "api.*.requests"
    name: "requests_total"
    labels:
      path: "$1"
  - match: "junk.*"
    name: "junk"
    action: drop
`
const BROKEN = `mappings:
  - match: "api.*.requests"
    labels:
      l: "$1"
`

const bytes = (text: string): Uint8Array => Buffer.from(text)

describe('LiveMapping', () => {
  it('translates through the config it was started with', () => {
    const live = LiveMapping.fromBytes('statsd.yml', bytes(GOOD))
    expect(live.translate('api.users.requests', counter)).toMatchObject({status: 'mapped', name: 'api_requests_total', labels: {endpoint: 'users'}, rule: {index: 0, source: 'statsd.yml:2'}})
    expect(live.counts).toEqual({loadedMappings: 1, reloads: {success: 0, failure: 0}, cache: {gets: 1, hits: 0}})
  })

  it('refuses a config that does not load at start, naming where', () => {
    expect(() => LiveMapping.fromBytes('statsd.yml', bytes(BROKEN))).toThrow(/mapping config does not load: statsd\.yml:\d+:\d+: /)
  })

  it('maps nothing without a config', async () => {
    const live = LiveMapping.empty()
    expect(live.translate('api.users.requests', counter)).toMatchObject({status: 'unmapped', name: 'api_users_requests'})
    expect(await live.reload()).toBeUndefined()
  })

  it('swaps in the new config on reload', async () => {
    const live = LiveMapping.fromBytes('statsd.yml', bytes(GOOD))
    live.translate('api.users.requests', counter)
    const notice = await live.reload(async () => bytes(OTHER))
    expect(notice).toEqual({ok: true, text: 'statsd.yml: reloaded, 2 mappings\n'})
    expect(live.translate('api.users.requests', counter)).toMatchObject({status: 'mapped', name: 'requests_total', labels: {path: 'users'}})
    expect(live.translate('junk.x', counter)).toMatchObject({status: 'dropped', rule: {index: 1}})
    // The cache counters carry on across the reload, as statsd_exporter's do.
    expect(live.counts).toEqual({loadedMappings: 2, reloads: {success: 1, failure: 0}, cache: {gets: 3, hits: 0}})
  })

  it('keeps the old mappings when the new file is broken, and says why in lint\'s words', async () => {
    const live = LiveMapping.fromBytes('statsd.yml', bytes(GOOD))
    const notice = await live.reload(async () => bytes(BROKEN))
    expect(notice?.ok).toBe(false)
    expect(notice?.text).toMatch(/^statsd\.yml: reload failed, keeping the previous 1 mapping:\n/)
    expect(notice?.text).toMatch(/invalid label key: l/)
    expect(notice?.text).toMatch(/didn't set a metric name/)
    expect(live.translate('api.users.requests', counter)).toMatchObject({status: 'mapped', name: 'api_requests_total'})
    expect(live.counts.reloads).toEqual({success: 0, failure: 1})
  })

  it('keeps the old mappings when the file cannot be read', async () => {
    const live = LiveMapping.fromBytes('statsd.yml', bytes(GOOD))
    const gone = Object.assign(new Error('gone'), {code: 'ENOENT'})
    const notice = await live.reload(async () => {
      throw gone
    })
    expect(notice).toEqual({ok: false, text: 'statsd.yml: reload failed, keeping the previous 1 mapping: no such file or directory\n'})
    expect(live.counts.loadedMappings).toBe(1)
  })

  it('reads the file within the cap every input has: a huge file is refused, not read whole', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'metrics-live-mapping-')), 'statsd.yml')
    writeFileSync(path, GOOD)
    const live = LiveMapping.fromBytes(path, bytes(OTHER))
    expect(await live.reload()).toEqual({ok: true, text: `${path}: reloaded, 1 mapping\n`})
    // Sparse: 1 GiB on paper, nothing on disk.
    truncateSync(path, 1024 ** 3)
    const notice = await live.reload()
    expect(notice).toEqual({ok: false, text: `${path}: reload failed, keeping the previous 1 mapping: ${path} is larger than 64 MiB; refusing to read it\n`})
  })
})
