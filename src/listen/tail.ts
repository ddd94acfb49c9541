/**
 * `metrics tail`: open the source, tee each packet to --forward and --capture, hand it to
 * the analysis (this thread for the stream views, a worker for --aggregate, --top and
 * --expose), reload --mapping when it changes or on SIGHUP, stop on --count, --duration,
 * the end of --input or Ctrl-C, then close everything in order and report. The command
 * (src/commands/tail.ts) only parses flags and prints.
 */
import type {Readable, Writable} from 'node:stream'
import {readInput as readFileOrStdin} from '../io/files.js'
import {describeError} from '../text/system-error.js'
import {noMappingsWarning} from '../lint/map-run.js'
import {localAnalysis, WorkerAnalysis, type Analysis, type AnalysisSettings} from './analysis.js'
import {CaptureWriter} from './capture.js'
import {Forwarder} from './forward.js'
import {readInput} from './input.js'
import type {ListenSpec, TailOptions} from './options.js'
import {Output} from './output.js'
import {AlternateScreen} from './screen.js'
import {DISCARD} from './pipeline.js'
import {drain} from './drain.js'
import type {PacketHandler, PacketSource, PacketTap} from './source.js'
import {StreamView} from './stream-view.js'
import type {TailSummary} from './summary.js'
import {listenTcp, TcpCounts} from './tcp.js'
import type {TopScreenSize} from './top-view.js'
import {listenUdp} from './udp.js'
import {listenUnixgram} from './unixgram.js'
import {useColor} from './views/style.js'
import {LiveMapping} from './live-mapping.js'
import {watchMapping} from './watch-mapping.js'

/** stdout, with what a terminal tells about itself. */
export type TailStdout = Writable & {readonly isTTY?: boolean; readonly columns?: number; readonly rows?: number}

export interface TailIo {
  readonly env: NodeJS.ProcessEnv
  readonly stdin: Readable
  readonly stdout: TailStdout
  readonly stderr: Writable
  /** Ctrl-C or SIGTERM. */
  readonly signal: AbortSignal
}

export async function runTail(options: TailOptions, io: TailIo): Promise<TailSummary> {
  // Taken over before anything is opened, so that a stop from now on closes all of it (a unixgram socket file included).
  const interrupt = io.signal
  const stop = new AbortController()
  const onStop = (): void => stop.abort()
  const output = new Output(io.stdout, onStop)
  const color = useColor(io.stdout, io.env)
  const started = Date.now()
  // Closed last opened first, on every path, so that no socket or thread keeps the process alive.
  const opened: Array<{close(): Promise<void>}> = []
  let source: PacketSource | undefined
  const screen = options.view.kind === 'top' && io.stdout.isTTY ? new AlternateScreen(io.stdout) : undefined
  try {
    const forwarder = options.forward.length > 0 ? await Forwarder.open(options.forward, options.listen.kind === 'tcp' || options.listen.kind === 'input') : undefined
    const capture = options.capture === undefined ? undefined : await CaptureWriter.open(options.capture, new Date(started))
    const taps = [forwarder, capture].filter(tap => tap !== undefined)
    opened.push(...taps)
    const notice = (text: string): void => void io.stderr.write(text)
    const mappingBytes = options.mapping === undefined ? undefined : await readFileOrStdin(options.mapping, io.stdin)
    // Counted by the listener, served by the analysis thread on /metrics.
    const tcpCounts = options.listen.kind === 'tcp' ? TcpCounts.create() : undefined
    const analysis = await openAnalysis(options, mappingBytes, output, color, io.stdout, onStop, notice, tcpCounts)
    opened.push(analysis)
    if (options.mapping !== undefined) {
      const reload = (): void => analysis.reload()
      opened.push(watchMapping(options.mapping, reload))
    }
    let arrivals = 0
    const handle = teeTo(taps, analysis)
    source = await openSource(options.listen, packet => {
      arrivals++
      handle(packet)
    }, () => Promise.all([output.ready(), analysis.ready()]).then(() => undefined), io.stdin, interrupt, tcpCounts)
    const {address, datagrams} = source
    if (capture !== undefined) capture.source = address
    if (options.listen.kind !== 'input') io.stderr.write(`listening on ${address} (Ctrl-C to stop)\n`)
    if (source.notice !== undefined) io.stderr.write(`${source.notice}\n`)
    if (analysis.exposed !== undefined) io.stderr.write(`serving ${analysis.exposed}\n`)
    screen?.enter()
    const onResize = (): void => analysis.resize(terminalSize(io.stdout))
    io.stdout.on('resize', onResize)
    analysis.begin(address)
    const failure = await runUntilStopped(source, options.durationMs, interrupt, stop.signal)
    io.stdout.off('resize', onResize)
    // What the socket still holds came before the stop: counted too, unless --count has had its lines.
    const countReached = options.count !== undefined && stop.signal.aborted
    const drained = failure === undefined && !countReached && options.listen.kind !== 'input'
    if (drained) await drain(source, () => arrivals)
    // The kernel forgets a socket's drops when it closes: read them first.
    const sourceStats = {...await source.stats(), unreadBytes: drained ? await source.queued?.() : undefined}
    await source.close()
    source = undefined
    // Nothing arrives any more: the analysis parses what is left, and the view has its last word.
    const result = await analysis.finish()
    screen?.leave()
    for (const text of result.last) output.write(text, 0)
    await closeAll(opened)
    if (failure !== undefined) throw failure
    return {
      source: address,
      datagrams,
      seconds: (Date.now() - started) / 1000,
      counts: result.counts,
      ...sourceStats,
      forward: forwarder?.stats ?? [],
      capture: capture?.stats,
      outputDrops: output.dropped,
      analysisDrops: result.dropped,
      seriesOverflow: result.overflow,
      seriesEvicted: result.evicted,
      ...(output.failure === undefined ? {} : {stdoutFailure: describeError(output.failure)}),
    }
  } finally {
    // Only on an error does anything remain open; that error is the one to report.
    await source?.close().catch(() => undefined)
    await closeAll(opened).catch(() => undefined)
    screen?.leave()
  }
}

/** The stream views parse on this thread; --aggregate, --top and --expose on a worker of their own. */
async function openAnalysis(options: TailOptions, mappingBytes: Uint8Array | undefined, output: Output, color: boolean, stdout: TailStdout, onStop: () => void, notice: (text: string) => void, tcpCounts: TcpCounts | undefined): Promise<Analysis> {
  const {view} = options
  const bySeries = (view.kind === 'aggregate' || view.kind === 'top') && view.groupBy === 'series'
  // Checked here, so that a config that does not load stops tail with exit 2 before anything listens.
  const mapping = options.mapping === undefined || mappingBytes === undefined ? undefined : LiveMapping.fromBytes(options.mapping, mappingBytes)
  if (options.mapping !== undefined && mapping?.counts.loadedMappings === 0) notice(noMappingsWarning(options.mapping))
  if ((view.kind === 'stream' || view.kind === 'none') && options.expose === undefined) {
    const sink = view.kind === 'stream' ? new StreamView(view.format, output, color) : DISCARD
    return localAnalysis({...options, mapping}, sink, onStop, notice)
  }
  const settings: AnalysisSettings = {
    view,
    tagFormats: options.tagFormats,
    filter: options.filter,
    count: options.count,
    maxSeries: options.maxSeries,
    color,
    terminal: view.kind === 'top' && stdout.isTTY ? terminalSize(stdout) : undefined,
    translate: options.mapping !== undefined || options.expose !== undefined || bySeries,
    mapping: options.mapping === undefined || mappingBytes === undefined ? undefined : {path: options.mapping, bytes: mappingBytes},
    expose: options.expose,
    transport: options.listen.kind,
    tcpCounts: tcpCounts?.shared,
  }
  return WorkerAnalysis.start(settings, output, onStop, notice)
}

/** Each packet, unchanged, to every tap, then to the analysis. */
function teeTo(taps: readonly PacketTap[], analysis: Analysis): PacketHandler {
  if (taps.length === 0) return packet => analysis.handle(packet)
  return packet => {
    const now = Date.now()
    for (const tap of taps) tap.packet(packet, now)
    analysis.handle(packet)
  }
}

function terminalSize(stdout: TailStdout): TopScreenSize {
  return {columns: stdout.columns ?? 80, rows: stdout.rows ?? 24}
}

/** Closes each, last first, and throws the first error once all are closed. */
async function closeAll(opened: Array<{close(): Promise<void>}>): Promise<void> {
  let failure: unknown
  for (let item = opened.pop(); item !== undefined; item = opened.pop()) {
    await item.close().catch(error => (failure ??= error))
  }
  if (failure !== undefined) throw failure
}

/** Resolves when any stop condition holds; returns the source's error, if it failed. */
async function runUntilStopped(source: PacketSource, durationMs: number | undefined, interrupt: AbortSignal, limit: AbortSignal): Promise<unknown> {
  const timers: NodeJS.Timeout[] = []
  try {
    return await new Promise<unknown>(resolve => {
      if (interrupt.aborted || limit.aborted) return resolve(undefined)
      interrupt.addEventListener('abort', () => resolve(undefined), {once: true})
      limit.addEventListener('abort', () => resolve(undefined), {once: true})
      if (durationMs !== undefined) timers.push(setTimeout(() => resolve(undefined), durationMs))
      source.ended.then(() => resolve(undefined), error => resolve(error))
    })
  } finally {
    for (const timer of timers) clearTimeout(timer)
  }
}

function openSource(listen: ListenSpec, handle: PacketHandler, ready: () => Promise<void>, stdin: Readable, interrupt: AbortSignal, tcpCounts: TcpCounts | undefined): Promise<PacketSource> {
  switch (listen.kind) {
    case 'udp': return listenUdp(listen, handle)
    case 'tcp': return listenTcp(listen, handle, tcpCounts)
    case 'unixgram': return listenUnixgram(listen, handle)
    case 'input': return readInput(listen, handle, ready, stdin, interrupt)
  }
}
