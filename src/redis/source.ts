/**
 * Where Redis is, validated before anything connects: a standalone server from a
 * `redis://` or `rediss://` URL, a master found through Sentinel, or a Cluster.
 * Pure: src/redis/connect.ts turns a source into ioredis clients.
 */
import {UsageError} from '../errors.js'
import {redact, rememberSecret, rememberUrlSecrets} from '../text/redact.js'
import {decodeUrlPart, ESCAPE_HINT, passwordBreaksUrl} from '../text/url-credentials.js'
import {formatHostPort} from '../text/host-port.js'

export interface HostPort {
  readonly host: string
  readonly port: number
}

/** What a URL says about one server's connection: address, credentials, database, TLS. */
export interface RedisEndpoint extends HostPort {
  readonly tls: boolean
  readonly username?: string
  readonly password?: string
  readonly db: number
}

export type RedisSource =
  | {readonly kind: 'standalone'; readonly url: string; readonly endpoint: RedisEndpoint}
  /** Credentials, database and TLS of the master come from the URL, if any; its host is not used. */
  | {readonly kind: 'sentinel'; readonly sentinels: readonly HostPort[]; readonly master: string; readonly url?: string; readonly endpoint?: RedisEndpoint; readonly sentinelPassword?: string}
  /** Credentials and TLS of every node come from the URL, if any; its host is not used. */
  | {readonly kind: 'cluster'; readonly nodes: readonly HostPort[]; readonly url?: string; readonly endpoint?: RedisEndpoint}

/** The settings a source is resolved from, each with the place it came from for messages. */
export interface RedisSourceInput {
  readonly url?: {readonly value: string; readonly source: string}
  readonly sentinels?: {readonly values: readonly string[]; readonly source: string}
  readonly master?: {readonly value: string; readonly source: string}
  readonly cluster?: {readonly values: readonly string[]; readonly source: string}
  readonly sentinelPassword?: string
}

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379/0'
const DEFAULT_PORT = 6379
const DEFAULT_SENTINEL_PORT = 26379

export function resolveRedisSource(input: RedisSourceInput): RedisSource {
  rememberSecret(input.sentinelPassword)
  const endpoint = input.url ? parseRedisUrl(input.url.value, input.url.source) : undefined
  if (input.sentinels && input.cluster) throw new UsageError(`${input.sentinels.source} and ${input.cluster.source} cannot be used together`)
  if (input.sentinels) {
    if (!input.master) throw new UsageError(`${input.sentinels.source} needs the master's name`, 'give --master NAME (the name in "sentinel monitor NAME …")')
    return {
      kind: 'sentinel',
      sentinels: parseHostPorts(input.sentinels.values, DEFAULT_SENTINEL_PORT, input.sentinels.source),
      master: input.master.value,
      ...(input.url ? {url: input.url.value, endpoint} : {}),
      ...(input.sentinelPassword === undefined ? {} : {sentinelPassword: input.sentinelPassword}),
    }
  }
  if (input.master) throw new UsageError(`${input.master.source} only applies with --sentinel`)
  if (input.cluster) {
    if (input.url && endpoint && endpoint.db !== 0) throw new UsageError(`${input.url.source}: a Redis Cluster has only database 0, got ${endpoint.db}`)
    return {kind: 'cluster', nodes: parseHostPorts(input.cluster.values, DEFAULT_PORT, input.cluster.source), ...(input.url ? {url: input.url.value, endpoint} : {})}
  }
  const url = input.url?.value ?? DEFAULT_REDIS_URL
  return {kind: 'standalone', url, endpoint: endpoint ?? parseRedisUrl(url, 'default')}
}

/**
 * `redis[s]://[[username]:password@]host[:port][/db]`, as redis-cli and ioredis read
 * it. Percent-encoded credentials are decoded. Messages never show the password,
 * whether the URL parses or not.
 */
export function parseRedisUrl(text: string, source: string): RedisEndpoint {
  rememberUrlSecrets(text)
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new UsageError(`${source}: not a URL: ${redact(JSON.stringify(text))}`, passwordBreaksUrl(text) ? ESCAPE_HINT : 'e.g. redis://:password@host:6379/0 or rediss://host:6380')
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new UsageError(`${source}: expected a redis:// or rediss:// URL, got ${redact(text)}`)
  }
  if (url.hostname === '') throw new UsageError(`${source}: the URL has no host: ${redact(text)}`)
  const path = url.pathname.replace(/^\//, '')
  // `redis://:ab/cd@host` parses as host "" or a port, and a path holding the rest of the password.
  if (path.includes('@')) throw new UsageError(`${source}: the URL's path holds an @: is there an unescaped / in the password? ${redact(text)}`, ESCAPE_HINT)
  if (path !== '' && !/^\d+$/.test(path)) throw new UsageError(`${source}: the database must be a number, got ${JSON.stringify(path)} in ${redact(text)}`)
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port === '' ? DEFAULT_PORT : Number(url.port),
    tls: url.protocol === 'rediss:',
    ...(url.username === '' ? {} : {username: decodeUrlPart(url.username, `${source}: the user name`)}),
    ...(url.password === '' ? {} : {password: decodeUrlPart(url.password, `${source}: the password`)}),
    db: path === '' ? 0 : Number(path),
  }
}

/** `host:port`, `host` (default port) or `[v6]:port`, from a list whose items may be comma-separated. */
export function parseHostPorts(values: readonly string[], defaultPort: number, source: string): HostPort[] {
  const items = values.flatMap(value => value.split(',')).map(item => item.trim()).filter(item => item !== '')
  if (items.length === 0) throw new UsageError(`${source}: expected at least one host:port`)
  return items.map(item => {
    const match = /^(?:\[([^\]]+)\]|([^:[\]]+))(?::(\d+))?$/.exec(item)
    const port = match?.[3] === undefined ? defaultPort : Number(match[3])
    if (!match || port < 1 || port > 65535) throw new UsageError(`${source}: expected host:port, got ${JSON.stringify(item)}`)
    return {host: match[1] ?? match[2], port}
  })
}

/** How the source is named in messages, with the password redacted. */
export function describeRedisSource(source: RedisSource): string {
  switch (source.kind) {
    case 'standalone':
      return redact(source.url)
    case 'sentinel':
      return `master ${JSON.stringify(source.master)} via sentinel ${hostList(source.sentinels)}`
    case 'cluster':
      return `cluster ${hostList(source.nodes)}`
  }
}

const hostList = (nodes: readonly HostPort[]): string => nodes.map(node => formatHostPort(node.host, node.port)).join(',')
