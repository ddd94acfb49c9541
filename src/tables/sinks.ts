import type {Writable} from 'node:stream'
import type {ConfigFile} from '../config/file.js'
import {resolveStatsdTarget, type StatsdTarget, type StatsdTargetFlags} from '../config/statsd-target.js'
import {scalar} from '../config/values.js'
import {pushToGateway, toPrometheusText, writeTextfileAtomically, type GaugeObservation, type PushgatewayTarget} from '../emit/prometheus.js'
import {StatsdSink} from '../emit/statsd.js'
import {OperationError, UsageError} from '../errors.js'
import {labelPairs} from '../queues/config-values.js'
import type {Sample} from '../statsd/sample.js'
import {redact} from '../text/redact.js'

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

/** The config-file keys of the sinks, in the command's own section. */
export const SINK_KEYS = ['statsd', 'pushgateway', 'job', 'grouping', 'textfile', 'print']

export const DEFAULT_JOB = 'metrics_tables'

export function resolveSinks(flags: SinkFlags, env: NodeJS.ProcessEnv, config: ConfigFile, file: Readonly<Record<string, unknown>>, where: string): Sinks {
  const at = (key: string): string => `${where}.${key}`
  const pushgatewayUrl = flags.pushgateway ?? (env.PUSHGATEWAY_URL || undefined) ?? scalar(file, 'pushgateway', at('pushgateway'))
  const textfile = flags.textfile ?? scalar(file, 'textfile', at('textfile'))
  const print = flags.print === true || yes(file, 'print', at('print'))
  const statsd = flags.statsd === true || yes(file, 'statsd', at('statsd')) || (pushgatewayUrl === undefined && textfile === undefined && !print)
  const groupings = flags.grouping?.length ? labelPairs(flags.grouping, '--grouping') : labelPairs(file.grouping, at('grouping'))
  const urlSource = flags.pushgateway !== undefined ? '--pushgateway' : env.PUSHGATEWAY_URL ? 'PUSHGATEWAY_URL' : at('pushgateway')
  return {
    ...(statsd ? {statsd: resolveStatsdTarget(flags, env, config)} : {}),
    ...(pushgatewayUrl === undefined ? {} : {pushgateway: {url: httpUrl(pushgatewayUrl, urlSource), job: flags.job ?? scalar(file, 'job', at('job')) ?? DEFAULT_JOB, groupings, method: 'post'}}),
    ...(textfile === undefined ? {} : {textfile}),
    print,
  }
}

function yes(file: Readonly<Record<string, unknown>>, key: string, source: string): boolean {
  const value = scalar(file, key, source)
  if (value === undefined || value === 'false') return false
  if (value === 'true') return true
  throw new UsageError(`${source}: expected true or false, got ${JSON.stringify(value)}`)
}

function httpUrl(value: string, source: string): string {
  const protocol = URL.canParse(value) ? new URL(value).protocol : undefined
  if (protocol !== 'http:' && protocol !== 'https:') throw new UsageError(`${source}: expected an http:// or https:// URL, got ${JSON.stringify(redact(value))}`, 'e.g. http://pushgateway:9091')
  return value
}

/**
 * Sends one round's gauges to every sink. A sink that fails does not keep the others
 * from getting theirs; its error is returned.
 */
export async function emitToSinks(sinks: Sinks, samples: readonly Sample[], observations: readonly GaugeObservation[], stdout: Writable): Promise<OperationError[]> {
  const failures: OperationError[] = []
  const attempt = async (send: () => Promise<void>): Promise<void> => {
    try {
      await send()
    } catch (error) {
      if (!(error instanceof OperationError)) throw error
      failures.push(error)
    }
  }
  const {statsd, pushgateway, textfile} = sinks
  const sends: Array<Promise<void>> = []
  if (statsd && samples.length > 0) {
    sends.push(attempt(async () => {
      const sink = StatsdSink.open(statsd)
      sink.write(samples)
      await sink.close()
    }))
  }
  // An empty push would still mark the group as pushed; with nothing read, the gateway's push time should go stale.
  if (pushgateway && observations.length > 0) sends.push(attempt(() => pushToGateway(pushgateway, observations)))
  if (textfile !== undefined) sends.push(attempt(async () => writeTextfileAtomically(textfile, await toPrometheusText(observations))))
  await Promise.all(sends)
  if (sinks.print) stdout.write(await toPrometheusText(observations))
  return failures
}
