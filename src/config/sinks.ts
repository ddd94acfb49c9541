/**
 * Where the gauges of `metrics queues`, `metrics tables` and `metrics datamaps` go,
 * resolved from the flags of src/flags/prometheus-sinks.ts, PUSHGATEWAY_URL and the
 * sink keys of the command's own config section: flag > environment > file > default.
 */
import {checkGroupingKey, type PushgatewayTarget} from '../emit/prometheus.js'
import {UsageError} from '../errors.js'
import {redact, rememberUrlSecrets} from '../text/redact.js'
import type {ConfigFile} from './file.js'
import {flag, labelPairs, optionalText, type Mapping} from './shape.js'
import {resolveStatsdTarget, type StatsdTarget, type StatsdTargetFlags} from './statsd-target.js'

/** Where a run's gauges go. statsd is the sink when no other is chosen, or when asked for with --statsd. */
export interface Sinks {
  readonly statsd?: StatsdTarget
  readonly pushgateway?: PushgatewayTarget
  readonly textfile?: string
  readonly print: boolean
}

export interface SinkFlags extends StatsdTargetFlags {
  readonly statsd?: boolean
  readonly pushgateway?: string
  readonly job?: string
  readonly grouping?: readonly string[]
  readonly textfile?: string
  readonly print?: boolean
}

/** What differs between the commands that push. */
export interface PushDefaults {
  /** The job when neither --job nor the file names one. */
  readonly defaultJob: string
  /** Absent: PUT, which replaces the whole group (PushgatewayTarget's default). */
  readonly method?: 'post'
  /** How long a push may take: the command's --timeout. */
  readonly pushTimeoutMs: number
}

/**
 * `file` is the command's config section, `where` names it in messages
 * (`metrics.config.yaml tables`).
 */
export function resolveSinks(flags: SinkFlags, env: NodeJS.ProcessEnv, config: ConfigFile, file: Mapping, where: string, defaults: PushDefaults): Sinks {
  const at = (key: string): string => `${where}.${key}`
  const fromFile = (key: string): {value: string; source: string} | undefined => {
    const value = optionalText(file[key], at(key))
    return value === undefined ? undefined : {value, source: at(key)}
  }
  const pushgateway =
    flags.pushgateway === undefined ? (env.PUSHGATEWAY_URL ? {value: env.PUSHGATEWAY_URL, source: 'PUSHGATEWAY_URL'} : fromFile('pushgateway')) : {value: flags.pushgateway, source: '--pushgateway'}
  const textfile = flags.textfile ?? fromFile('textfile')?.value
  const print = flags.print === true || flag(file.print, at('print')) === true
  const statsd = flags.statsd === true || flag(file.statsd, at('statsd')) === true || (pushgateway === undefined && textfile === undefined && !print)
  const groupingFlags = flags.grouping?.length ? flags.grouping : undefined
  const pushOnly = groupingFlags ? '--grouping' : flags.job === undefined ? undefined : '--job'
  if (pushgateway === undefined && pushOnly !== undefined) throw new UsageError(`${pushOnly} applies only when pushing to a Pushgateway`, 'give --pushgateway URL, set PUSHGATEWAY_URL, or pushgateway: in the config file')
  return {
    ...(statsd ? {statsd: resolveStatsdTarget(flags, env, config)} : {}),
    ...(pushgateway === undefined
      ? {}
      : {
          pushgateway: checkGroupingKey({
            url: httpUrl(pushgateway.value, pushgateway.source),
            job: flags.job ?? fromFile('job')?.value ?? defaults.defaultJob,
            groupings: labelPairs(groupingFlags ?? file.grouping, groupingFlags ? '--grouping' : at('grouping')),
            ...(defaults.method === undefined ? {} : {method: defaults.method}),
            timeoutMs: defaults.pushTimeoutMs,
          }, {job: flags.job === undefined ? at('job') : '--job', grouping: groupingFlags ? '--grouping' : at('grouping')}),
        }),
    ...(textfile === undefined ? {} : {textfile}),
    print,
  }
}

/** An http:// or https:// URL, returned as given; a message never shows its password. */
export function httpUrl(value: string, source: string): string {
  rememberUrlSecrets(value)
  const protocol = URL.canParse(value) ? new URL(value).protocol : undefined
  if (protocol !== 'http:' && protocol !== 'https:') throw new UsageError(`${source}: expected an http:// or https:// URL, got ${redact(JSON.stringify(value))}`, 'e.g. http://pushgateway:9091')
  return value
}
