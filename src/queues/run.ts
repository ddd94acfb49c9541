/**
 * `metrics queues`: sample once (cron) or every --interval, and send each complete
 * sample to the sinks. A sample either reads Redis completely or sends nothing;
 * keys that fail alone are reported and leave the other gauges to be sent.
 */
import type {Writable} from 'node:stream'
import {setTimeout as sleep} from 'node:timers/promises'
import {locateConfigFile, readConfigFile, resolveFromConfig} from '../config/file.js'
import {emitToSinks} from '../emit/sinks.js'
import {onAbort} from '../io/abort.js'
import {MetricsError, OperationError, UsageError} from '../errors.js'
import type {RedisConnection} from '../redis/connect.js'
import {redisFailure} from '../redis/failure.js'
import {describeRedisSource} from '../redis/source.js'
import {tagsAsLabels, type GaugeResult} from '../sample/gauge.js'
import {renderError} from '../render-error.js'
import {hideRemembered} from '../text/redact.js'
import {visible} from '../text/visible.js'
import {resolveQueuesSettings, type QueuesSettings} from './config.js'
import type {QueuesFlags} from './flags.js'
import {sinkGauges} from './gauges.js'
import {sampleOnce, type SampleResult} from './sample.js'

export interface QueuesIo {
  readonly env: NodeJS.ProcessEnv
  readonly cwd: string
  readonly stdout: Writable & {readonly isTTY?: boolean}
  readonly stderr: Writable & {readonly isTTY?: boolean}
  /** Aborted by Ctrl-C or SIGTERM: the run stops at once, and a sample in progress sends nothing. */
  readonly signal: AbortSignal
  /** --json is on: the report is the output, so --print cannot also write stdout. */
  readonly json: boolean
  readonly now?: () => Date
}

/** One gauge as --json shows it. */
export interface GaugeReport {
  readonly name: string
  readonly tags: Readonly<Record<string, string>>
  readonly value?: number
  /** Why it could not be read, and which key. */
  readonly failure?: {readonly key: string; readonly reason: string}
}

/** What the last sample found; `--json` prints it. */
export interface QueuesReport {
  readonly redis: string
  readonly samples: number
  /** Samples that failed as a whole, or in part (a key, a sink). */
  readonly failedSamples: number
  /** The last sample's gauges, for --json only (`io.json`): without it, this is empty. */
  readonly gauges: readonly GaugeReport[]
  readonly warnings: readonly string[]
  readonly roundTrips: {readonly scan: number; readonly read: number}
  readonly milliseconds: number
  readonly sentTo: readonly string[]
}

/**
 * A sample delivered, as sampleAndDeliver returns it: the report with the gauges as
 * read. They become GaugeReports only for --json, and only for the last sample: with
 * 10,000 queues, building a report nobody prints costs as much as sending the gauges.
 */
type Delivered = Omit<QueuesReport, 'gauges'> & {
  readonly gauges: readonly GaugeResult[]
  /** What the client noticed that is harmless (a password the server does not need): told on a terminal, never from cron. */
  readonly notes: readonly string[]
}

/** Per-key failure lines printed per sample; the rest are counted. */
const MAX_FAILURE_LINES = 20

export async function runQueues(flags: QueuesFlags, io: QueuesIo): Promise<QueuesReport> {
  const settings = resolveFromConfig(readConfigFile(locateConfigFile(flags.config, io.env, io.cwd)), config => resolveQueuesSettings(flags, io.env, config))
  if (io.json && settings.sinks.print) throw new UsageError('--print and --json both write to stdout', 'use one of them')
  const now = io.now ?? (() => new Date())
  const intervalMs = settings.intervalMs
  const loop = intervalMs !== undefined
  let samples = 0
  let failedSamples = 0
  let last: Delivered | undefined
  const told = new Set<string>()
  const tell = !io.json && !flags.quiet && io.stderr.isTTY === true
  for (;;) {
    const started = now()
    try {
      last = await sampleAndDeliver(settings, io, started)
      for (const note of last.notes) {
        if (tell && !told.has(note)) io.stderr.write(`Note: ${note}\n`)
        told.add(note)
      }
    } catch (error) {
      if (!loop) throw error
      // A loop runs until it is stopped: the sample that the stop cut short is no failure.
      if (io.signal.aborted) break
      io.stderr.write(`${started.toISOString()} ${renderError(error, Boolean(io.env.DEBUG)).text}\n`)
      last = undefined
    }
    samples++
    if (last === undefined || last.failedSamples > 0) failedSamples++
    if (intervalMs === undefined || samples === settings.count || io.signal.aborted) break
    const wait = intervalMs - (now().getTime() - started.getTime())
    if (!(await pause(Math.max(0, wait), io.signal))) break
  }
  if (tell && last) io.stderr.write(summarize(last) + '\n')
  const {notes, ...report} = last ?? emptyReport(settings)
  return {...report, gauges: io.json ? report.gauges.map(gaugeReport) : [], warnings: [...report.warnings, ...notes], samples, failedSamples}
}

async function sampleAndDeliver(settings: QueuesSettings, io: QueuesIo, started: Date): Promise<Delivered> {
  // process.hrtime, not performance.now(): the first use of `performance` loads perf_hooks, milliseconds of a cron run.
  const clock = process.hrtime.bigint()
  const sample = await sampleWithin(settings, started, io.signal)
  const stamp = settings.intervalMs === undefined ? '' : `${started.toISOString()} `
  for (const warning of sample.warnings) io.stderr.write(`${stamp}Warning: ${hideRemembered(warning)}\n`)
  const failed = sample.gauges.filter(gauge => gauge.failure !== undefined)
  for (const gauge of failed.slice(0, MAX_FAILURE_LINES)) io.stderr.write(`${stamp}Error: ${describeFailure(gauge)}\n`)
  if (failed.length > MAX_FAILURE_LINES) io.stderr.write(`${stamp}Error: … and ${failed.length - MAX_FAILURE_LINES} more gauges could not be read\n`)

  const delivery = await emitToSinks(settings.sinks, sinkGauges(sample.gauges, settings.sinks), {stdout: io.stdout, signal: io.signal, timeoutMs: settings.timeoutMs})
  const [firstError, ...otherErrors] = delivery.errors
  for (const error of otherErrors) io.stderr.write(`${stamp}${renderError(error, false).text}\n`)
  if (firstError) throw firstError
  return {
    redis: describeRedisSource(settings.redis),
    samples: 1,
    failedSamples: failed.length > 0 ? 1 : 0,
    gauges: sample.gauges,
    warnings: sample.warnings,
    notes: sample.notes.map(note => `Redis at ${describeRedisSource(settings.redis)}: ${note}`),
    roundTrips: {scan: sample.scanCalls, read: sample.readRoundTrips},
    milliseconds: Math.round(Number(process.hrtime.bigint() - clock) / 1e6),
    sentTo: delivery.sentTo,
  }
}

/**
 * Connects and samples under one deadline. When it passes, or the run is interrupted,
 * the client is closed at once, so that the process ends within --timeout even
 * against a black hole, and at once on Ctrl-C or SIGTERM.
 */
async function sampleWithin(settings: QueuesSettings, now: Date, interrupt: AbortSignal): Promise<SampleResult & {readonly notes: readonly string[]}> {
  // Loading the client is start-up, not waiting for Redis: it stays outside the deadline.
  const {connectRedis} = await import('../redis/connect.js')
  const deadline = new AbortController()
  const timedOut = new Promise<never>((_, reject) =>
    deadline.signal.addEventListener('abort', () => reject(interrupt.aborted ? interruptedError(settings) : timeoutError(settings)), {once: true}),
  )
  const unwatch = onAbort(interrupt, () => deadline.abort())
  let connection: RedisConnection | undefined
  const work = (async () => {
    connection = await connectRedis(settings.redis, settings.timeoutMs, deadline.signal)
    const result = await sampleOnce(connection.executor, settings.plan, now)
    const emitted = connection.emittedError()
    if (emitted) throw emitted
    return {...result, notes: connection.notes()}
  })()
  const timer = setTimeout(() => deadline.abort(), settings.timeoutMs)
  try {
    return await Promise.race([work, timedOut])
  } catch (error) {
    // A command fails with ioredis's "Stream isn't writeable" once the connection has died; the emitted error says why.
    throw error instanceof MetricsError ? error : redisFailure(connection?.emittedError() ?? error, settings.redis)
  } finally {
    clearTimeout(timer)
    unwatch()
    deadline.abort()
    connection?.close()
    work.catch(() => undefined)
    timedOut.catch(() => undefined)
  }
}

function timeoutError(settings: QueuesSettings): OperationError {
  const tls = settings.redis.kind === 'standalone' && settings.redis.endpoint.tls
  return new OperationError(
    `Redis at ${describeRedisSource(settings.redis)}: no answer within ${settings.timeoutMs} ms`,
    tls ? 'is the server listening for TLS on that port? Otherwise check the host and port, or raise --timeout' : 'check that the host and port are right and reachable, or raise --timeout',
  )
}

function interruptedError(settings: QueuesSettings): OperationError {
  return new OperationError(`interrupted while reading Redis at ${describeRedisSource(settings.redis)}; nothing sent`)
}

function describeFailure(gauge: GaugeResult & {readonly failure: string; readonly key: string}): string {
  const tags = gauge.tags.map(tag => (tag.value === undefined ? tag.key : `${tag.key}:${tag.value}`)).join(',')
  return visible(hideRemembered(`${gauge.statsd}${tags ? ` (${tags})` : ''}: could not read key "${gauge.key}": ${gauge.failure}`))
}

function gaugeReport(gauge: GaugeResult): GaugeReport {
  const tags = tagsAsLabels(gauge.tags)
  return gauge.failure === undefined ? {name: gauge.statsd, tags, value: gauge.value} : {name: gauge.statsd, tags, failure: {key: gauge.key, reason: gauge.failure}}
}

function emptyReport(settings: QueuesSettings): Delivered {
  return {redis: describeRedisSource(settings.redis), samples: 0, failedSamples: 0, gauges: [], warnings: [], notes: [], roundTrips: {scan: 0, read: 0}, milliseconds: 0, sentTo: []}
}

/** Waits, or returns false at once when the run is interrupted. */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, {signal})
    return true
  } catch {
    return false
  }
}

function summarize(report: Delivered): string {
  const read = report.gauges.filter(gauge => gauge.failure === undefined).length
  const trips = `${report.roundTrips.read} round ${report.roundTrips.read === 1 ? 'trip' : 'trips'}${report.roundTrips.scan > 0 ? ` + ${report.roundTrips.scan} SCAN calls` : ''}`
  const sent = report.sentTo.length > 0 ? `; sent to ${report.sentTo.join(', ')}` : ''
  return `read ${read} of ${report.gauges.length} gauges from ${report.redis} in ${trips}, ${report.milliseconds} ms${sent}`
}
