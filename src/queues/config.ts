/**
 * Everything `metrics queues` needs, resolved once: flag > environment > config
 * file > default, each value validated with the name of the place it came from.
 *
 * Config file sections `redis:` and `queues:` (their keys: src/config/schema.ts).
 * --queue, --pattern and --preset replace the file's queues, patterns and preset;
 * the file's checks always run.
 */
import type {ConfigFile} from '../config/file.js'
import {flag, list, mapping, optionalText, text, unescapeText, type Mapping} from '../config/shape.js'
import {resolveSinks, type Sinks} from '../config/sinks.js'
import {parseDuration, parsePositiveInteger, section} from '../config/values.js'
import {UsageError} from '../errors.js'
import {resolveRedisSource, type RedisSource} from '../redis/source.js'
import {KOMBU_NAMING, type CeleryNaming} from '../sample/celery-keys.js'
import {nameFields, parseKeyTemplate} from '../sample/key-template.js'
import type {CheckSpec, DayWindow} from '../sample/redis-checks.js'
import {READ_KINDS, type ReadKind} from '../sample/redis-queues.js'
import type {Tag} from '../statsd/sample.js'
import {parseTagList} from '../statsd/tags.js'
import {QUEUES_JOB, type QueuesFlags} from './flags.js'
import {DEFAULT_MAX_KEYS, DEFAULT_QUEUE_METRIC, type PatternSpec, type QueueSpec, type SamplePlan} from './plan.js'
import {PRESETS} from './presets.js'

export interface QueuesSettings {
  readonly redis: RedisSource
  readonly plan: SamplePlan
  readonly sinks: Sinks
  readonly timeoutMs: number
  /** Absent: sample once. */
  readonly intervalMs?: number
  /** With an interval: stop after this many samples. */
  readonly count?: number
}

export const DEFAULT_TIMEOUT_MS = 5000

export function resolveQueuesSettings(flags: QueuesFlags, env: NodeJS.ProcessEnv, config: ConfigFile): QueuesSettings {
  const file = config.path ?? 'config file'
  const redisSection = section(config.document, 'redis', config.path)
  const queuesSection = section(config.document, 'queues', config.path)
  const path = `${file} queues`
  const setting = settingReader(queuesSection, path)

  const interval = setting(flags.interval, 'interval')
  const count = setting(flags.count, 'count')
  const timeout = setting(flags.timeout, 'timeout')
  const intervalMs = interval && parseDuration(interval.value, interval.source)
  if (count && intervalMs === undefined) throw new UsageError(`${count.source} applies only with an interval`, 'without --interval, metrics queues samples once')
  // A sample must end before the next one starts: by default the timeout is 5 s or the interval, whichever is shorter.
  const timeoutMs = timeout ? parseDuration(timeout.value, timeout.source) : Math.min(DEFAULT_TIMEOUT_MS, intervalMs ?? DEFAULT_TIMEOUT_MS)
  if (intervalMs !== undefined && timeoutMs > intervalMs) throw new UsageError(`the timeout (${timeoutMs} ms) is longer than the interval (${intervalMs} ms)`, 'a sample must end before the next one starts')

  return {
    redis: resolveRedis(flags, env, redisSection, file),
    plan: resolvePlan(flags, queuesSection, path),
    sinks: resolveSinks(flags, env, config, queuesSection, path, {defaultJob: QUEUES_JOB, pushTimeoutMs: timeoutMs}),
    timeoutMs,
    ...(intervalMs === undefined ? {} : {intervalMs}),
    ...(count ? {count: parsePositiveInteger(count.value, count.source)} : {}),
  }
}

interface Setting {
  readonly value: string
  /** Where it came from, for messages: `--max-keys` or `metrics.config.yaml queues.maxKeys`. */
  readonly source: string
}

/** Reads a setting from its flag, else from the section (under its camelCase key). */
type SettingReader = (flagValue: string | undefined, key: string) => Setting | undefined

function settingReader(file: Mapping, path: string): SettingReader {
  return (flagValue, key) => {
    if (flagValue !== undefined) return {value: flagValue, source: `--${key.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`)}`}
    const value = optionalText(file[key], `${path}.${key}`)
    return value === undefined ? undefined : {value, source: `${path}.${key}`}
  }
}

const fromEnv = (env: NodeJS.ProcessEnv, name: string): Setting | undefined => (env[name] ? {value: env[name], source: name} : undefined)

function resolveRedis(flags: QueuesFlags, env: NodeJS.ProcessEnv, file: Mapping, path: string): RedisSource {
  const at = (key: string): string => `${path} redis.${key}`
  const setting = settingReader(file, `${path} redis`)
  // The URL's flag is --redis, not --url, and REDIS_URL comes between it and the file.
  const url = flags.redis ? {value: flags.redis, source: '--redis'} : (fromEnv(env, 'REDIS_URL') ?? setting(undefined, 'url'))
  const hostList = (values: readonly string[] | undefined, key: string, flagName: string): {values: readonly string[]; source: string} | undefined => {
    if (values && values.length > 0) return {values, source: flagName}
    const listed = list(file[key], at(key)).map(item => text(item, at(key)))
    return listed.length > 0 ? {values: listed, source: at(key)} : undefined
  }
  const master = setting(flags.master, 'master')
  const sentinelPassword = setting(undefined, 'sentinelPassword')?.value
  return resolveRedisSource({
    ...(url ? {url} : {}),
    ...(master ? {master} : {}),
    ...optionalEntry('sentinels', hostList(flags.sentinel, 'sentinels', '--sentinel')),
    ...optionalEntry('cluster', hostList(flags.cluster, 'cluster', '--cluster')),
    ...(sentinelPassword === undefined ? {} : {sentinelPassword}),
  })
}

function resolvePlan(flags: QueuesFlags, file: Mapping, path: string): SamplePlan {
  const at = (key: string): string => `${path}.${key}`
  const setting = settingReader(file, path)
  const celeryDefault = flags.celery === true || flag(file.celery, at('celery')) === true
  const fromFlags = (flags.queue?.length ?? 0) > 0 || (flags.pattern?.length ?? 0) > 0 || flags.preset !== undefined
  const presetName = flags.preset ?? (fromFlags ? undefined : optionalText(file.preset, at('preset')))
  const preset = presetName === undefined ? undefined : PRESETS[presetName]
  if (presetName !== undefined && preset === undefined) throw new UsageError(`${at('preset')}: unknown preset ${JSON.stringify(presetName)}`, `known presets: ${Object.keys(PRESETS).join(', ')}`)

  // Built once, not once per queue: a file may list 10,000.
  const queuesSource = at('queues')
  const queues: QueueSpec[] = fromFlags
    ? (flags.queue ?? []).map(name => ({name, celery: celeryDefault, tags: NO_TAGS}))
    : list(file.queues, queuesSource).map((item, index) => queueEntry(item, queuesSource, index, celeryDefault))
  const patterns: PatternSpec[] = fromFlags
    ? (flags.pattern ?? []).map(pattern => ({pattern, celery: celeryDefault, tags: []}))
    : list(file.patterns, at('patterns')).map((item, index) => patternEntry(item, `${at('patterns')}[${index}]`, celeryDefault))
  const checks = list(file.checks, at('checks')).map((item, index) => checkEntry(item, `${at('checks')}[${index}]`))
  const allQueues = preset ? preset.queues.concat(queues) : queues
  if (allQueues.length + patterns.length + checks.length === 0) {
    throw new UsageError('nothing to sample', 'give --queue NAME, --pattern GLOB or --preset ichnaea, or list queues, patterns or checks in the config file')
  }

  const separator = setting(flags['celery-separator'], 'celerySeparator')
  // Steps may be a YAML list as well as text, so they are not a plain setting.
  const stepsValue = flags['celery-steps'] ?? file.celerySteps
  const metric = setting(flags.metric, 'metric')?.value
  const prometheusName = setting(flags['prometheus-name'], 'prometheusName')?.value
  const help = optionalText(file.help, at('help'))
  const maxKeys = setting(flags['max-keys'], 'maxKeys')
  return {
    queues: dedupeQueues(allQueues),
    patterns,
    checks,
    celery: {
      separator: separator ? unescapeText(separator.value, separator.source) : KOMBU_NAMING.separator,
      steps: stepsValue === undefined ? KOMBU_NAMING.steps : celerySteps(stepsValue, flags['celery-steps'] ? '--celery-steps' : at('celerySteps')),
    } satisfies CeleryNaming,
    metric: {
      statsd: metric ?? DEFAULT_QUEUE_METRIC.statsd,
      prometheus: prometheusName ?? DEFAULT_QUEUE_METRIC.prometheus,
      help: help ?? DEFAULT_QUEUE_METRIC.help,
    },
    lua: !(flags.pipelines === true || flag(file.pipelines, at('pipelines')) === true),
    maxKeys: maxKeys ? parsePositiveInteger(maxKeys.value, maxKeys.source) : DEFAULT_MAX_KEYS,
  }
}

/** A queue named twice is sampled once, where first named, with the tags of its last mention (a preset's tags can be overridden). */
function dedupeQueues(queues: readonly QueueSpec[]): readonly QueueSpec[] {
  // Names first: a file of 10,000 queues rarely names one twice, and a Set of names costs less than a Map of specs.
  const names = new Set<string>()
  for (let i = 0; i < queues.length; i++) names.add(queues[i].name)
  if (names.size === queues.length) return queues
  const byName = new Map<string, QueueSpec>()
  queues.forEach(queue => byName.set(queue.name, queue))
  return [...byName.values()]
}

/** The tags of a queue given without any: one list shared by all of them. */
const NO_TAGS: readonly Tag[] = []

/** `queues[index]` of a file: a name, or a mapping with name, celery and tags. */
function queueEntry(item: unknown, list: string, index: number, celeryDefault: boolean): QueueSpec {
  // The common case, a plain name, is checked before the entry's place is even spelled out: there may be 10,000.
  if (typeof item === 'string' && item !== '') return {name: item, celery: celeryDefault, tags: NO_TAGS}
  const source = `${list}[${index}]`
  if (typeof item === 'string') return {name: text(item, source), celery: celeryDefault, tags: NO_TAGS}
  const entry = mapping(item, source)
  return {name: text(entry.name, `${source}.name`), celery: flag(entry.celery, `${source}.celery`) ?? celeryDefault, tags: parseTagList(entry.tags, `${source}.tags`)}
}

function patternEntry(item: unknown, source: string, celeryDefault: boolean): PatternSpec {
  if (typeof item === 'string') return {pattern: text(item, source), celery: celeryDefault, tags: []}
  const entry = mapping(item, source)
  return {pattern: text(entry.pattern, `${source}.pattern`), celery: flag(entry.celery, `${source}.celery`) ?? celeryDefault, tags: parseTagList(entry.tags, `${source}.tags`)}
}

function checkEntry(item: unknown, source: string): CheckSpec {
  const entry = mapping(item, source)
  const statsd = text(entry.name, `${source}.name`)
  const key = parseKeyTemplate(text(entry.key, `${source}.key`), `${source}.key`)
  const readText = text(entry.read, `${source}.read`)
  if (!(READ_KINDS as readonly string[]).includes(readText)) throw new UsageError(`${source}.read: expected one of ${READ_KINDS.join(', ')}, got ${JSON.stringify(readText)}`)
  const prometheus = optionalText(entry.prometheus, `${source}.prometheus`) ?? statsd.replace(/[^A-Za-z0-9_:{}]/g, '_')
  for (const [name, where] of [[statsd, 'name'], [prometheus, 'prometheus']]) {
    const unknown = nameFields(name).find(field => !key.fields.includes(field))
    if (unknown !== undefined) throw new UsageError(`${source}.${where}: {${unknown}} is not a field of the key template ${JSON.stringify(key.text)}`)
  }
  const windows = list(entry.intervals, `${source}.intervals`).map((window, index) => dayWindow(window, `${source}.intervals[${index}]`))
  if (windows.length > 0 && key.dateFormat === undefined) throw new UsageError(`${source}.intervals: the key template has no {date:…} to count days by`)
  return {
    statsd,
    prometheus,
    help: optionalText(entry.help, `${source}.help`) ?? `${statsd} read (${readText}) from Redis keys ${key.text}.`,
    key,
    read: readText as ReadKind,
    windows,
    tags: parseTagList(entry.tags, `${source}.tags`),
  }
}

const MAX_WINDOW_DAYS = 366

function dayWindow(value: unknown, source: string): DayWindow {
  const label = text(value, source)
  const days = /^(\d+)d$/.exec(label)
  if (!days || Number(days[1]) < 1 || Number(days[1]) > MAX_WINDOW_DAYS) throw new UsageError(`${source}: expected a number of days such as 1d or 7d (at most ${MAX_WINDOW_DAYS}d), got ${JSON.stringify(label)}`)
  return {label, days: Number(days[1])}
}

function celerySteps(value: unknown, source: string): number[] {
  const items = typeof value === 'string' ? value.split(',').map(item => item.trim()) : list(value, source)
  const steps = items.map(item => (typeof item === 'number' ? item : /^\d+$/.test(String(item)) ? Number(item) : Number.NaN))
  if (steps.length === 0 || steps.some(step => !Number.isSafeInteger(step) || step < 0)) {
    throw new UsageError(`${source}: expected priority steps as whole numbers, e.g. 0,3,6,9, got ${JSON.stringify(value)}`)
  }
  return [...new Set(steps)]
}

function optionalEntry<K extends string, V>(key: K, value: V | undefined): {[P in K]?: V} {
  return (value === undefined ? {} : {[key]: value}) as {[P in K]?: V}
}

