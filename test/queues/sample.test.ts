import {fileURLToPath} from 'node:url'
import type {Redis} from 'ioredis'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {readConfigFile} from '../../src/config/file.js'
import {resolveQueuesSettings} from '../../src/queues/config.js'
import type {QueuesFlags} from '../../src/queues/flags.js'
import {sampleOnce} from '../../src/queues/sample.js'
import {connectRedis, type RedisConnection} from '../../src/redis/connect.js'
import {resolveRedisSource} from '../../src/redis/source.js'
import {gaugeLabels} from '../../src/sample/gauge.js'
import {globEscape} from '../../src/sample/redis-scan.js'
import {deleteKeys, REDIS_URL, testClient, uniquePrefix} from '../redis/support.js'

const NOW = new Date()
const DAY_MS = 86_400_000
const isoDay = (ago: number): string => new Date(NOW.getTime() - ago * DAY_MS).toISOString().slice(0, 10)
const example = (name: string): string => fileURLToPath(new URL(`../../examples/queues/${name}`, import.meta.url))
const planFor = (flags: QueuesFlags, configPath?: string) => resolveQueuesSettings(flags, {}, configPath ? readConfigFile(configPath) : {document: {}}).plan

describe('sampleOnce (real Redis)', () => {
  const prefix = uniquePrefix('sample')
  /** Ichnaea's checks have fixed key shapes, so the test's API key is what is unique. */
  const apiKey = prefix.replace(/:/g, '-')
  let client: Redis
  let connection: RedisConnection

  beforeAll(async () => {
    client = testClient()
    connection = await connectRedis(resolveRedisSource({url: {value: REDIS_URL, source: 'test'}}), 5000, new AbortController().signal)
  })
  afterAll(async () => {
    connection?.close()
    await deleteKeys(client, prefix)
    await deleteKeys(client, `apilimit:${apiKey}:`)
    for (const type of ['locate', 'region']) await deleteKeys(client, `apiuser:${type}:${apiKey}:`)
    client.disconnect()
  })

  it('sums a Celery queue over its priority sub-queues, which LLEN of the name alone misses', async () => {
    const queue = `${prefix}celery`
    await client.rpush(queue, 'p0')
    await client.rpush(`${queue}\x06\x163`, 'p3', 'p3')
    await client.rpush(`${queue}\x06\x169`, 'p9', 'p9', 'p9')
    const celery = await sampleOnce(connection.executor, planFor({queue: [queue], celery: true}), NOW)
    expect(celery.gauges).toMatchObject([{statsd: 'queue', tags: [{key: 'queue', value: queue}], value: 6}])
    expect(gaugeLabels(celery.gauges[0])).toEqual({queue})
    const plain = await sampleOnce(connection.executor, planFor({queue: [queue]}), NOW)
    expect(plain.gauges[0].value).toBe(1)
    expect(celery.readRoundTrips).toBe(1)
    const pipelined = await sampleOnce(connection.executor, planFor({queue: [queue], celery: true, pipelines: true}), NOW)
    expect(pipelined).toMatchObject({gauges: [{value: 6}], readRoundTrips: 2})
  })

  it('honours a configured separator and steps', async () => {
    const queue = `${prefix}custom`
    await client.rpush(queue, 'a')
    await client.rpush(`${queue}:5`, 'b', 'c')
    await client.rpush(`${queue}\x06\x163`, 'ignored')
    const result = await sampleOnce(connection.executor, planFor({queue: [queue], celery: true, 'celery-separator': ':', 'celery-steps': '0,5'}), NOW)
    expect(result.gauges[0].value).toBe(3)
  })

  it('folds the sub-queues a pattern finds into their Celery queue, named queues first', async () => {
    await client.rpush(`${prefix}fold:a`, '1')
    await client.rpush(`${prefix}fold:a\x06\x166`, '1', '2')
    await client.rpush(`${prefix}fold:b\x06\x169`, '1')
    await client.zadd(`${prefix}fold:z`, 1, 'x')
    const plan = planFor({queue: [`${prefix}named`], pattern: [`${globEscape(prefix)}fold:*`], celery: true})
    const result = await sampleOnce(connection.executor, plan, NOW)
    expect(result.gauges.map(gauge => [gaugeLabels(gauge).queue.slice(prefix.length), gauge.value])).toEqual([
      ['named', 0],
      ['fold:a', 3],
      ['fold:b', 1],
      ['fold:z', 1],
    ])
    expect(result.scanCalls).toBeGreaterThan(0)
    expect(result.readRoundTrips).toBe(1)
  })

  it('warns when a pattern matches more keys than the cap, and samples the cap', async () => {
    const pipeline = client.pipeline()
    for (let i = 0; i < 30; i++) pipeline.rpush(`${prefix}capped:${i}`, 'x')
    await pipeline.exec()
    const pattern = `${globEscape(prefix)}capped:*`
    const result = await sampleOnce(connection.executor, planFor({pattern: [pattern], 'max-keys': '10'}), NOW)
    expect(result.gauges).toHaveLength(10)
    expect(result.warnings).toEqual([`pattern "${pattern}" matched more than 10 keys; only the first 10 were sampled (raise --max-keys or narrow the pattern)`])
  })

  it('warns when a pattern matches no key, but not when a check finds none (its keys may not exist yet today)', async () => {
    const pattern = `${globEscape(prefix)}nothing:*`
    const document = {queues: {patterns: [pattern], checks: [{name: 'nothing.count', key: `${prefix}nothing-check:{thing}`, read: 'get'}]}}
    const result = await sampleOnce(connection.executor, resolveQueuesSettings({}, {}, {path: 'metrics.config.yaml', document}).plan, NOW)
    expect(result.gauges).toEqual([])
    expect(result.warnings).toEqual([`pattern "${pattern}" matched no key`])
  })

  it("reproduces Ichnaea's api.limit gauges from today's INCR counters (examples/queues/ichnaea-api-limits.yaml)", async () => {
    const today = isoDay(0).replace(/-/g, '')
    const yesterday = isoDay(1).replace(/-/g, '')
    for (let i = 0; i < 12; i++) await client.incr(`apilimit:${apiKey}:v1.geolocate:${today}`)
    await client.incr(`apilimit:${apiKey}:v2.geosubmit:${today}`)
    await client.incrby(`apilimit:${apiKey}:v1.geolocate:${yesterday}`, 99)
    const result = await sampleOnce(connection.executor, planFor({}, example('ichnaea-api-limits.yaml')), NOW)
    const mine = result.gauges.filter(gauge => gaugeLabels(gauge).key === apiKey)
    expect(mine.map(gauge => [gauge.statsd, gauge.tags, gauge.prometheus, gauge.value])).toEqual([
      ['api.limit', [{key: 'key', value: apiKey}, {key: 'path', value: 'v1.geolocate'}], 'api_limit', 12],
      ['api.limit', [{key: 'key', value: apiKey}, {key: 'path', value: 'v2.geosubmit'}], 'api_limit', 1],
    ])
  })

  it("reproduces Ichnaea's <api_type>.user gauges from PFCOUNT over 1 and 7 days of PFADD data (examples/queues/ichnaea-api-users.yaml)", async () => {
    await client.pfadd(`apiuser:locate:${apiKey}:${isoDay(0)}`, '10.0.0.1', '10.0.0.2')
    await client.pfadd(`apiuser:locate:${apiKey}:${isoDay(3)}`, '10.0.0.2', '10.0.0.3', '10.0.0.4')
    await client.pfadd(`apiuser:locate:${apiKey}:${isoDay(9)}`, '10.0.0.9')
    await client.pfadd(`apiuser:region:${apiKey}:${isoDay(6)}`, '10.0.0.5')
    const result = await sampleOnce(connection.executor, planFor({}, example('ichnaea-api-users.yaml')), NOW)
    const mine = result.gauges.filter(gauge => gaugeLabels(gauge).key === apiKey)
    expect(mine.map(gauge => [gauge.statsd, gauge.tags.map(tag => `${tag.key}:${tag.value}`).join(','), gauge.value])).toEqual([
      ['locate.user', `key:${apiKey},interval:1d`, 2],
      ['locate.user', `key:${apiKey},interval:7d`, 4],
      ['region.user', `key:${apiKey},interval:7d`, 1],
    ])
    expect(mine[1]).toMatchObject({prometheus: 'api_users', labels: {api_type: 'locate', key: apiKey, interval: '7d'}})
  })
})
