import {UsageError} from '../errors.js'
import type {Tag} from '../statsd/sample.js'
import {TAG_STYLES, checkTagsFitStyle, mergeTags, parseTag, parseTagList, type TagStyle} from '../statsd/tags.js'
import type {ConfigFile} from './file.js'
import {parseChoice, parsePort, scalar, section} from './values.js'
import {formatHostPort} from '../text/host-port.js'

export type StatsdProtocol = 'udp' | 'tcp' | 'uds'
export const STATSD_PROTOCOLS: readonly StatsdProtocol[] = ['udp', 'tcp', 'uds']

/** Where and how everything we emit goes: one shape, resolved once per command run. */
export interface StatsdTarget {
  readonly protocol: StatsdProtocol
  readonly host: string
  readonly port: number
  /** The unixgram socket path, for protocol uds. */
  readonly socket?: string
  readonly prefix: string
  /** Global tags, sent with every metric. */
  readonly tags: readonly Tag[]
  readonly tagStyle: TagStyle
}

/** The statsd target flags as parsed, all strings (see src/flags/statsd-target.ts). */
export interface StatsdTargetFlags {
  readonly host?: string
  readonly port?: string
  readonly protocol?: string
  readonly socket?: string
  readonly prefix?: string
  readonly tag?: readonly string[]
  readonly 'tag-style'?: string
}

const DEFAULT_HOST = '127.0.0.1'
const DEFAULT_PORT = 8125

interface Layer {
  readonly value: string | undefined
  readonly source: string
}

interface Found {
  readonly value: string
  readonly source: string
}

/** The first layer that has a value: the one in force. */
const first = (...layers: Layer[]): Found | undefined => layers.find((layer): layer is Found => layer.value !== undefined && layer.value !== '')

/**
 * flag > environment > config file > hot-shots' DD_* variables > default.
 * Every value is validated with the name of the place it came from.
 */
export function resolveStatsdTarget(flags: StatsdTargetFlags, env: NodeJS.ProcessEnv, config: ConfigFile): StatsdTarget {
  const file = section(config.document, 'statsd', config.path)
  const at = (key: string): Layer => ({value: scalar(file, key, `${config.path} statsd.${key}`), source: `${config.path} statsd.${key}`})
  const ddUrl = parseDogstatsdUrl(env.DD_DOGSTATSD_URL)

  const socketLayer = first(
    {value: flags.socket, source: '--socket'},
    at('socket'),
    {value: ddUrl?.socket ?? env.DD_DOGSTATSD_SOCKET, source: 'DD_DOGSTATSD_SOCKET'},
  )
  const protocolLayer = first({value: flags.protocol, source: '--protocol'}, {value: env.STATSD_PROTOCOL, source: 'STATSD_PROTOCOL'}, at('protocol'))
  const protocol = protocolLayer
    ? parseChoice(protocolLayer.value.toLowerCase(), STATSD_PROTOCOLS, protocolLayer.source)
    : socketLayer ? 'uds' : 'udp'
  if (protocol === 'uds' && !socketLayer) {
    throw new UsageError('protocol uds needs a socket path', 'give --socket PATH or statsd.socket in the config file')
  }

  const hostLayer = first({value: flags.host, source: '--host'}, {value: env.STATSD_HOST, source: 'STATSD_HOST'}, at('host'), {value: ddUrl?.host ?? env.DD_AGENT_HOST, source: 'DD_AGENT_HOST'})
  const portLayer = first({value: flags.port, source: '--port'}, {value: env.STATSD_PORT, source: 'STATSD_PORT'}, at('port'), {value: ddUrl?.port ?? env.DD_DOGSTATSD_PORT, source: 'DD_DOGSTATSD_PORT'})
  const prefixLayer = first({value: flags.prefix, source: '--prefix'}, {value: env.STATSD_PREFIX, source: 'STATSD_PREFIX'}, at('prefix'))
  const styleLayer = first({value: flags['tag-style'], source: '--tag-style'}, {value: env.STATSD_TAG_STYLE, source: 'STATSD_TAG_STYLE'}, at('tagStyle'), at('tag_style'))
  const tagStyle = styleLayer ? parseChoice(styleLayer.value.toLowerCase(), TAG_STYLES, styleLayer.source) : 'dogstatsd'

  const tags = mergeTags(
    mergeTags(parseTagList(file.tags, `${config.path} statsd.tags`), dogstatsdEnvTags(env)),
    (flags.tag ?? []).map(text => parseTag(text, '--tag')),
  )
  checkTagsFitStyle(tags, tagStyle, 'global tags')

  return {
    protocol,
    host: hostLayer?.value ?? DEFAULT_HOST,
    port: portLayer ? parsePort(portLayer.value, portLayer.source) : DEFAULT_PORT,
    ...(socketLayer ? {socket: socketLayer.value} : {}),
    prefix: prefixLayer?.value ?? '',
    tags,
    tagStyle,
  }
}

/** Where a target sends, for messages and reports: `udp://127.0.0.1:8125`, `unixgram:///run/dsd.sock`. */
export function describeTarget(target: StatsdTarget): string {
  if (target.protocol === 'uds') return `unixgram://${target.socket}`
  return `${target.protocol}://${formatHostPort(target.host, target.port)}`
}

/** hot-shots' unified service tagging: DD_ENV, DD_SERVICE, DD_VERSION, DD_ENTITY_ID and DD_TAGS. */
function dogstatsdEnvTags(env: NodeJS.ProcessEnv): Tag[] {
  const tags: Tag[] = []
  const named: Array<[string, string | undefined]> = [
    ['dd.internal.entity_id', env.DD_ENTITY_ID],
    ['env', env.DD_ENV],
    ['service', env.DD_SERVICE],
    ['version', env.DD_VERSION],
  ]
  for (const [key, value] of named) if (value) tags.push({key, value})
  const listed = env.DD_TAGS ?? env.DATADOG_TAGS
  if (listed) for (const text of listed.split(/[\s,]+/).filter(Boolean)) tags.push(parseTag(text, 'DD_TAGS'))
  return tags
}

function parseDogstatsdUrl(url: string | undefined): {host?: string; port?: string; socket?: string} | undefined {
  if (!url) return undefined
  const match = /^(udp|unix|unixgram):\/\/(.+)$/.exec(url)
  if (!match) throw new UsageError(`DD_DOGSTATSD_URL: expected udp://host:port or unix:///path, got ${JSON.stringify(url)}`)
  if (match[1] !== 'udp') return {socket: match[2]}
  const hostPort = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(match[2])
  return {host: hostPort?.[1], port: hostPort?.[2]}
}
