/**
 * ioredis clients for a RedisSource, set up for a cron job: connect once, no retries,
 * no offline queue, so that an unreachable server or a refused password fails the
 * run at once with one line saying which, instead of hanging. Import this module
 * when a run first needs Redis: ioredis costs more start-up time than `metrics --help`.
 */
import {isIP} from 'node:net'
import {Cluster, Redis, type ClusterOptions, type RedisOptions} from 'ioredis'
import {takeClientNotices} from './client-notices.js'
import {ClusterExecutor, NodeExecutor, type RedisExecutor} from './executor.js'
import {formatHostPort} from '../text/host-port.js'
import {findMaster} from './sentinel.js'
import type {HostPort, RedisEndpoint, RedisSource} from './source.js'

export interface RedisConnection {
  readonly executor: RedisExecutor
  /**
   * The first error the client emitted. ioredis reports a failed AUTH or SELECT this
   * way, and goes on with the wrong session (a refused SELECT leaves it on db 0),
   * so any such error fails the whole sample.
   */
  emittedError(): Error | undefined
  /** What ioredis noticed that did not stop it, in our words (a password the server does not need). */
  notes(): readonly string[]
  close(): void
}

/** Settings every client gets: fail fast, never queue or retry, no extra start-up round trips. */
const FAIL_FAST = {
  lazyConnect: true,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  // Sampling reads no pub/sub state and a LOADING reply fails the run anyway (FATAL_REPLY_CODES),
  // so the INFO round trip of the ready check and the CLIENT SETINFO calls buy nothing.
  enableReadyCheck: false,
  disableClientInfo: true,
  // disconnect() ends the socket and waits this long for the server to close its side. One that
  // never answers never does: the run, interrupted or timed out, would end 2 s (the default) after its error.
  disconnectTimeout: 0,
} as const satisfies RedisOptions

/**
 * Connects, or rejects with what ioredis threw or emitted. Aborting `signal` (the
 * run's deadline) closes the client at once, wherever it is in connecting.
 */
export async function connectRedis(source: RedisSource, timeoutMs: number, signal: AbortSignal): Promise<RedisConnection> {
  let emitted: Error | undefined
  const remember = (error: Error): void => {
    emitted ??= error
  }
  const notes = new Set<string>()
  const stopTaking = takeClientNotices(notice => (notice.kind === 'note' ? notes.add(notice.text) : remember(notice.error)))
  const session = {emittedError: () => emitted, notes: () => [...notes], stopTaking}
  if (source.kind === 'cluster') {
    const cluster = new Cluster(
      source.nodes.map(node => ({host: node.host, port: node.port})),
      {...FAIL_FAST, clusterRetryStrategy: () => null, slotsRefreshTimeout: timeoutMs, redisOptions: {...sessionOptions(source.endpoint), connectTimeout: timeoutMs, maxRetriesPerRequest: 0, disableClientInfo: true, enableReadyCheck: false, disconnectTimeout: 0}} satisfies ClusterOptions,
    )
    cluster.on('error', remember).on('node error', remember)
    return attach(cluster, new ClusterExecutor(cluster), session, signal)
  }
  let server: HostPort
  try {
    server = source.kind === 'standalone' ? source.endpoint : await findMaster(source, {...FAIL_FAST, connectTimeout: timeoutMs}, signal)
  } catch (error) {
    stopTaking()
    throw error
  }
  const client = new Redis({...FAIL_FAST, ...sessionOptions(source.endpoint, server.host), host: server.host, port: server.port, retryStrategy: () => null, connectTimeout: timeoutMs})
  client.on('error', remember)
  const name = source.kind === 'standalone' ? formatHostPort(server.host, server.port) : source.master
  return attach(client, new NodeExecutor(client, name), session, signal)
}

interface Connectable {
  connect(): Promise<void>
  disconnect(): void
}

interface Session {
  emittedError(): Error | undefined
  notes(): readonly string[]
  stopTaking(): void
}

async function attach(client: Connectable, executor: RedisExecutor, session: Session, signal: AbortSignal): Promise<RedisConnection> {
  const {emittedError, notes, stopTaking} = session
  const close = (): void => {
    client.disconnect()
    stopTaking()
  }
  const connection = {executor, emittedError, notes, close}
  signal.addEventListener('abort', close, {once: true})
  try {
    signal.throwIfAborted()
    await client.connect()
  } catch (error) {
    connection.close()
    // ioredis rejects connect() with "Connection is closed."; the emitted error says why.
    throw emittedError() ?? error
  }
  return connection
}

/** Credentials, database and TLS of the URL, for a server at `host` (a Sentinel's master is not the URL's host). */
function sessionOptions(endpoint: RedisEndpoint | undefined, host = endpoint?.host ?? ''): RedisOptions {
  if (endpoint === undefined) return {}
  return {
    ...(endpoint.username === undefined ? {} : {username: endpoint.username}),
    ...(endpoint.password === undefined ? {} : {password: endpoint.password}),
    db: endpoint.db,
    // Certificates are checked against the host name; NODE_EXTRA_CA_CERTS adds a private CA.
    ...(endpoint.tls ? {tls: isIP(host) === 0 ? {servername: host} : {}} : {}),
  }
}
