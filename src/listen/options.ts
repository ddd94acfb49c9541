/**
 * `metrics tail` flags, validated up front into one shape, so that a bad value stops the
 * command before any socket opens, with a message naming the flag and what it expects.
 */
import {parseDuration, parsePort, parsePositiveInteger} from '../config/values.js'
import {UsageError} from '../errors.js'
import {TAG_FORMATS, tagFormatsFrom, type TagFormat, type TagFormats} from '../statsd/parse.js'
import type {MetricType} from '../statsd/sample.js'
import type {FilterSpec} from './filter.js'
import type {TailFlags} from './flags.js'
import {formatHostPort} from '../text/host-port.js'

export type ListenSpec =
  | {readonly kind: 'udp'; readonly host: string; readonly port: number; readonly rcvbuf: number}
  | {readonly kind: 'tcp'; readonly host: string; readonly port: number; readonly maxLineLength: number; readonly maxConnections: number; readonly idleTimeoutMs: number}
  | {readonly kind: 'unixgram'; readonly path: string}
  | {readonly kind: 'input'; readonly path: string}

export type StreamFormat = 'pretty' | 'json' | 'raw'

/** What --aggregate and --top group samples by: the statsd name, or the Prometheus series. */
export type GroupBy = 'name' | 'series'

export type ViewSpec =
  | {readonly kind: 'stream'; readonly format: StreamFormat}
  | {readonly kind: 'aggregate'; readonly format: 'pretty' | 'json'; readonly intervalMs: number; readonly percentiles: readonly number[]; readonly groupBy: GroupBy}
  | {readonly kind: 'top'; readonly intervalMs: number; readonly groupBy: GroupBy}
  /** --quiet: only the summary. */
  | {readonly kind: 'none'}

export interface HostPort {
  readonly host: string
  readonly port: number
}

export interface TailOptions {
  readonly listen: ListenSpec
  readonly view: ViewSpec
  readonly filter: FilterSpec
  readonly tagFormats: TagFormats
  readonly forward: readonly HostPort[]
  readonly capture?: string
  /** Stop after this many (non-empty) lines. */
  readonly count?: number
  readonly durationMs?: number
  readonly maxSeries: number
  /** --mapping: the statsd_exporter mapping config to translate through. */
  readonly mapping?: string
  /** --expose: where to serve /metrics. */
  readonly expose?: HostPort
}

export const DEFAULT_HOST = '127.0.0.1'
export const DEFAULT_PORT = 8125
const DEFAULT_RCVBUF = 8 << 20
/** statsd_exporter reads TCP lines with a 4096-byte bufio.Reader, which holds 4095 bytes and the `\n`. */
const DEFAULT_MAX_LINE_LENGTH = 4095
/**
 * Half the usual `ulimit -n` of 1024, so that the connections and tail's own files (about
 * 30, more with --expose scrapes) fit under it. statsd clients hold one connection per
 * process; Telegraf's statsd input allows 250.
 */
const DEFAULT_MAX_CONNECTIONS = 512
/**
 * Longer than any statsd client's flush interval (seconds) and than an application's quiet
 * spells of a few minutes, so that a live client is not cut; short enough that connections
 * of vanished peers (no FIN ever comes) give their room back long before a cap fills.
 */
const DEFAULT_IDLE_TIMEOUT_MS = 5 * 60_000
const DEFAULT_MAX_SERIES = 100_000
const DEFAULT_AGGREGATE_INTERVAL_MS = 10_000
const DEFAULT_TOP_INTERVAL_MS = 1000
const DEFAULT_PERCENTILES = [90]

export function parseTailOptions(flags: TailFlags): TailOptions {
  const listen = listenSpec(flags)
  const tcpOnly = (['max-line-length', 'max-connections', 'idle-timeout'] as const).find(name => flags[name] !== undefined)
  if (tcpOnly !== undefined && listen.kind !== 'tcp') throw new UsageError(`--${tcpOnly} applies to --tcp only`)
  return {
    listen,
    view: viewSpec(flags),
    filter: {
      names: flags.filter ?? [],
      types: (flags.type ?? []).flatMap(list => parseTypeList(list)),
      tags: (flags.tag ?? []).map(parseTagFilter),
    },
    tagFormats: parseTagFormats(flags['tag-formats']),
    forward: (flags.forward ?? []).map(text => parseHostPort(text, '--forward')),
    capture: flags.capture,
    count: flags.count === undefined ? undefined : parsePositiveInteger(flags.count, '--count'),
    durationMs: flags.duration === undefined ? undefined : parseDuration(flags.duration, '--duration'),
    maxSeries: flags['max-series'] === undefined ? DEFAULT_MAX_SERIES : parsePositiveInteger(flags['max-series'], '--max-series'),
    mapping: parseMappingPath(flags.mapping),
    expose: flags.expose === undefined ? undefined : parseExpose(flags.expose),
  }
}

function parseMappingPath(path: string | undefined): string | undefined {
  if (path === '') throw new UsageError('--mapping needs a path')
  if (path === '-') throw new UsageError('--mapping cannot read stdin: it reloads the file when it changes', 'give the path of the mapping config')
  return path
}

/** `9102`, `:9102`, `0.0.0.0:9102`, `[::1]:9102`; 127.0.0.1 unless a host is given, so nothing is served beyond this machine by accident. */
export function parseExpose(text: string): HostPort {
  const match = /^(?:(?:\[([^\]]+)\]|([^:[\]]*)):)?(\d+)$/.exec(text.trim())
  if (!match) throw new UsageError(`--expose: ${JSON.stringify(text)} is not [HOST:]PORT`, 'e.g. 9102, 0.0.0.0:9102 or [::1]:9102')
  return {host: match[1] ?? (match[2] || DEFAULT_HOST), port: parseListenPort(match[3], '--expose')}
}

function listenSpec(flags: TailFlags): ListenSpec {
  const chosen = (['tcp', 'socket', 'input'] as const).filter(name => flags[name] !== undefined && flags[name] !== false)
  if (chosen.length > 1) throw new UsageError(`--${chosen[0]} and --${chosen[1]} cannot be used together`, 'listen on one of UDP (the default), --tcp, --socket or --input')
  const path = flags.socket ?? flags.input
  if (path !== undefined) {
    const given = (['host', 'port', 'rcvbuf'] as const).find(name => flags[name] !== undefined)
    if (given) throw new UsageError(`--${given} does not apply to --${flags.socket === undefined ? 'input' : 'socket'}`)
    if (path === '') throw new UsageError(`--${flags.socket === undefined ? 'input' : 'socket'} needs a path`)
    return flags.socket === undefined ? {kind: 'input', path} : {kind: 'unixgram', path}
  }
  const host = flags.host ?? DEFAULT_HOST
  const port = flags.port === undefined ? DEFAULT_PORT : parseListenPort(flags.port, '--port')
  if (flags.tcp) {
    if (flags.rcvbuf !== undefined) throw new UsageError('--rcvbuf applies to UDP only')
    const maxLineLength = flags['max-line-length'] === undefined ? DEFAULT_MAX_LINE_LENGTH : parsePositiveInteger(flags['max-line-length'], '--max-line-length')
    const maxConnections = flags['max-connections'] === undefined ? DEFAULT_MAX_CONNECTIONS : parsePositiveInteger(flags['max-connections'], '--max-connections')
    const idleTimeoutMs = flags['idle-timeout'] === undefined ? DEFAULT_IDLE_TIMEOUT_MS : parseIdleTimeout(flags['idle-timeout'])
    return {kind: 'tcp', host, port, maxLineLength, maxConnections, idleTimeoutMs}
  }
  return {kind: 'udp', host, port, rcvbuf: flags.rcvbuf === undefined ? DEFAULT_RCVBUF : parseByteSize(flags.rcvbuf, '--rcvbuf')}
}

/** A duration, or 0 (`0`, `0s`, ...) for none. */
function parseIdleTimeout(text: string): number {
  return /^\s*0+(?:\.0+)?(?:ms|s|m|h)?\s*$/.test(text) ? 0 : parseDuration(text, '--idle-timeout')
}

/** Like a statsd port, but 0 asks the kernel for a free one. */
function parseListenPort(text: string, source: string): number {
  return /^\s*0\s*$/.test(text) ? 0 : parsePort(text, source)
}

function viewSpec(flags: TailFlags): ViewSpec {
  if (flags.aggregate && flags.top) throw new UsageError('--aggregate and --top cannot be used together')
  if (flags.by !== undefined && !flags.aggregate && !flags.top) throw new UsageError('--by applies to --aggregate and --top only')
  const groupBy = flags.by === 'series' ? 'series' : 'name'
  if (flags.quiet) {
    const given = (['format', 'aggregate', 'top', 'interval', 'percentiles'] as const).find(name => flags[name] !== undefined && flags[name] !== false)
    if (given !== undefined) throw new UsageError(`--quiet prints nothing; --${given} does not apply`)
    return {kind: 'none'}
  }
  const format = flags.format ?? 'pretty'
  const intervalMs = flags.interval === undefined ? undefined : parseDuration(flags.interval, '--interval')
  if (flags.percentiles !== undefined && !flags.aggregate) throw new UsageError('--percentiles applies to --aggregate only')
  if (flags.aggregate) {
    if (format === 'raw') throw new UsageError('--aggregate prints a table or JSON, not raw lines', 'use --format pretty or --format json')
    const percentiles = flags.percentiles === undefined ? DEFAULT_PERCENTILES : parsePercentiles(flags.percentiles)
    return {kind: 'aggregate', format: format as 'pretty' | 'json', intervalMs: intervalMs ?? DEFAULT_AGGREGATE_INTERVAL_MS, percentiles, groupBy}
  }
  if (flags.top) {
    if (flags.format !== undefined) throw new UsageError('--top draws its own table; --format does not apply')
    return {kind: 'top', intervalMs: intervalMs ?? DEFAULT_TOP_INTERVAL_MS, groupBy}
  }
  if (intervalMs !== undefined) throw new UsageError('--interval applies to --aggregate and --top only')
  return {kind: 'stream', format: format as StreamFormat}
}

/** `90,99,99.9`: each in (0, 100]. */
export function parsePercentiles(text: string): number[] {
  return text.split(',').map(piece => {
    const value = /^\s*\d+(?:\.\d+)?\s*$/.test(piece) ? Number(piece) : Number.NaN
    if (!(value > 0 && value <= 100)) throw new UsageError(`--percentiles: ${JSON.stringify(piece)} is not a percentile in (0, 100]`, 'e.g. --percentiles 50,90,99')
    return value
  })
}

const TYPE_WORDS: Readonly<Record<string, MetricType>> = {
  c: 'c', counter: 'c', count: 'c',
  g: 'g', gauge: 'g',
  ms: 'ms', timer: 'ms', timing: 'ms',
  h: 'h', histogram: 'h',
  d: 'd', distribution: 'd',
  s: 's', set: 's',
}

export function parseTypeList(text: string): MetricType[] {
  return text.split(',').map(word => {
    const type = TYPE_WORDS[word.trim().toLowerCase()]
    if (type === undefined) throw new UsageError(`--type: unknown type ${JSON.stringify(word)}`, 'use c, g, ms, h, d, s or counter, gauge, timer, histogram, distribution, set')
    return type
  })
}

export function parseTagFilter(text: string): {readonly key: string; readonly value?: string} {
  const colon = text.indexOf(':')
  const key = colon === -1 ? text : text.slice(0, colon)
  if (key === '') throw new UsageError(`--tag: ${JSON.stringify(text)} has an empty key`, 'write KEY or KEY:VALUE')
  return colon === -1 ? {key} : {key, value: text.slice(colon + 1)}
}

/** `dogstatsd,influx`, or `none` for plain statsd only. */
export function parseTagFormats(text: string | undefined): TagFormats {
  if (text === undefined) return tagFormatsFrom(TAG_FORMATS)
  if (text.trim() === 'none') return tagFormatsFrom([])
  return tagFormatsFrom(text.split(',').map(word => {
    const name = word.trim().toLowerCase()
    if (!(TAG_FORMATS as readonly string[]).includes(name)) {
      throw new UsageError(`--tag-formats: unknown format ${JSON.stringify(word)}`, `use a comma list of ${TAG_FORMATS.join(', ')}, or none`)
    }
    return name as TagFormat
  }))
}

/** `host:port`, `[v6]:port`. */
export function parseHostPort(text: string, source: string): HostPort {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d+)$/.exec(text.trim())
  if (!match) throw new UsageError(`${source}: ${JSON.stringify(text)} is not HOST:PORT`, 'e.g. 127.0.0.1:9125, or [::1]:9125 for IPv6')
  return {host: match[1] ?? match[2], port: parsePort(match[3], source)}
}

const SIZE = /^(\d+(?:\.\d+)?)\s*(b|kb|k|kib|mb|m|mib|gb|g|gib)?$/i
const SIZE_UNITS: Readonly<Record<string, number>> = {b: 1, k: 1024, kb: 1024, kib: 1024, m: 1 << 20, mb: 1 << 20, mib: 1 << 20, g: 1 << 30, gb: 1 << 30, gib: 1 << 30}

/** `8MB`, `512k`, `1048576`: binary units, since the kernel counts buffers that way. */
export function parseByteSize(text: string, source: string): number {
  const match = SIZE.exec(text.trim())
  const bytes = match ? Math.round(Number(match[1]) * SIZE_UNITS[(match[2] ?? 'b').toLowerCase()]) : Number.NaN
  if (!(bytes >= 1 && bytes <= 2 ** 31 - 1)) throw new UsageError(`${source}: expected a size such as 8MB, 512KB or 1048576, got ${JSON.stringify(text)}`)
  return bytes
}

/** The address tail listens on, as it prints it: `udp://127.0.0.1:8125`. */
export function describeListen(listen: ListenSpec, port?: number): string {
  switch (listen.kind) {
    case 'unixgram': return `unixgram://${listen.path}`
    case 'input': return listen.path === '-' ? 'stdin' : listen.path
    default:
      return `${listen.kind}://${formatHostPort(listen.host, port ?? listen.port)}`
  }
}
