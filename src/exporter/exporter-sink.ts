/**
 * statsd_exporter's handleEvent (pkg/exporter/exporter.go at master) as a RecordSink:
 * each sample, with the series its mapping made of it, counted and applied to the
 * registry. Runs once per sample at up to half a million a second, so a sample's series
 * is found through the outcome object the translator shares between samples of one name
 * and tag list, without building keys or allocating.
 */
import type {RecordSink} from '../listen/pipeline.js'
import type {ParseRecord} from '../statsd/parse.js'
import type {ObserverSeries, Refusal, SeriesRegistry, ValueSeries} from './registry.js'
import {EventCounts} from './self-metrics.js'
import type {MappedSeriesOutcome, SeriesOutcome} from './translate.js'

/**
 * statsd_exporter records a timer sampled at `@r` int(1/r) times and would try a billion
 * times for `@1e-9`; here a sample counts as at most this many events.
 */
export const MAX_EVENTS_PER_SAMPLE = 10_000

/** Outcomes whose series a handle cache remembers, per event kind. */
const HANDLES = 8192

/**
 * The series of each recent outcome, made by the registry on first use. A Map that
 * starts over when full rather than a WeakMap: with a new tag list on every sample,
 * WeakMap entries made the garbage collector the busiest part of the exporter.
 */
class HandleCache<S extends ValueSeries | ObserverSeries> {
  private readonly handles = new Map<MappedSeriesOutcome, S>()

  constructor(private readonly create: (...args: Parameters<SeriesRegistry['counter']>) => S | Refusal) {}

  /** The outcome's series, seen now, or why the registry refused to make it. */
  find(outcome: MappedSeriesOutcome, now: number): S | Refusal {
    const cached = this.handles.get(outcome)
    // A series that expired since is made again.
    if (cached !== undefined && !cached.removed) {
      cached.lastSeen = now
      return cached
    }
    const made = this.create(outcome.name, outcome.labels, outcome.options, now)
    if (typeof made === 'string') return made
    if (this.handles.size >= HANDLES) this.handles.clear()
    this.handles.set(outcome, made)
    return made
  }
}

export class ExporterSink implements RecordSink {
  readonly counts = new EventCounts()
  // Per event kind: one outcome may serve a name sent both as a counter and as a gauge.
  private readonly counters: HandleCache<ValueSeries>
  private readonly gauges: HandleCache<ValueSeries>
  private readonly observers: HandleCache<ObserverSeries>

  constructor(registry: SeriesRegistry) {
    this.counters = new HandleCache(registry.counter.bind(registry))
    this.gauges = new HandleCache(registry.gauge.bind(registry))
    this.observers = new HandleCache(registry.observer.bind(registry))
  }

  record(record: ParseRecord, now: number, series?: SeriesOutcome): void {
    // Error records and rejected samples are the parser's to count.
    if (record.kind !== 'sample' || series === undefined) return
    const event = record.prometheus
    if ('error' in event) return
    const events = Math.min(event.repeat, MAX_EVENTS_PER_SAMPLE)
    if (events === 0) return
    const {counts} = this
    switch (series.status) {
      case 'dropped':
        counts.actions.drop += events
        return
      case 'empty-name':
        // statsd_exporter counts an event no rule matched as unmapped before it looks at the name.
        if (series.rule === undefined) counts.unmapped += events
        counts.errors.empty_metric_name += events
        return
      case 'mapped':
        counts.actions.map += events
        break
      case 'unmapped':
        counts.unmapped += events
    }
    const value = event.value * series.options.scale
    switch (event.kind) {
      case 'counter':
        // client_golang panics on a negative increment; statsd_exporter refuses it first.
        if (value < 0) counts.errors.illegal_negative_counter++
        else this.counter(series, value, now)
        return
      case 'gauge':
        this.gauge(series, value, record.sample.relative, now)
        return
      case 'observer':
        this.observer(series, value, events, now)
    }
  }

  endPacket(): void {}

  private counter(outcome: MappedSeriesOutcome, value: number, now: number): void {
    const series = this.counters.find(outcome, now)
    if (typeof series === 'string') return this.refused('counter', outcome, series, 1)
    series.value += value
    this.counts.events.counter++
  }

  private gauge(outcome: MappedSeriesOutcome, value: number, relative: boolean, now: number): void {
    const series = this.gauges.find(outcome, now)
    if (typeof series === 'string') return this.refused('gauge', outcome, series, 1)
    series.value = relative ? series.value + value : value
    this.counts.events.gauge++
  }

  private observer(outcome: MappedSeriesOutcome, value: number, events: number, now: number): void {
    const series = this.observers.find(outcome, now)
    if (typeof series === 'string') return this.refused('observer', outcome, series, events)
    for (let i = 0; i < events; i++) series.observe(value, now)
    this.counts.events.observer += events
  }

  private refused(type: 'counter' | 'gauge' | 'observer', outcome: MappedSeriesOutcome, reason: Refusal, events: number): void {
    if (reason === 'conflict') this.counts.conflict(type, outcome.name, events)
    else this.counts.errors.illegal_label_name += events
  }
}
