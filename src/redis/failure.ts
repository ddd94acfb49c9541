/**
 * What a failed Redis sample means to someone running the job: one line naming the
 * server (password redacted) and the cause, with a hint. Pure, so that reporting a
 * failure never needs ioredis loaded.
 */
import {OperationError} from '../errors.js'
import {describeAnswer} from '../text/answered.js'
import {redact} from '../text/redact.js'
import {describeError, systemErrorCode} from '../text/system-error.js'
import {tlsFailure} from '../text/transport-failure.js'
import {visible} from '../text/visible.js'
import {replyCode} from './executor.js'
import {describeRedisSource, type RedisSource} from './source.js'

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
  AUTH_USERNAME: {what: 'the server takes no user name with the password (Redis 5 or older)', hint: 'give only the password: redis://:password@host'},
}

/** ioredis's own words for a connection that ended, and what they mean. */
const CLOSED: Diagnosis = {what: 'the server closed the connection', hint: 'is that port a Redis server, and does it need TLS (rediss://)?'}

/** ioredis's and the servers' words about Sentinel and Cluster, most specific first, and what they mean. */
const TOPOLOGY: ReadonlyArray<[pattern: RegExp, diagnosis: (source: RedisSource) => Diagnosis]> = [
  [/No such master with that name/, source => ({what: `the sentinels know no master named ${JSON.stringify(source.kind === 'sentinel' ? source.master : '')}`, hint: 'give --master the NAME of "sentinel monitor NAME …" in the Sentinel config'})],
  [/unknown command .?sentinel/i, () => ({what: 'that is not a Sentinel', hint: '--sentinel takes Sentinel addresses (usually port 26379); for the Redis server itself use --redis'})],
  [/All sentinels are unreachable/, () => ({what: 'no sentinel could be reached', hint: 'check the --sentinel addresses, and that Sentinel runs there'})],
  [/cluster support disabled/, () => ({what: 'that server is not in cluster mode', hint: 'for a single server use --redis URL'})],
  [/Failed to refresh slots cache|None of startup nodes is available/, () => ({what: 'no cluster node could be reached', hint: 'check the --cluster addresses'})],
]

/**
 * One line for a failed sample: where (password redacted) and why, with a hint.
 * `error` is whatever ioredis threw or emitted.
 */
export function redisFailure(error: unknown, source: RedisSource): OperationError {
  const where = describeRedisSource(source)
  const err = error instanceof Error ? error : new Error(String(error))
  const answer = parserInput(err)
  if (answer !== undefined) {
    const what = describeAnswer(answer)
    return new OperationError(`Redis at ${where}: not a Redis server (it answered ${what})`, what === 'TLS' ? 'it wants TLS: use rediss://' : 'check the host and port in the URL')
  }
  const systemCode = systemErrorCode(err)
  const code = systemCode ?? (err as {code?: unknown}).code ?? replyCode(err)
  const diagnosis = typeof code === 'string' ? DIAGNOSES[code] : undefined
  const message = oneLine(err.message)
  if (/DB index is out of range/i.test(message)) {
    const db = source.kind === 'cluster' ? 0 : source.endpoint?.db
    return new OperationError(`Redis at ${where} has no database ${db ?? ''}`.trimEnd(), 'check the /db number at the end of the URL against the server\'s databases setting')
  }
  const tls = tlsFailure(err, 'redis://')
  if (tls !== undefined) return new OperationError(`Redis at ${where}: ${tls.reason}`, tls.hint)
  const topology = TOPOLOGY.find(([pattern]) => pattern.test(message))?.[1](source)
  if (topology) return new OperationError(`Redis at ${where}: ${topology.what}`, topology.hint)
  if (source.kind === 'cluster' && /^Connection is closed\.?$/.test(message)) return new OperationError(`Redis at ${where}: no cluster node could be reached`, 'check the --cluster addresses')
  // A socket error's message is Node's (`connect ECONNREFUSED 127.0.0.1:6379`) and says nothing more; a reply's is the server's.
  if (diagnosis) return new OperationError(`Redis at ${where}: ${diagnosis.what}${systemCode === undefined && replyCode(err) !== '' ? ` (${message})` : ''}`, diagnosis.hint)
  if (/^Connection is closed\.?$/.test(message)) return new OperationError(`Redis at ${where}: ${CLOSED.what}`, CLOSED.hint)
  return new OperationError(`Redis at ${where}: ${systemCode === undefined ? message : describeError(err)}`)
}

/**
 * The bytes the server sent when they were not RESP: redis-parser's ParserError keeps
 * them, as JSON of the Buffer, when it meets a type byte Redis never sends.
 */
function parserInput(error: Error): Buffer | undefined {
  if (error.name !== 'ParserError') return undefined
  try {
    const {data} = JSON.parse(String((error as {buffer?: unknown}).buffer)) as {data?: unknown}
    return Array.isArray(data) ? Buffer.from(data as number[]) : undefined
  } catch {
    return undefined
  }
}

const oneLine = (text: string): string => visible(redact(text.split('\n')[0].trim()))
