/**
 * ioredis clients for a RedisSource, set up for a cron job: connect once, no retries,
 * no offline queue, so that an unreachable server or a refused password fails the
 * run at once with one line saying which, instead of hanging. ioredis is imported
 * here, on first use, because it costs more start-up time than `metrics --help`.
 */
import {isIP} from 'node:net'
import type {ClusterOptions, RedisOptions} from 'ioredis'
import {OperationError} from '../errors.js'
import {redact} from '../text/redact.js'
import {visible} from '../text/visible.js'
import {ClusterExecutor, NodeExecutor, replyCode, type RedisExecutor} from './executor.js'
import {describeRedisSource, formatHostPort, type RedisEndpoint, type RedisSource} from './source.js'

export interface RedisConnection {
  readonly executor: RedisExecutor
  /**
   * The first error the client emitted. ioredis reports a failed AUTH or SELECT this
   * way, and goes on with the wrong session (a refused SELECT leaves it on db 0),
   * so any such error fails the whole sample.
   */
  emittedError(): Error | undefined
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
} as const satisfies RedisOptions

/** Loads ioredis, so that a caller can keep its start-up cost out of a connection deadline. */
export async function loadRedisClient(): Promise<void> {
  await import('ioredis')
}

/**
 * Connects, or rejects with what ioredis threw or emitted. Aborting `signal` (the
 * run's deadline) closes the client at once, wherever it is in connecting.
 */
export async function connectRedis(source: RedisSource, timeoutMs: number, signal: AbortSignal): Promise<RedisConnection> {
  const {Redis, Cluster} = await import('ioredis')
  let emitted: Error | undefined
  const remember = (error: Error): void => {
    emitted ??= error
  }
  if (source.kind === 'cluster') {
    const cluster = new Cluster(
      source.nodes.map(node => ({host: node.host, port: node.port})),
      {...FAIL_FAST, clusterRetryStrategy: () => null, slotsRefreshTimeout: timeoutMs, redisOptions: {...sessionOptions(source.endpoint), connectTimeout: timeoutMs, maxRetriesPerRequest: 0, disableClientInfo: true, enableReadyCheck: false}} satisfies ClusterOptions,
    )
    cluster.on('error', remember).on('node error', remember)
    return attach(cluster, new ClusterExecutor(cluster), () => emitted, signal)
  }
  const client =
    source.kind === 'standalone'
      ? new Redis({...FAIL_FAST, ...sessionOptions(source.endpoint), host: source.endpoint.host, port: source.endpoint.port, retryStrategy: () => null, connectTimeout: timeoutMs})
      : new Redis({
          ...FAIL_FAST,
          ...sessionOptions(source.endpoint),
          sentinels: source.sentinels.map(sentinel => ({host: sentinel.host, port: sentinel.port})),
          name: source.master,
          ...(source.sentinelPassword === undefined ? {} : {sentinelPassword: source.sentinelPassword}),
          sentinelRetryStrategy: () => null,
          retryStrategy: () => null,
          connectTimeout: timeoutMs,
        })
  client.on('error', remember)
  const name = source.kind === 'standalone' ? formatHostPort(source.endpoint) : source.master
  return attach(client, new NodeExecutor(client, name), () => emitted, signal)
}

interface Connectable {
  connect(): Promise<void>
  disconnect(): void
}

async function attach(client: Connectable, executor: RedisExecutor, emittedError: () => Error | undefined, signal: AbortSignal): Promise<RedisConnection> {
  const close = (): void => client.disconnect()
  const connection = {executor, emittedError, close}
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

function sessionOptions(endpoint: RedisEndpoint | undefined): RedisOptions {
  if (endpoint === undefined) return {}
  return {
    ...(endpoint.username === undefined ? {} : {username: endpoint.username}),
    ...(endpoint.password === undefined ? {} : {password: endpoint.password}),
    db: endpoint.db,
    // Certificates are checked against the host name; NODE_EXTRA_CA_CERTS adds a private CA.
    ...(endpoint.tls ? {tls: isIP(endpoint.host) === 0 ? {servername: endpoint.host} : {}} : {}),
  }
}

interface Diagnosis {
  readonly what: string
  readonly hint?: string
}

/** Reply codes and socket error codes, and what they mean to someone running the job. */
const DIAGNOSES: Readonly<Record<string, Diagnosis>> = {
  ECONNREFUSED: {what: 'connection refused', hint: 'is Redis running and listening there?'},
  ECONNRESET: {what: 'the connection was reset', hint: 'is that port a Redis server, and does it need TLS (rediss://)?'},
  ENOTFOUND: {what: 'host not found', hint: 'check the host name'},
  EAI_AGAIN: {what: 'host name lookup failed', hint: 'check the host name and DNS'},
  ETIMEDOUT: {what: 'the connection timed out', hint: 'check the host, port and firewall, and whether the server needs TLS (rediss://)'},
  EHOSTUNREACH: {what: 'host unreachable', hint: 'check the host and network'},
  WRONGPASS: {what: 'the user name or password was refused', hint: 'check the user name and password in the URL: redis://user:password@host'},
  NOAUTH: {what: 'Redis requires a password', hint: 'give it in the URL: redis://:password@host or redis://user:password@host'},
  NOPERM: {what: 'the user may not run a command sampling needs', hint: 'grant +type +llen +zcard +scard +xlen +hlen +scan +get +pfcount'},
  LOADING: {what: 'Redis is still loading its dataset', hint: 'try again once it has started'},
  MASTERDOWN: {what: 'the master is down', hint: 'check replication and Sentinel'},
  CLUSTERDOWN: {what: 'the cluster is down', hint: 'check CLUSTER INFO'},
}

/**
 * One line for a failed sample: where (password redacted) and why, with a hint.
 * `error` is whatever ioredis threw or emitted.
 */
export function redisFailure(error: unknown, source: RedisSource): OperationError {
  const where = describeRedisSource(source)
  const err = error instanceof Error ? error : new Error(String(error))
  const code = (err as NodeJS.ErrnoException).code ?? replyCode(err)
  const diagnosis = DIAGNOSES[code]
  const message = oneLine(err.message)
  if (/DB index is out of range/i.test(message)) {
    const db = source.kind === 'cluster' ? 0 : source.endpoint?.db
    return new OperationError(`Redis at ${where} has no database ${db ?? ''}`.trimEnd(), 'check the /db number at the end of the URL against the server\'s databases setting')
  }
  if (/certificate|SSL routines|TLS|wrong version number/i.test(message)) {
    return new OperationError(`TLS handshake with Redis at ${where} failed: ${message}`, 'for a private CA set NODE_EXTRA_CA_CERTS=ca.pem; for a plain server use redis://')
  }
  if (diagnosis) return new OperationError(`Redis at ${where}: ${diagnosis.what} (${message})`, diagnosis.hint)
  return new OperationError(`Redis at ${where}: ${message}`)
}

const oneLine = (text: string): string => visible(redact(text.split('\n')[0].trim()))
