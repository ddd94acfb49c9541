import {createInterface} from 'node:readline'
import type {Readable, Writable} from 'node:stream'
import {locateConfigFile, readConfigFile, resolveFromConfig} from '../config/file.js'
import {describeTarget, resolveStatsdTarget, type StatsdTarget} from '../config/statsd-target.js'
import {parseDuration, parsePositiveInteger} from '../config/values.js'
import {StatsdSink, type SendTotals} from '../emit/statsd.js'
import {OperationError, UsageError} from '../errors.js'
import {terminalText} from '../text/visible.js'
import {DryRunWriter} from './dry-run.js'
import type {SendArgs, SendFlags} from './flags.js'
import {runLoad, type LineWriter, type LoadPlan} from './load.js'
import {planSend, wireTextFactory, type PlanInput} from './plan.js'
import {parseStdinLine} from './stdin-line.js'
import {parseNumber} from './value.js'

export interface SendIo {
  readonly env: NodeJS.ProcessEnv
  readonly cwd: string
  readonly stdin: Readable
  readonly stdout: Writable
  readonly stderr: Writable
  readonly signal: AbortSignal
}

/** What a send did; `--json` prints it. */
export interface SendReport {
  readonly target: string
  readonly dryRun: boolean
  readonly lines: number
  readonly bytes: number
  readonly payloads: number
  readonly sampledOut: number
  readonly badLines: number
  readonly seconds: number
  readonly linesPerSecond: number
}

type Writer = LineWriter & {close(): Promise<SendTotals>}

/** `metrics send`, from parsed flags and arguments to a report. Shared by the oclif command and the fast path. */
export async function runSend(args: SendArgs, flags: SendFlags, io: SendIo): Promise<SendReport> {
  // The capture format loads only for a replay, so that a plain send stays instant.
  const replay = flags.replay === undefined && flags.speed === undefined ? undefined : (await import('./replay.js')).plannedReplay(args, flags)
  if (args.type === undefined && replay === undefined) throw new UsageError('metrics send needs a type and a name', 'e.g. metrics send incr page.views, or metrics send - to read lines from stdin')
  const config = readConfigFile(locateConfigFile(flags.config, io.env, io.cwd))
  const target = resolveFromConfig(config, file => resolveStatsdTarget(flags, io.env, file))
  const sampleRate = flags['sample-rate'] === undefined ? 1 : parseSampleRate(flags['sample-rate'])
  const fromStdin = args.type === '-'
  const load = loadPlan(flags, sampleRate)
  if (fromStdin && (load.count !== undefined || load.rate !== undefined || load.durationMs !== undefined)) {
    throw new UsageError('--count, --rate and --duration do not apply to lines read from stdin')
  }
  // Validate the metric before opening a socket: a bad value must not half-send anything.
  const next = fromStdin || args.type === undefined ? undefined : wireTextFactory(planSend(planInput(args, args.type, flags, sampleRate)), target)

  const writer: Writer = flags['dry-run'] ? new DryRunWriter(io.stdout) : await StatsdSink.open(target, io.signal)
  const started = performance.now()
  let sampledOut = 0
  let badLines = 0
  try {
    if (replay !== undefined) await replay.send(writer, io.signal)
    else if (next === undefined) badLines = await sendStdin(io, writer, target, sampleRate)
    else if (isLoad(load)) sampledOut = (await runLoad(next, writer, load, io.signal)).sampledOut
    else void writer.writeText(next())
  } catch (error) {
    // Still close, so that the socket is released; the first error is the one to report.
    await writer.close().catch(() => undefined)
    throw error
  }
  const totals = await writer.close()
  const seconds = (performance.now() - started) / 1000
  const report: SendReport = {
    target: describeTarget(target),
    dryRun: flags['dry-run'] === true,
    ...totals,
    sampledOut,
    badLines,
    seconds,
    linesPerSecond: seconds > 0 ? Math.round(totals.lines / seconds) : totals.lines,
  }
  if (badLines > 0) throw new OperationError(`${badLines} stdin ${badLines === 1 ? 'line was' : 'lines were'} invalid and not sent; ${totals.lines} sent`)
  return report
}

function planInput(args: SendArgs, type: string, flags: SendFlags, sampleRate: number): PlanInput {
  const timestamp = flags.timestamp === undefined ? undefined : parseNumber(flags.timestamp, '--timestamp')
  return {
    type,
    name: args.name ?? '',
    value: args.value,
    tags: [],
    sampleRate,
    source: 'metrics send',
    event: {dateHappened: timestamp, hostname: flags.hostname, aggregationKey: flags['aggregation-key'], priority: flags.priority as 'normal' | 'low' | undefined, sourceTypeName: flags['source-type'], alertType: flags['alert-type'] as 'info' | 'warning' | 'error' | 'success' | undefined},
    check: {timestamp, hostname: flags.hostname, message: flags.message},
  }
}

async function sendStdin(io: SendIo, writer: LineWriter, target: StatsdTarget, sampleRate: number): Promise<number> {
  let lineNo = 0
  let bad = 0
  // Ctrl-C or SIGTERM ends the input as its end would: what was read is sent and reported.
  const lines = createInterface({input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY, signal: io.signal})
  for await (const text of lines) {
    lineNo++
    const line = parseStdinLine(text, lineNo, {sampleRate, tags: []})
    let wire: string | undefined
    if (line.kind === 'raw') wire = line.text
    else if (line.kind === 'plan') {
      try {
        wire = wireTextFactory(line.plan, target)()
      } catch (error) {
        if (!(error instanceof UsageError)) throw error
        io.stderr.write(`stdin:${lineNo}: ${terminalText(error.message)}\n`)
        bad++
      }
    } else if (line.kind === 'error') {
      io.stderr.write(terminalText(line.message) + '\n')
      bad++
    }
    if (wire !== undefined) {
      const wait = writer.writeText(wire)
      if (wait) await wait
    }
  }
  return bad
}

function parseSampleRate(text: string): number {
  const rate = parseNumber(text, '--sample-rate')
  if (!(rate > 0 && rate <= 1)) throw new UsageError(`--sample-rate: ${text} is not in (0, 1]`, 'e.g. --sample-rate 0.1 sends about one line in ten, marked @0.1')
  return rate
}

function loadPlan(flags: SendFlags, sampleRate: number): LoadPlan {
  return {
    count: flags.count === undefined ? undefined : parsePositiveInteger(flags.count, '--count'),
    rate: flags.rate === undefined ? undefined : parseRate(flags.rate),
    durationMs: flags.duration === undefined ? undefined : parseDuration(flags.duration, '--duration'),
    sampleRate,
  }
}

const isLoad = (plan: LoadPlan): boolean => plan.count !== undefined || plan.rate !== undefined || plan.durationMs !== undefined

function parseRate(text: string): number {
  const rate = parseNumber(text.replace(/\/s$/, ''), '--rate')
  if (!(rate > 0)) throw new UsageError(`--rate: ${text} must be more than 0 lines per second`)
  return rate
}

/** The human summary, for stderr. */
export function summarizeSend(report: SendReport): string {
  const lines = `${report.lines} ${report.lines === 1 ? 'line' : 'lines'}`
  const bytes = report.bytes >= 10_000 ? `${(report.bytes / 1e6).toFixed(2)} MB` : `${report.bytes} bytes`
  if (report.dryRun) return `dry run: ${lines} (${bytes}) not sent to ${report.target}`
  let text = `sent ${lines} (${bytes}) to ${report.target}`
  if (report.payloads > 1 || report.seconds >= 0.5) text += ` in ${report.payloads} packets, ${report.seconds.toFixed(2)} s, ${report.linesPerSecond.toLocaleString('en-US')} lines/s`
  if (report.sampledOut > 0) text += `; ${report.sampledOut} sampled out`
  return text
}
