import {randomBytes} from 'node:crypto'
import net from 'node:net'
import type {Redis} from 'ioredis'
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'
import {OperationError} from '../../src/errors.js'
import {connectRedis, type RedisConnection} from '../../src/redis/connect.js'
import {redisFailure} from '../../src/redis/failure.js'
import {resolveRedisSource, type RedisSource, type RedisSourceInput} from '../../src/redis/source.js'
import {readKeys} from '../../src/sample/redis-queues.js'
import {scanKeys} from '../../src/sample/redis-scan.js'
import {deadTcpPort} from '../support/listeners.js'
import {clusterClient, startCluster, startRedisServer, startSentinel, testClient, type RedisServer} from './support.js'

const source = (url: string): RedisSource => resolveRedisSource({url: {value: url, source: '--redis'}})

/** Connects and reads one key, as a sample does; returns the error it failed with, mapped for the user as a sample maps it. */
async function failure(redis: RedisSource): Promise<OperationError> {
  let connection: RedisConnection | undefined
  try {
    connection = await connectRedis(redis, 3000, new AbortController().signal)
    await readKeys(connection.executor, [{kind: 'length', keys: ['metrics-test:connect:none']}], {lua: false})
    const emitted = connection.emittedError()
    if (emitted) throw emitted
  } catch (error) {
    return redisFailure(connection?.emittedError() ?? error, redis)
  } finally {
    connection?.close()
  }
  throw new Error('expected the connection to fail')
}

describe('connectRedis failures (real servers)', () => {
  const user = `metrics-test-${randomBytes(4).toString('hex')}`
  let admin: Redis
  let protectedServer: RedisServer

  beforeAll(async () => {
    admin = testClient()
    await admin.acl('SETUSER', user, 'on', '>right-password', '~*', '+@all')
    protectedServer = await startRedisServer([], 'requirepass server-password\n')
  })
  afterAll(async () => {
    await admin.acl('DELUSER', user)
    admin.disconnect()
    await protectedServer?.stop()
  })

  it('reads through an ACL user with the right password', async () => {
    const connection = await connectRedis(source(`redis://${user}:right-password@127.0.0.1:6379/0`), 3000, new AbortController().signal)
    expect((await readKeys(connection.executor, [{kind: 'length', keys: ['metrics-test:connect:none']}])).outcomes).toEqual([{value: 0}])
    connection.close()
  })

  it('needs only the read commands it uses: +type +llen +zcard +scard +xlen +hlen +scan +get +pfcount', async () => {
    const minimal = `${user}-minimal`
    await admin.acl('SETUSER', minimal, 'on', '>pw', '~*', '-@all', '+type', '+llen', '+zcard', '+scard', '+xlen', '+hlen', '+scan', '+get', '+pfcount')
    try {
      const connection = await connectRedis(source(`redis://${minimal}:pw@127.0.0.1:6379/0`), 3000, new AbortController().signal)
      await scanKeys(connection.executor, 'metrics-test:connect:none*', 10)
      const reads = await readKeys(connection.executor, [{kind: 'length', keys: ['metrics-test:connect:none']}, {kind: 'get', keys: ['metrics-test:connect:none']}, {kind: 'pfcount', keys: ['metrics-test:connect:none']}], {lua: false})
      expect(reads).toEqual({outcomes: [{value: 0}, {value: 0}, {value: 0}]})
      connection.close()
    } finally {
      await admin.acl('DELUSER', minimal)
    }
  })

  it('fails only the keys whose command the user may not run', async () => {
    const limited = `${user}-limited`
    const key = `metrics-test:connect:${user}:list`
    await admin.rpush(key, 'x')
    await admin.acl('SETUSER', limited, 'on', '>pw', '~*', '-@all', '+type', '+zcard')
    try {
      const connection = await connectRedis(source(`redis://${limited}:pw@127.0.0.1:6379/0`), 3000, new AbortController().signal)
      const {outcomes: [outcome]} = await readKeys(connection.executor, [{kind: 'length', keys: [key]}])
      expect(outcome).toMatchObject({failure: expect.stringMatching(/^NOPERM/), key})
      connection.close()
    } finally {
      await admin.acl('DELUSER', limited)
      await admin.del(key)
    }
  })

  it("reports an ACL user's wrong password as a wrong password, naming the user, never the password", async () => {
    const error = await failure(source(`redis://${user}:wrong-password@127.0.0.1:6379/0`))
    expect(error.message).toBe(`Redis at redis://${user}:***@127.0.0.1:6379/0: the password for user "${user}" was refused (WRONGPASS invalid username-password pair or user is disabled.)`)
    expect(error.hint).toBe(`check the password in the URL (redis://${user}:PASSWORD@host), and that the user exists and is on (ACL LIST)`)
    expect(error.exitCode).toBe(1)
  })

  it('reports a wrong requirepass password as a wrong password, not a missing one', async () => {
    const error = await failure(source(`redis://:wrong-password@127.0.0.1:${protectedServer.port}/0`))
    expect(error.message).toBe(`Redis at redis://:***@127.0.0.1:${protectedServer.port}/0: the password for the default user was refused (WRONGPASS invalid username-password pair or user is disabled.)`)
    expect(error.hint).toBe('check the password in the URL (redis://:PASSWORD@host), and that the user exists and is on (ACL LIST)')
  })

  it('reports a missing password as missing, naming the user the URL gives', async () => {
    const missing = await failure(source(protectedServer.url))
    expect(missing.message).toBe(`Redis at redis://127.0.0.1:${protectedServer.port}/0: Redis requires a password, and the URL gives the default user none (NOAUTH Authentication required.)`)
    expect(missing.hint).toBe('give it in the URL: redis://:PASSWORD@host')
    const userOnly = await failure(source(`redis://${user}@127.0.0.1:6379/0`))
    expect(userOnly.message).toBe(`Redis at redis://${user}@127.0.0.1:6379/0: Redis requires a password, and the URL gives user "${user}" none (WRONGPASS invalid username-password pair or user is disabled.)`)
    expect(userOnly.hint).toBe(`give it in the URL: redis://${user}:PASSWORD@host`)
  })

  it('logs in as a user the URL gives without a password, as a nopass user may, not as the default user', async () => {
    const nopass = `${user}-nopass`
    // Only its own keys: read as the default user, the key below would read as 0.
    await admin.acl('SETUSER', nopass, 'on', 'nopass', `~${nopass}:*`, '-@all', '+eval', '+type', '+llen')
    try {
      const connection = await connectRedis(source(`redis://${nopass}@127.0.0.1:6379/0`), 3000, new AbortController().signal)
      try {
        const {outcomes} = await readKeys(connection.executor, [{kind: 'length', keys: [`${nopass}:jobs`]}, {kind: 'length', keys: ['metrics-test:connect:other']}], {lua: false})
        expect(outcomes[0]).toEqual({value: 0})
        expect(outcomes[1]).toMatchObject({failure: expect.stringMatching(/^NOPERM/)})
      } finally {
        connection.close()
      }
    } finally {
      await admin.acl('DELUSER', nopass)
    }
  })

  it('reports a refused connection', async () => {
    const port = await deadTcpPort()
    const error = await failure(source(`redis://:secret@127.0.0.1:${port}/0`))
    expect(error.message).toBe(`Redis at redis://:***@127.0.0.1:${port}/0: connection refused`)
  })

  it('reports a database the server does not have, instead of reading db 0', async () => {
    const error = await failure(source('redis://127.0.0.1:6379/999'))
    expect(error.message).toBe('Redis at redis://127.0.0.1:6379/999 has no database 999')
  })

  it('reports an unknown host', async () => {
    const error = await failure(source('redis://no-such-host.invalid:6379/0'))
    expect(error.message).toMatch(/^Redis at redis:\/\/no-such-host\.invalid:6379\/0: host (not found|name lookup failed)/)
  })

  it('closes the client when the deadline aborts it, wherever it is', async () => {
    const deadline = new AbortController()
    deadline.abort()
    await expect(connectRedis(source('redis://127.0.0.1:6379/0'), 3000, deadline.signal)).rejects.toThrow()
  })
})

describe('Sentinel (real redis-server --sentinel)', () => {
  let sentinel: Awaited<ReturnType<typeof startSentinel>>
  let guarded: Awaited<ReturnType<typeof startSentinel>>
  beforeAll(async () => {
    ;[sentinel, guarded] = await Promise.all([startSentinel('metricsmaster', 'master-password'), startSentinel('guardedmaster', 'master-password', 'sentinel-password')])
  })
  afterAll(() => guarded?.stop())
  afterAll(() => sentinel?.stop())

  const input = (master: string, url?: string): RedisSourceInput => ({
    sentinels: {values: [`127.0.0.1:${sentinel.sentinelPort}`], source: '--sentinel'},
    master: {value: master, source: '--master'},
    ...(url ? {url: {value: url, source: '--redis'}} : {}),
  })

  it('finds the master and reads from it, with the password from the URL', async () => {
    const writer = testClient(`redis://:master-password@127.0.0.1:${sentinel.master.port}/0`)
    await writer.rpush('jobs', 'a', 'b')
    writer.disconnect()
    const connection = await connectRedis(resolveRedisSource(input('metricsmaster', 'redis://:master-password@ignored/0')), 3000, new AbortController().signal)
    expect((await readKeys(connection.executor, [{kind: 'length', keys: ['jobs']}])).outcomes).toEqual([{value: 2}])
    connection.close()
  })

  it("reports a wrong master password as the master's, naming the user", async () => {
    const error = await failure(resolveRedisSource(input('metricsmaster', 'redis://:wrong@ignored/0')))
    expect(error.message).toBe(`Redis at master "metricsmaster" via sentinel 127.0.0.1:${sentinel.sentinelPort}: the password for the default user was refused (WRONGPASS invalid username-password pair or user is disabled.)`)
  })

  it("reports the Sentinel's own password, missing or wrong, as the Sentinel's (sentinelPassword)", async () => {
    const guardedInput = (sentinelPassword?: string): RedisSourceInput => ({
      sentinels: {values: [`127.0.0.1:${guarded.sentinelPort}`], source: '--sentinel'},
      master: {value: 'guardedmaster', source: '--master'},
      url: {value: 'redis://:master-password@ignored/0', source: '--redis'},
      ...(sentinelPassword === undefined ? {} : {sentinelPassword}),
    })
    const where = `Redis at master "guardedmaster" via sentinel 127.0.0.1:${guarded.sentinelPort}`
    const missing = await failure(resolveRedisSource(guardedInput()))
    expect(missing.message).toBe(`${where}: Sentinel 127.0.0.1:${guarded.sentinelPort} requires a password (NOAUTH Authentication required.)`)
    expect(missing.hint).toBe('set sentinelPassword under redis: in the config file')
    const wrong = await failure(resolveRedisSource(guardedInput('wrong-sentinel-password')))
    expect(wrong.message).toBe(`${where}: Sentinel 127.0.0.1:${guarded.sentinelPort} refused the password (WRONGPASS invalid username-password pair or user is disabled.)`)
    expect(wrong.hint).toBe('check sentinelPassword under redis: in the config file')
    const connection = await connectRedis(resolveRedisSource(guardedInput('sentinel-password')), 3000, new AbortController().signal)
    expect((await readKeys(connection.executor, [{kind: 'length', keys: ['none']}])).outcomes).toEqual([{value: 0}])
    connection.close()
  })

  it('reports a master name the Sentinel does not know', async () => {
    const redis = resolveRedisSource(input('no-such-master'))
    const error = await failure(redis)
    expect(error.message).toBe(`Redis at master "no-such-master" via sentinel 127.0.0.1:${sentinel.sentinelPort}: the sentinels know no master named "no-such-master"`)
    expect(error.hint).toBe('give --master the NAME of "sentinel monitor NAME …" in the Sentinel config')
  })
})

describe('Redis 5 and older, given a user name', () => {
  // Redis 5 is not on this machine: a server that answers as one with requirepass set does.
  let server: net.Server
  const sockets = new Set<net.Socket>()
  beforeAll(async () => {
    server = net.createServer(socket => {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('data', chunk => {
        for (const [, count, name] of chunk.toString('latin1').matchAll(/\*(\d+)\r\n\$\d+\r\n([A-Za-z]+)\r\n/g)) {
          if (name.toLowerCase() !== 'auth') socket.write('-NOAUTH Authentication required.\r\n')
          else socket.write(count === '2' ? '-ERR invalid password\r\n' : "-ERR wrong number of arguments for 'auth' command\r\n")
        }
      })
      socket.on('error', () => undefined)
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  })
  afterAll(async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise(resolve => server?.close(resolve))
  })

  it("reads Redis 5's refusal of a wrong password as a wrong password", async () => {
    const port = (server.address() as net.AddressInfo).port
    const error = await failure(source(`redis://:wrong@127.0.0.1:${port}/0`))
    expect(error.message).toBe(`Redis at redis://:***@127.0.0.1:${port}/0: the password for the default user was refused (ERR invalid password)`)
  })

  it('says the server takes no user name, instead of NOAUTH, and prints no [ERROR] line of ioredis', async () => {
    const warn = vi.spyOn(console, 'warn')
    try {
      const port = (server.address() as net.AddressInfo).port
      const error = await failure(source(`redis://metrics:secret@127.0.0.1:${port}/0`))
      expect(error.message).toBe(`Redis at redis://metrics:***@127.0.0.1:${port}/0: the server takes no user name with the password (Redis 5 or older)`)
      expect(error.hint).toBe('give only the password: redis://:password@host')
      expect(warn).not.toHaveBeenCalled()
    } finally {
      warn.mockRestore()
    }
  })
})

describe('a Sentinel read as a Redis server', () => {
  let sentinel: Awaited<ReturnType<typeof startSentinel>>
  beforeAll(async () => {
    sentinel = await startSentinel('plainmaster')
  })
  afterAll(() => sentinel?.stop())

  it('reports its refusals without echoing the script or the key back', async () => {
    const connection = await connectRedis(source(`redis://127.0.0.1:${sentinel.sentinelPort}/0`), 3000, new AbortController().signal)
    try {
      const {outcomes, evalRefused} = await readKeys(connection.executor, [{kind: 'length', keys: ['jobs']}])
      expect(evalRefused).toBe("ERR unknown command 'eval'")
      expect(outcomes).toEqual([{failure: "ERR unknown command 'type'", key: 'jobs'}])
    } finally {
      connection.close()
    }
  })
})

describe('Sentinel and Cluster addresses that are not one, in our words', () => {
  const sentinels = (address: string): RedisSource => resolveRedisSource({sentinels: {values: [address], source: '--sentinel'}, master: {value: 'mymaster', source: '--master'}})
  const cluster = (address: string): RedisSource => resolveRedisSource({cluster: {values: [address], source: '--cluster'}})

  it.each<[string, () => Promise<RedisSource>, string, string]>([
    ['a Redis server as the Sentinel', async () => sentinels('127.0.0.1:6379'), 'that is not a Sentinel', '--sentinel takes Sentinel addresses (usually port 26379); for the Redis server itself use --redis'],
    ['a Sentinel port nothing listens on', async () => sentinels(`127.0.0.1:${await deadTcpPort()}`), 'no sentinel could be reached \\(connection refused\\)', 'check the --sentinel addresses, and that Sentinel runs there'],
    ['a server not in cluster mode as a cluster node', async () => cluster('127.0.0.1:6379'), 'that server is not in cluster mode', 'for a single server use --redis URL'],
    ['a cluster port nothing listens on', async () => cluster(`127.0.0.1:${await deadTcpPort()}`), 'no cluster node could be reached', 'check the --cluster addresses'],
  ])('%s', async (_, redis, what, hint) => {
    const source = await redis()
    const error = await failure(source)
    expect(error.message).toMatch(new RegExp(`: ${what}$`))
    expect(error.hint).toBe(hint)
  })
})

describe('Cluster (three real masters)', () => {
  let cluster: Awaited<ReturnType<typeof startCluster>>
  let redis: RedisSource
  beforeAll(async () => {
    cluster = await startCluster()
    redis = resolveRedisSource({cluster: {values: [`127.0.0.1:${cluster.nodes[0].port}`], source: '--cluster'}})
    const writer = clusterClient(cluster.nodes[0])
    await Promise.all(Array.from({length: 200}, (_, i) => writer.rpush(`q:${i}`, 'x')))
    writer.disconnect()
  })
  afterAll(() => cluster?.stop())

  it('SCANs every master and reads keys on all nodes in two round trips, without scripts', async () => {
    const connection = await connectRedis(redis, 5000, new AbortController().signal)
    try {
      expect(connection.executor.scanNodes()).toHaveLength(3)
      const {keys} = await scanKeys(connection.executor, 'q:*', 10_000)
      expect(keys).toHaveLength(200)
      const {outcomes} = await readKeys(connection.executor, [...keys.map(key => ({kind: 'length' as const, keys: [key]})), {kind: 'length', keys: ['q:missing']}])
      expect(outcomes.every((outcome, index) => outcome.value === (index < 200 ? 1 : 0))).toBe(true)
      expect(connection.executor.pipelines).toBe(2)
    } finally {
      connection.close()
    }
  })

  it('fails only a PFCOUNT whose keys span slots, and unites keys that share a hash tag', async () => {
    const connection = await connectRedis(redis, 5000, new AbortController().signal)
    try {
      const {outcomes} = await readKeys(connection.executor, [
        {kind: 'pfcount', keys: ['hll:a', 'hll:b']},
        {kind: 'pfcount', keys: ['{hll}:a', '{hll}:b']},
        {kind: 'length', keys: ['q:1']},
      ])
      expect(outcomes[0]).toMatchObject({failure: expect.stringMatching(/^CROSSSLOT/), key: 'hll:a'})
      expect(outcomes[1]).toEqual({value: 0})
      expect(outcomes[2]).toEqual({value: 1})
    } finally {
      connection.close()
    }
  })
})
