import type {Redis} from 'ioredis'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {connectRedis, type RedisConnection} from '../../src/redis/connect.js'
import {resolveRedisSource} from '../../src/redis/source.js'
import {readKeys, type KeyRead, type ReadOptions, type ReadOutcome} from '../../src/sample/redis-queues.js'
import type {RespProxy} from '../redis/resp-proxy.js'
import {connectThroughProxy, deleteKeys, testClient, uniquePrefix, type ProxiedRedis} from '../redis/support.js'

describe('readKeys (real Redis)', () => {
  const prefix = uniquePrefix('read-keys')
  const key = (name: string): string => prefix + name
  let client: Redis
  let proxy: RespProxy
  let connection: RedisConnection
  let proxied: ProxiedRedis | undefined
  const types = ['list', 'zset', 'set', 'stream', 'hash']
  const many = Array.from({length: 3000}, (_, i) => key(`many:${i}`))

  beforeAll(async () => {
    client = testClient()
    await client.rpush(key('list'), 'a', 'b', 'c')
    await client.zadd(key('zset'), 1, 'a', 2, 'b')
    await client.sadd(key('set'), 'a', 'b', 'c', 'd')
    await client.xadd(key('stream'), '*', 'f', '1')
    await client.xadd(key('stream'), '*', 'f', '2')
    await client.hset(key('hash'), 'a', '1')
    await client.set(key('string'), 'not a queue')
    await client.set(key('counter'), '41')
    await client.incr(key('counter'))
    await client.pfadd(key('hll:1'), '10.0.0.1', '10.0.0.2')
    await client.pfadd(key('hll:2'), '10.0.0.2', '10.0.0.3')
    const pipeline = client.pipeline()
    many.forEach((name, i) => {
      const type = types[i % types.length]
      if (type === 'list') pipeline.rpush(name, 'x')
      else if (type === 'zset') pipeline.zadd(name, 1, 'x')
      else if (type === 'set') pipeline.sadd(name, 'x')
      else if (type === 'stream') pipeline.xadd(name, '*', 'f', 'x')
      else pipeline.hset(name, 'f', 'x')
    })
    await pipeline.exec()
    proxied = await connectThroughProxy()
    ;({proxy, connection} = proxied)
  })
  afterAll(async () => {
    await proxied?.close()
    await deleteKeys(client, prefix)
    client.disconnect()
  })

  const modes: Array<[string, ReadOptions, number]> = [
    ['with EVAL', {lua: true}, 1],
    ['with TYPE and length pipelines', {lua: false}, 2],
  ]
  describe.each(modes)('%s', (_, options, roundTrips) => {
    const read = async (reads: KeyRead[]): Promise<ReadOutcome[]> => {
      const {outcomes, evalRefused} = await readKeys(connection.executor, reads, options)
      expect(evalRefused).toBeUndefined()
      return outcomes
    }

    it('reads every key type by its length command; a missing key is 0', async () => {
      const names = ['list', 'zset', 'set', 'stream', 'hash', 'missing']
      expect(await read(names.map(name => ({kind: 'length', keys: [key(name)]})))).toEqual([{value: 3}, {value: 2}, {value: 4}, {value: 2}, {value: 1}, {value: 0}])
    })

    it('sums the lengths of several keys, and reads counters and HyperLogLog unions', async () => {
      const reads: KeyRead[] = [
        {kind: 'length', keys: [key('list'), key('zset'), key('missing')]},
        {kind: 'get', keys: [key('counter'), key('missing')]},
        {kind: 'pfcount', keys: [key('hll:1'), key('hll:2')]},
        {kind: 'pfcount', keys: [key('hll:1')]},
      ]
      expect(await read(reads)).toEqual([{value: 5}, {value: 42}, {value: 3}, {value: 2}])
    })

    it('gives a key that several gauges read to each of them, whatever reads come between', async () => {
      const reads: KeyRead[] = [
        {kind: 'length', keys: [key('list'), key('zset')]},
        {kind: 'get', keys: [key('counter')]},
        {kind: 'length', keys: [key('zset')]},
        {kind: 'pfcount', keys: [key('hll:1')]},
        {kind: 'length', keys: [key('missing'), key('list')]},
        {kind: 'length', keys: [key('list')]},
      ]
      expect(await read(reads)).toEqual([{value: 5}, {value: 42}, {value: 2}, {value: 2}, {value: 3}, {value: 3}])
    })

    it('fails only the reads that include a key it cannot read', async () => {
      const outcomes = await read([
        {kind: 'length', keys: [key('list')]},
        {kind: 'length', keys: [key('list'), key('string')]},
        {kind: 'get', keys: [key('list')]},
        {kind: 'get', keys: [key('string')]},
        {kind: 'pfcount', keys: [key('list')]},
      ])
      expect(outcomes[0]).toEqual({value: 3})
      expect(outcomes[1]).toEqual({failure: 'is a string, not a list, zset, set, stream or hash', key: key('string')})
      expect(outcomes[2]).toMatchObject({failure: expect.stringMatching(/^WRONGTYPE/), key: key('list')})
      expect(outcomes[3]).toEqual({failure: 'holds "not a queue", not a number', key: key('string')})
      expect(outcomes[4]).toMatchObject({failure: expect.stringMatching(/^WRONGTYPE/), key: key('list')})
    })

    it(`reads 3,000 keys of mixed types in ${roundTrips} round trip(s), as the wire shows`, async () => {
      const before = proxy.roundTrips()[0]
      const pipelinesBefore = connection.executor.pipelines
      const outcomes = await read(many.map(name => ({kind: 'length', keys: [name]})))
      expect(outcomes.every(outcome => outcome.value === 1)).toBe(true)
      expect(connection.executor.pipelines - pipelinesBefore).toBe(roundTrips)
      expect(proxy.roundTrips()[0] - before).toBe(roundTrips)
    })
  })

  it('needs one round trip when no read depends on a key type', async () => {
    const before = proxy.roundTrips()[0]
    await readKeys(connection.executor, [{kind: 'get', keys: [key('counter')]}, {kind: 'pfcount', keys: [key('hll:1')]}], {lua: false})
    expect(proxy.roundTrips()[0] - before).toBe(1)
  })

  it('falls back to pipelines, one round trip later, when the user may not EVAL', async () => {
    const user = `metrics-test-noeval-${process.pid}`
    await client.acl('SETUSER', user, 'on', '>pw', '~*', '+@all', '-eval')
    const limited = await connectRedis(resolveRedisSource({url: {value: `redis://${user}:pw@127.0.0.1:${proxy.port}/0`, source: 'test'}}), 5000, new AbortController().signal)
    try {
      const before = proxy.roundTrips().reduce((a, b) => a + b, 0)
      const {outcomes, evalRefused} = await readKeys(limited.executor, [{kind: 'length', keys: [key('list')]}, {kind: 'length', keys: [key('string')]}])
      expect(outcomes).toEqual([{value: 3}, {failure: 'is a string, not a list, zset, set, stream or hash', key: key('string')}])
      expect(evalRefused).toMatch(/^NOPERM/)
      expect(proxy.roundTrips().reduce((a, b) => a + b, 0) - before).toBe(3)
    } finally {
      limited.close()
      await client.acl('DELUSER', user)
    }
  })
})
