/**
 * Where packets are parsed and counted. The stream views (pretty, json, raw) format every
 * line and are as fast as stdout lets them be, so they run here, on the main thread. The
 * periodic views (--aggregate, --top) and the --expose exporter must keep up with
 * whatever arrives, so they run on a worker thread: the main thread only receives, tees
 * to --forward and --capture, and copies each packet into a shared ring; receiving never
 * waits for parsing, and parsing gets a core of its own. The exporter's HTTP server runs
 * on that thread too, so that a scrape never holds up receiving.
 */
import {once} from 'node:events'
import {Worker} from 'node:worker_threads'
import {OperationError} from '../errors.js'
import {StatsdParser, type TagFormats} from '../statsd/parse.js'
import {compileFilter, type FilterSpec} from './filter.js'
import type {LiveMapping} from './live-mapping.js'
import type {HostPort, ListenSpec, ViewSpec} from './options.js'
import type {Output} from './output.js'
import {PacketRing} from './packet-ring.js'
import {Pipeline, type PipelineCounts, type RecordSink} from './pipeline.js'
import type {TopScreenSize} from './top-view.js'

export interface AnalysisResult {
  readonly counts: PipelineCounts
  /** Samples of series that did not fit --max-series. */
  readonly overflow: number
  /** Idle series forgotten to make room under --max-series. */
  readonly evicted: number
  /** The view's last word: the partial interval, the last frame of --top; in pieces of bounded size. */
  readonly last: readonly string[]
  /** Packets dropped because the worker had fallen a whole ring behind. */
  readonly dropped: number
}

export interface Analysis {
  /** One packet, as received. Never blocks. */
  handle(packet: Uint8Array): void
  /** Resolves when a source that can wait (a file) should send more. */
  ready(): Promise<void>
  /** The source is open at `address`: start the view. */
  begin(address: string): void
  /** Tells the view the terminal's new size. */
  resize(size: TopScreenSize): void
  /** Reads the --mapping file again; what came of it goes to `onNotice`. */
  reload(): void
  /** Where --expose serves, e.g. http://127.0.0.1:9102/metrics. */
  readonly exposed?: string
  /** After the source closed: parses what is left and stops the view. */
  finish(): Promise<AnalysisResult>
  /** Releases the worker, on any path. */
  close(): Promise<void>
}

/** What the worker needs to build the pipeline and its view: plain data, cloned across. */
export interface AnalysisSettings {
  readonly view: ViewSpec
  readonly tagFormats: TagFormats
  readonly filter: FilterSpec
  readonly count?: number
  readonly maxSeries: number
  readonly color: boolean
  /** --top on a terminal: redraw in place at this size. */
  readonly terminal?: TopScreenSize
  /** Translate samples to series: --mapping, --expose or --by series. */
  readonly translate: boolean
  /** --mapping, as read at start (the worker reads the file again only on reload). */
  readonly mapping?: {readonly path: string; readonly bytes: Uint8Array}
  readonly expose?: HostPort
  /** What the exporter's self-metrics count packets as. */
  readonly transport: ListenSpec['kind']
  /** --tcp: the listener's counts (see TcpCounts), shared, for the exporter's self-metrics. */
  readonly tcpCounts?: SharedArrayBuffer
}

export interface AnalysisWorkerData {
  readonly shared: SharedArrayBuffer
  readonly settings: AnalysisSettings
}

export type ToWorker =
  | {readonly type: 'begin'; readonly source: string}
  | {readonly type: 'resize'; readonly size: TopScreenSize}
  | {readonly type: 'reload'}
  | {readonly type: 'finish'}

export type FromWorker =
  /** Set up: the exporter serves at `exposed`, or could not start. */
  | {readonly type: 'ready'; readonly exposed?: string}
  | {readonly type: 'failed'; readonly message: string}
  | {readonly type: 'output'; readonly text: string; readonly lines: number}
  /** For stderr: a reload's outcome. */
  | {readonly type: 'notice'; readonly text: string}
  | {readonly type: 'limit'}
  | {readonly type: 'done'; readonly counts: PipelineCounts; readonly overflow: number; readonly evicted: number; readonly last: readonly string[]}

export interface LocalAnalysisOptions {
  readonly tagFormats: TagFormats
  readonly filter: FilterSpec
  readonly count?: number
  readonly mapping?: LiveMapping
}

/** The stream views (and --quiet), on this thread. */
export function localAnalysis(options: LocalAnalysisOptions, sink: RecordSink, onLimit: () => void, onNotice: (text: string) => void): Analysis {
  const {mapping} = options
  const pipeline = new Pipeline({parser: new StatsdParser(options.tagFormats), sink, filter: compileFilter(options.filter), count: options.count, onLimit, translator: mapping})
  return {
    handle: packet => pipeline.handle(packet),
    ready: async () => undefined,
    begin: () => undefined,
    resize: () => undefined,
    reload: () => void mapping?.reload().then(notice => notice && onNotice(notice.text)),
    finish: async () => ({counts: pipeline.counts, overflow: 0, evicted: 0, last: [], dropped: 0}),
    close: async () => undefined,
  }
}

/** Bytes of packets the ring holds: a third of a second at a million lines a second. */
const RING_BYTES = 16 << 20
/**
 * The worker's young generation. Nearly everything it allocates (records, samples) dies
 * within a packet, so a small one costs little time and keeps the peak RSS down.
 */
const YOUNG_GENERATION_MB = 8
/** A file source waits while the ring is fuller than this. */
const FILE_FILL = 0.5

/** The periodic views, on a worker thread fed through a PacketRing. */
export class WorkerAnalysis implements Analysis {
  private dropped = 0
  private failure: Error | undefined
  private done: ((result: Omit<AnalysisResult, 'dropped'>) => void) | undefined
  private readonly result: Promise<Omit<AnalysisResult, 'dropped'>>

  private constructor(
    private readonly worker: Worker,
    private readonly ring: PacketRing,
    readonly exposed: string | undefined,
    output: Output,
    onStop: () => void,
    onNotice: (text: string) => void,
  ) {
    this.result = new Promise((resolve, reject) => {
      this.done = resolve
      const fail = (error: OperationError): void => {
        this.failure ??= error
        reject(error)
        onStop()
      }
      worker.on('error', error => fail(new OperationError(`the analysis thread failed: ${error.message}`)))
      // After 'done' this changes nothing: the result is settled.
      worker.on('exit', code => fail(new OperationError(`the analysis thread stopped early (exit code ${code})`)))
    })
    // A failure before finish() is reported by finish(); until then nobody awaits it.
    this.result.catch(() => undefined)
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'output': return output.write(message.text, message.lines)
        case 'notice': return onNotice(message.text)
        case 'limit': return onStop()
        case 'done': return this.done?.({counts: message.counts, overflow: message.overflow, evicted: message.evicted, last: message.last})
      }
    })
  }

  /** Starts the worker (compiled next to this module) and waits until it is set up. */
  static async start(settings: AnalysisSettings, output: Output, onStop: () => void, onNotice: (text: string) => void): Promise<WorkerAnalysis> {
    const ring = PacketRing.create(RING_BYTES)
    const workerData: AnalysisWorkerData = {shared: ring.shared, settings}
    const worker = new Worker(new URL('./analysis-worker.js', import.meta.url), {workerData, resourceLimits: {maxYoungGenerationSizeMb: YOUNG_GENERATION_MB}})
    let setUp: FromWorker
    try {
      setUp = await firstMessage(worker)
    } catch (error) {
      await worker.terminate()
      throw new OperationError(`the analysis thread did not start: ${(error as Error).message}`)
    }
    if (setUp.type !== 'ready') {
      await worker.terminate()
      throw new OperationError(setUp.type === 'failed' ? setUp.message : `the analysis thread did not start: it sent ${setUp.type}`)
    }
    return new WorkerAnalysis(worker, ring, setUp.exposed, output, onStop, onNotice)
  }

  handle(packet: Uint8Array): void {
    if (!this.ring.push(packet)) this.dropped++
  }

  async ready(): Promise<void> {
    while (this.ring.fill > FILE_FILL && this.failure === undefined) await new Promise(resolve => setTimeout(resolve, 1))
  }

  begin(source: string): void {
    this.post({type: 'begin', source})
  }

  resize(size: TopScreenSize): void {
    this.post({type: 'resize', size})
  }

  reload(): void {
    this.post({type: 'reload'})
  }

  async finish(): Promise<AnalysisResult> {
    this.post({type: 'finish'})
    const result = await this.result
    return {...result, dropped: this.dropped}
  }

  async close(): Promise<void> {
    await this.worker.terminate()
  }

  private post(message: ToWorker): void {
    this.worker.postMessage(message)
  }
}

/** The worker's first message; an error or an exit before it rejects. */
async function firstMessage(worker: Worker): Promise<FromWorker> {
  let onExit = (_code: number): void => undefined
  const exited = new Promise<never>((_resolve, reject) => {
    onExit = code => reject(new Error(`it exited with code ${code}`))
    worker.once('exit', onExit)
  })
  try {
    const [message] = (await Promise.race([once(worker, 'message'), exited])) as [FromWorker]
    return message
  } finally {
    worker.off('exit', onExit)
  }
}
