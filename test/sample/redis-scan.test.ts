import type {Redis} from 'ioredis'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {RedisConnection} from '../../src/redis/connect.js'
import {globEscape, scanKeys} from '../../src/sample/redis-scan.js'
import type {RespProxy} from '../redis/resp-proxy.js'
import {connectThroughProxy, deleteKeys, testClient, uniquePrefix, type ProxiedRedis} from '../redis/support.js'

describe('scanKeys (real Redis)', () => {
  const prefix = uniquePrefix('scan')
  let client: Redis
  let proxy: RespProxy
  let connection: RedisConnection
  let proxied: ProxiedRedis | undefined

  beforeAll(async () => {
    client = testClient()
    const pipeline = client.pipeline()
    for (let i = 0; i < 2500; i++) pipeline.rpush(`${prefix}q:${i}`, 'x')
    pipeline.rpush(`${prefix}other`, 'x')
    pipeline.rpush(Buffer.concat([Buffer.from(`${prefix}q:`), Buffer.from([0xff, 0xfe])]), 'x')
    await pipeline.exec()
    proxied = await connectThroughProxy()
    ;({proxy, connection} = proxied)
  })
  afterAll(async () => {
    await proxied?.close()
    await deleteKeys(client, prefix)
    client.disconnect()
  })

  it('finds every key of a pattern with SCAN, never KEYS, and leaves out names that are not UTF-8', async () => {
    const result = await scanKeys(connection.executor, `${globEscape(prefix)}q:*`, 10_000)
    expect(result.keys).toHaveLength(2500)
    expect(new Set(result.keys).size).toBe(2500)
    expect(result.keys.every(key => key.startsWith(`${prefix}q:`))).toBe(true)
    expect(result).toMatchObject({capped: false, notUtf8: 1})
    expect(proxy.commandNames()).toContain('scan')
    expect(proxy.commandNames()).not.toContain('keys')
  })

  it('stops at the cap and says so', async () => {
    const result = await scanKeys(connection.executor, `${globEscape(prefix)}q:*`, 1000)
    expect(result.keys).toHaveLength(1000)
    expect(result.capped).toBe(true)
  })

  it('is not capped when exactly the cap matches', async () => {
    const result = await scanKeys(connection.executor, `${globEscape(prefix)}other`, 1)
    expect(result).toEqual({keys: [`${prefix}other`], capped: false, notUtf8: 0})
  })

  it('sends COUNT 1000 with each SCAN', async () => {
    const calls = connection.executor.scanCalls
    await scanKeys(connection.executor, 'metrics-test:no-such-key:*', 10)
    expect(connection.executor.scanCalls).toBeGreaterThan(calls)
    expect(proxy.sentText()).toMatch(/\$4\r\nscan\r\n\$\d+\r\n\d+\r\n\$5\r\nMATCH\r\n\$26\r\nmetrics-test:no-such-key:\*\r\n\$5\r\nCOUNT\r\n\$4\r\n1000\r\n/)
  })
})

describe('globEscape', () => {
  it('escapes the glob characters Redis reads', () => {
    expect(globEscape('a*b?c[d]e\\f')).toBe('a\\*b\\?c\\[d\\]e\\\\f')
  })
})
