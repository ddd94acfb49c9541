/**
 * What tail does with each packet, whatever it came from: parse it, count it, stop at
 * --count, filter, and pass each record on to the view. Synchronous and allocation-light:
 * it runs once per datagram at up to a million lines a second.
 */
import {createLineStats, type LineStats, type ParseRecord, type SampleErrorReason, type StatsdParser} from '../statsd/parse.js'
import {NAMELESS, type SeriesOutcome, type Translator} from '../exporter/translate.js'
import type {SampleFilter} from './filter.js'

/** Where records go: a stream view, --aggregate, --top, the --expose exporter. */
export interface RecordSink {
  /**
   * One record. With --mapping (or --expose) a sample that statsd_exporter turns into an
   * event comes with the series it becomes; a sample without a name comes with NAMELESS,
   * mapping or not.
   */
  record(record: ParseRecord, now: number, series?: SeriesOutcome): void
  /** After the records of one packet, numbered from firstLineNo. */
  endPacket(packet: Uint8Array, firstLineNo: number, now: number): void
}

/** --quiet: records are counted by the pipeline, and shown nowhere. */
export const DISCARD: RecordSink = {record: () => undefined, endPacket: () => undefined}

/**
 * A view that runs beside the pipeline (--aggregate, --top): a RecordSink with timers,
 * which prints every interval and has a last word.
 */
export interface PeriodicView extends RecordSink {
  /** Starts the timers; `source` is where tail listens. */
  start(source: string): void
  /** Stops the timers and returns the last output (the partial interval, the last frame), in pieces of bounded size. */
  stop(): string[]
  /** Samples of series that did not fit --max-series. */
  readonly overflow: number
  /** Idle series forgotten to make room under --max-series. */
  readonly evicted: number
}

export interface PipelineOptions {
  readonly parser: StatsdParser
  readonly sink: RecordSink
  readonly filter?: SampleFilter
  /** Maps each sample to its Prometheus series (--mapping, --expose). */
  readonly translator?: Translator
  /** Stop after this many lines. */
  readonly count?: number
  /** Called once, when --count is reached. */
  readonly onLimit?: () => void
  readonly clock?: () => number
}

export interface PipelineCounts {
  readonly packets: number
  /** Lines that were not empty: what statsd calls metrics_received. */
  readonly lines: number
  readonly samples: number
  /** Samples whose name is empty once tags are parsed: statsd_exporter makes no series of them. */
  readonly nameless: number
  /** Lines (or samples of a multi-value line) statsd_exporter drops, by its reason. */
  readonly badLines: Readonly<Record<SampleErrorReason, number>>
  /** statsd_exporter's own counts for the same input. */
  readonly parser: LineStats
}

export class Pipeline {
  private packets = 0
  private lines = 0
  private samples = 0
  private nameless = 0
  private readonly badLines = createLineStats().sampleErrors
  private nextLineNo = 1
  private done = false
  private readonly parser: StatsdParser
  private readonly sink: RecordSink
  private readonly filter: SampleFilter | undefined
  private readonly translator: Translator | undefined
  private readonly limit: number
  private readonly onLimit: () => void
  private readonly clock: () => number

  constructor(options: PipelineOptions) {
    this.parser = options.parser
    this.sink = options.sink
    this.filter = options.filter
    this.translator = options.translator
    this.limit = options.count ?? Number.POSITIVE_INFINITY
    this.onLimit = options.onLimit ?? (() => undefined)
    this.clock = options.clock ?? Date.now
  }

  /** One datagram, or a run of whole lines from a stream. Ignored once --count is reached. */
  handle(packet: Uint8Array): void {
    if (this.done) return
    const now = this.clock()
    this.packets++
    const firstLineNo = this.nextLineNo
    const {records, lines} = this.parser.parsePacket(packet, firstLineNo)
    this.nextLineNo += lines
    const {filter, sink, translator} = this
    let lineNo = 0
    for (const record of records) {
      if (record.lineNo !== lineNo) {
        if (this.lines === this.limit) break
        lineNo = record.lineNo
        this.lines++
      }
      let series: SeriesOutcome | undefined
      if (record.kind === 'sample') {
        this.samples++
        const {name} = record.sample
        if (name === '') this.nameless++
        if (filter !== undefined && !filter(record.sample)) continue
        const event = record.prometheus
        if (!('error' in event)) {
          if (translator !== undefined) series = translator.translate(name, event)
          else if (name === '') series = NAMELESS
        }
      } else {
        this.badLines[record.error]++
        // A filter asks for some samples: bad lines are counted, not shown.
        if (filter !== undefined) continue
      }
      sink.record(record, now, series)
    }
    sink.endPacket(packet, firstLineNo, now)
    if (this.lines === this.limit) {
      this.done = true
      this.onLimit()
    }
  }

  get counts(): PipelineCounts {
    return {packets: this.packets, lines: this.lines, samples: this.samples, nameless: this.nameless, badLines: {...this.badLines}, parser: this.parser.stats}
  }
}
