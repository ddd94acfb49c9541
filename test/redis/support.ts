import {spawn, spawnSync, type ChildProcess} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import net from 'node:net'
import tls from 'node:tls'
import {join} from 'node:path'
import {Cluster, Redis} from 'ioredis'
import {connectRedis, type RedisConnection} from '../../src/redis/connect.js'
import {resolveRedisSource} from '../../src/redis/source.js'
import {deadTcpPort} from '../support/listeners.js'
import {startTogether, stopOnFailure} from '../support/start-together.js'
import {startRespProxy, type RespProxy} from './resp-proxy.js'

/** The machine's Redis, shared by every test: keys are namespaced by uniquePrefix(). */
export const REDIS_URL = 'redis://127.0.0.1:6379/0'
export const REDIS_SERVER_BINARY = '/usr/bin/redis-server'

export function uniquePrefix(test: string): string {
  return `metrics-test:${test}:${process.pid}:${randomBytes(4).toString('hex')}:`
}

/** A client for setting up and cleaning test data; `tls` holds a private CA for rediss:// URLs. */
export function testClient(url = REDIS_URL, tlsOptions?: tls.ConnectionOptions): Redis {
  return new Redis(url, {maxRetriesPerRequest: 1, ...(tlsOptions ? {tls: tlsOptions} : {})})
}

/** Deletes every key under a prefix (SCAN, so that other tests' keys are untouched). */
export async function deleteKeys(client: Redis, prefix: string): Promise<void> {
  let cursor = '0'
  do {
    // As bytes: a key name that is not UTF-8 (the SCAN tests make one) would not survive a round trip through a string.
    const [next, keys] = await client.scanBuffer(cursor, 'MATCH', `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`, 'COUNT', 1000)
    cursor = next.toString()
    if (keys.length > 0) await client.unlink(...keys)
  } while (cursor !== '0')
}

export interface RedisServer {
  readonly port: number
  readonly url: string
  stop(): Promise<void>
}

/** A private redis-server on a free port, for what the shared one must not be changed to do (cluster, sentinel). */
export async function startRedisServer(extraArgs: readonly string[] = [], configText = '', options: {tls?: boolean} = {}): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'metrics-redis-'))
  const port = await deadTcpPort()
  const config = join(dir, 'redis.conf')
  const listen = options.tls ? `port 0\ntls-port ${port}` : `port ${port}`
  writeFileSync(config, `${listen}\nbind 127.0.0.1\nsave ""\nappendonly no\ndir ${dir}\n${configText}`)
  const child = spawn(REDIS_SERVER_BINARY, [config, ...extraArgs], {stdio: ['ignore', 'pipe', 'pipe']})
  let output = ''
  child.stdout?.on('data', chunk => (output += String(chunk)))
  child.stderr?.on('data', chunk => (output += String(chunk)))
  await waitFor(() => answers(port, options.tls === true), () => `redis-server on ${port} did not start: ${output}`, child)
  return {
    port,
    url: `${options.tls ? 'rediss' : 'redis'}://127.0.0.1:${port}/0`,
    stop: async () => {
      await stopChild(child)
      rmSync(dir, {recursive: true, force: true})
    },
  }
}

/** Three masters, no replicas, slots spread by redis-cli --cluster create. */
export async function startCluster(): Promise<{readonly nodes: readonly RedisServer[]; stop(): Promise<void>}> {
  const node = (): Promise<RedisServer> => startRedisServer([], 'cluster-enabled yes\ncluster-node-timeout 2000\n')
  const nodes = await startTogether<[RedisServer, RedisServer, RedisServer]>([node(), node(), node()])
  const cluster = {nodes, stop: async () => void (await Promise.all(nodes.map(started => started.stop())))}
  return stopOnFailure(cluster, async () => {
    await formCluster(nodes)
    return cluster
  })
}

async function formCluster(nodes: readonly RedisServer[]): Promise<void> {
  const created = spawnSync('redis-cli', ['--cluster', 'create', ...nodes.map(node => `127.0.0.1:${node.port}`), '--cluster-replicas', '0', '--cluster-yes'], {encoding: 'utf8'})
  if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`)
  // Every node must agree before keys can be written anywhere.
  const clients = nodes.map(node => new Redis(node.port))
  try {
    await waitFor(async () => (await Promise.all(clients.map(client => client.cluster('INFO')))).every(info => info.includes('cluster_state:ok')), () => 'the cluster never reached cluster_state:ok')
  } finally {
    for (const client of clients) client.disconnect()
  }
}

/** A client that follows the cluster's redirections, for writing test data. */
export function clusterClient(node: RedisServer): Cluster {
  return new Cluster([{host: '127.0.0.1', port: node.port}])
}

/** Any text as a redis.conf argument: every byte escaped, so that spaces, quotes and `#` survive. */
export const configString = (text: string): string => `"${[...Buffer.from(text)].map(byte => `\\x${byte.toString(16).padStart(2, '0')}`).join('')}"`

/**
 * A master and one Sentinel watching it under `name`; `password` is the master's,
 * `sentinelPassword` the Sentinel's own (its requirepass).
 */
export async function startSentinel(name: string, password?: string, sentinelPassword?: string): Promise<{readonly master: RedisServer; readonly sentinelPort: number; stop(): Promise<void>}> {
  const master = await startRedisServer([], password ? `requirepass ${configString(password)}\n` : '')
  const sentinel = await stopOnFailure(master, () => startRedisServer(
    ['--sentinel'],
    `sentinel monitor ${name} 127.0.0.1 ${master.port} 1\nsentinel down-after-milliseconds ${name} 5000\n` +
      (password ? `sentinel auth-pass ${name} ${configString(password)}\n` : '') +
      (sentinelPassword ? `requirepass ${configString(sentinelPassword)}\n` : ''),
  ))
  return {master, sentinelPort: sentinel.port, stop: async () => void (await Promise.all([sentinel.stop(), master.stop()]))}
}

/** True once the server answers PING at all (+PONG, or -NOAUTH from a server with a password). */
function answers(port: number, overTls: boolean): Promise<boolean> {
  return new Promise(resolve => {
    const ping = (): void => void socket.write('PING\r\n')
    const socket = overTls ? tls.connect({port, host: '127.0.0.1', rejectUnauthorized: false}, ping) : net.connect(port, '127.0.0.1', ping)
    socket.once('data', chunk => {
      resolve(/^[+-]/.test(chunk.toString()))
      socket.destroy()
    })
    socket.once('error', () => resolve(false))
  })
}

async function waitFor(check: () => Promise<boolean>, message: () => string, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(message())
    if (await check().catch(() => false)) return
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  child?.kill('SIGKILL')
  throw new Error(message())
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise(resolve => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

/** The machine's Redis through a proxy that counts round trips on the wire, and our connection to it. */
export interface ProxiedRedis {
  readonly proxy: RespProxy
  readonly connection: RedisConnection
  close(): Promise<void>
}

export async function connectThroughProxy(): Promise<ProxiedRedis> {
  const proxy = await startRespProxy(6379)
  const connection = await connectRedis(resolveRedisSource({url: {value: `redis://127.0.0.1:${proxy.port}/0`, source: 'test'}}), 5000, new AbortController().signal)
  return {
    proxy,
    connection,
    async close() {
      connection.close()
      await proxy.close()
    },
  }
}
