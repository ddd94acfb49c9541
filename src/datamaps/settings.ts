/**
 * Everything `metrics datamaps` needs, resolved once: flag > environment > config
 * file (section `datamaps:`) > default, each value validated with the name of the
 * place it came from.
 */
import {availableParallelism} from 'node:os'
import type {ConfigFile} from '../config/file.js'
import {resolveSinks, type Sinks} from '../config/sinks.js'
import {parseDuration, parsePositiveInteger, scalar, section} from '../config/values.js'
import {UsageError} from '../errors.js'
import {redact, rememberSecret, rememberUrlSecrets} from '../text/redact.js'
import {DATAMAPS_JOB, type DatamapsFlags} from './flags.js'
import {DEFAULT_CONNECT_TIMEOUT_MS} from './export-mysql.js'
import {KEY_ZOOM} from './mercator.js'
import {DEFAULT_OUTPUT, parseOutput, type OutputSpec} from './output.js'
import {parseShard, WHOLE_MAP, type Shard} from './shard.js'
import {parseSource, type SourceSpec} from './source.js'

export interface DatamapsSettings {
  readonly source: SourceSpec
  readonly output: OutputSpec
  readonly s3: {readonly endpoint?: string; readonly region: string}
  readonly maxZoom: number
  readonly concurrency: number
  readonly shard: Shard
  readonly sinks: Sinks
  /** Connecting to the database, and a Pushgateway push. */
  readonly timeoutMs: number
}

const DEFAULT_MAX_ZOOM = 11

export function resolveDatamapsSettings(flags: DatamapsFlags, env: NodeJS.ProcessEnv, config: ConfigFile): DatamapsSettings {
  const where = `${config.path ?? 'config file'} datamaps`
  const file = section(config.document, 'datamaps', config.path)
  const at = (key: string): {value: string | undefined; source: string} => ({value: scalar(file, key, `${where}.${key}`), source: `${where}.${key}`})
  const pick = (...layers: Array<{value: string | undefined; source: string}>): {value: string; source: string} | undefined =>
    layers.find((layer): layer is {value: string; source: string} => layer.value !== undefined && layer.value !== '')

  // Secrets that reach the libraries without passing through a URL: hidden too, should one echo them.
  for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) rememberSecret(env[name])
  const source = pick({value: flags.source, source: '--source'}, {value: env.DATABASE_URL, source: 'DATABASE_URL'}, at('source'))
  if (!source) throw new UsageError('no source of grid cells', 'give --source mysql://host/db or --source csv:PATH, or set DATABASE_URL')
  const output = pick({value: flags.output, source: '--output'}, at('output')) ?? {value: DEFAULT_OUTPUT, source: 'default'}
  const endpoint = pick({value: flags['s3-endpoint'], source: '--s3-endpoint'}, {value: env.AWS_ENDPOINT_URL_S3, source: 'AWS_ENDPOINT_URL_S3'}, {value: env.AWS_ENDPOINT_URL, source: 'AWS_ENDPOINT_URL'}, at('s3Endpoint'))
  const maxZoom = pick({value: flags['max-zoom'], source: '--max-zoom'}, at('maxZoom'))
  const concurrency = pick({value: flags.concurrency, source: '--concurrency'}, at('concurrency'))
  const shard = pick({value: flags.shard, source: '--shard'}, at('shard'))
  const timeout = pick({value: flags.timeout, source: '--timeout'}, at('timeout'))
  const timeoutMs = timeout ? parseDuration(timeout.value, timeout.source) : DEFAULT_CONNECT_TIMEOUT_MS
  // POST replaces only the names pushed: a failed run, which sends no success time, leaves the last one to age.
  const sinks = resolveSinks(flags, env, config, file, where, {defaultJob: DATAMAPS_JOB, method: 'post', pushTimeoutMs: timeoutMs})

  return {
    source: parseSource(source.value, source.source),
    output: parseOutput(output.value, output.source),
    s3: {...(endpoint ? {endpoint: httpEndpoint(endpoint.value, endpoint.source)} : {}), region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1'},
    maxZoom: maxZoom ? parseZoom(maxZoom.value, maxZoom.source) : DEFAULT_MAX_ZOOM,
    concurrency: concurrency ? Math.min(parsePositiveInteger(concurrency.value, concurrency.source), 256) : availableParallelism(),
    shard: shard ? parseShard(shard.value, shard.source) : WHOLE_MAP,
    sinks,
    timeoutMs,
  }
}

function parseZoom(text: string, source: string): number {
  const zoom = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN
  if (!(zoom >= 0 && zoom <= KEY_ZOOM)) throw new UsageError(`${source}: expected a zoom from 0 to ${KEY_ZOOM}, got ${JSON.stringify(text)}`, `points are kept at zoom-${KEY_ZOOM} resolution, as Ichnaea's encode -z13 does`)
  return zoom
}

function httpEndpoint(text: string, source: string): string {
  rememberUrlSecrets(text)
  const protocol = URL.canParse(text) ? new URL(text).protocol : undefined
  if (protocol !== 'http:' && protocol !== 'https:') throw new UsageError(`${source}: expected an http:// or https:// URL, got ${redact(JSON.stringify(text))}`)
  return text
}
