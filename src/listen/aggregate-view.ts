/**
 * --aggregate as a view: samples go into the Aggregator, and a table (or JSON) is printed
 * every interval. The last, partial interval is returned on stop, with its rates over the
 * time it really lasted. A sample without a name is not tabled (statsd_exporter makes no
 * series of it): the table's title counts them.
 */
import type {SeriesOutcome} from '../exporter/translate.js'
import type {ParseRecord} from '../statsd/parse.js'
import type {Aggregator} from './aggregate.js'
import {chunkLines, type TextOutput} from './output.js'
import type {PeriodicView} from './pipeline.js'
import {aggregateJson, aggregateTable} from './views/aggregate.js'

export interface AggregateViewOptions {
  readonly format: 'pretty' | 'json'
  readonly intervalMs: number
  readonly color: boolean
  readonly clock?: () => number
}

export class AggregateView implements PeriodicView {
  private timer: NodeJS.Timeout | undefined
  private lastFlush: number
  private samplesSinceFlush = 0
  /** Samples without a name since the last flush. */
  private nameless = 0
  private readonly clock: () => number

  constructor(
    private readonly aggregator: Aggregator,
    private readonly output: TextOutput,
    private readonly options: AggregateViewOptions,
  ) {
    this.clock = options.clock ?? Date.now
    this.lastFlush = this.clock()
  }

  record(record: ParseRecord, _now: number, series?: SeriesOutcome): void {
    if (record.kind !== 'sample') return
    this.samplesSinceFlush++
    if (record.sample.name === '') this.nameless++
    else this.aggregator.add(record.sample, series)
  }

  endPacket(): void {}

  get overflow(): number {
    return this.aggregator.overflow
  }

  get evicted(): number {
    return this.aggregator.evicted
  }

  start(): void {
    this.timer = setInterval(() => {
      for (const {text, lines} of chunkLines(this.flush(this.options.intervalMs / 1000))) this.output.write(text, lines)
    }, this.options.intervalMs)
  }

  stop(): string[] {
    clearInterval(this.timer)
    if (this.samplesSinceFlush === 0) return []
    return [...chunkLines(this.flush((this.clock() - this.lastFlush) / 1000))].map(chunk => chunk.text)
  }

  /** The lines of the interval that ends now, which lasted `seconds`. */
  private flush(seconds: number): string[] {
    const now = this.clock()
    const flush = this.aggregator.flush(Math.max(seconds, 0.001))
    const {nameless} = this
    this.lastFlush = now
    this.samplesSinceFlush = 0
    this.nameless = 0
    return this.options.format === 'json' ? aggregateJson(flush, now) : aggregateTable(flush, now, this.options.color, nameless)
  }
}
