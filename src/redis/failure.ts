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
import {terminalText} from '../text/visible.js'
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
  NOPERM: {what: 'the user may not run a command sampling needs', hint: 'grant +type +llen +zcard +scard +xlen +hlen +scan +get +pfcount'},
  LOADING: {what: 'Redis is still loading its dataset', hint: 'try again once it has started'},
  MASTERDOWN: {what: 'the master is down', hint: 'check replication and Sentinel'},
  CLUSTERDOWN: {what: 'the cluster is down', hint: 'check CLUSTER INFO'},
  AUTH_USERNAME: {what: 'the server takes no user name with the password (Redis 5 or older)', hint: 'give only the password: redis://:password@host'},
}

/**
 * A refused login, worded by who tried to log in: a wrong password (WRONGPASS, or
 * Redis 5's `invalid password`) names the user, never the password; a URL that gives
 * no password is told so (NOAUTH, or WRONGPASS for a user logged in without one).
 */
function loginFailure(code: string, source: RedisSource): Diagnosis | undefined {
  if (code !== 'WRONGPASS' && code !== 'NOAUTH') return undefined
  const user = source.endpoint?.username
  const who = user === undefined ? 'the default user' : `user ${JSON.stringify(user)}`
  const example = `redis://${user === undefined ? '' : encodeURIComponent(user)}:PASSWORD@host`
  if (source.endpoint?.password === undefined) return {what: `Redis requires a password, and the URL gives ${who} none`, hint: `give it in the URL: ${example}`}
  return {what: `the password for ${who} was refused`, hint: `check the password in the URL (${example}), and that the user exists and is on (ACL LIST)`}
}

/** A Sentinel's refusal, for `sentinelPassword`: the Sentinel's own requirepass, not the master's. */
const SENTINEL_LOGIN: Readonly<Record<string, (sentinel: string) => Diagnosis>> = {
  WRONGPASS: sentinel => ({what: `Sentinel ${sentinel} refused the password`, hint: 'check sentinelPassword under redis: in the config file'}),
  NOAUTH: sentinel => ({what: `Sentinel ${sentinel} requires a password`, hint: 'set sentinelPassword under redis: in the config file'}),
}

/** What one Sentinel did when asked for the master. */
export interface SentinelFailure {
  readonly sentinel: string
  /** Absent: it answered, but monitors no master of that name. */
  readonly error?: Error
}

/** No Sentinel gave the master's address; `failures` say what each one did. */
export class SentinelLookupError extends Error {
  constructor(
    readonly master: string,
    readonly failures: readonly SentinelFailure[],
  ) {
    super(`no Sentinel gave the address of master ${JSON.stringify(master)}`)
    this.name = 'SentinelLookupError'
  }
}

/** ioredis's own words for a connection that ended, and what they mean. */
const CLOSED: Diagnosis = {what: 'the server closed the connection', hint: 'is that port a Redis server, and does it need TLS (rediss://)?'}

/** ioredis's and the servers' words about Sentinel and Cluster, most specific first, and what they mean. */
const TOPOLOGY: ReadonlyArray<[pattern: RegExp, diagnosis: (source: RedisSource) => Diagnosis]> = [
  [/unknown command .?sentinel/i, () => ({what: 'that is not a Sentinel', hint: '--sentinel takes Sentinel addresses (usually port 26379); for the Redis server itself use --redis'})],
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
  if (err instanceof SentinelLookupError) return sentinelFailure(err, source)
  const systemCode = systemErrorCode(err)
  const code = systemCode ?? (err as {code?: unknown}).code ?? loginCode(err)
  const diagnosis = typeof code === 'string' ? (DIAGNOSES[code] ?? loginFailure(code, source)) : undefined
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
 * What the Sentinels did, most telling first: a refused password, a server that is no
 * Sentinel, a master none of them monitors; else none could be reached, and why.
 */
function sentinelFailure(error: SentinelLookupError, source: RedisSource): OperationError {
  const where = describeRedisSource(source)
  const failed = error.failures.flatMap(failure => (failure.error === undefined ? [] : [{sentinel: failure.sentinel, error: failure.error}]))
  for (const {sentinel, error: cause} of failed) {
    const login = SENTINEL_LOGIN[loginCode(cause)]
    if (login) {
      const {what, hint} = login(sentinel)
      return new OperationError(`Redis at ${where}: ${what} (${oneLine(cause.message)})`, hint)
    }
  }
  const notSentinel = failed.find(({error: cause}) => /unknown command .?sentinel/i.test(cause.message))
  if (notSentinel) return redisFailure(notSentinel.error, source)
  if (failed.length < error.failures.length) {
    return new OperationError(`Redis at ${where}: the sentinels know no master named ${JSON.stringify(error.master)}`, 'give --master the NAME of "sentinel monitor NAME …" in the Sentinel config')
  }
  const first = failed[0].error
  const reason = /^Connection is closed\.?$/.test(first.message) ? CLOSED.what : describeError(first)
  return new OperationError(`Redis at ${where}: no sentinel could be reached (${oneLine(reason)})`, 'check the --sentinel addresses, and that Sentinel runs there')
}

/** A reply's code, with Redis 5's `ERR invalid password` read as the WRONGPASS of Redis 6. */
function loginCode(error: Error): string {
  return /^ERR invalid password/.test(error.message) ? 'WRONGPASS' : replyCode(error)
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

const oneLine = (text: string): string => terminalText(redact(text.split('\n')[0].trim()))
