/**
 * statsd_exporter's handleEvent (pkg/exporter/exporter.go at master) as a RecordSink:
 * each sample, with the series its mapping made of it, counted and applied to the
 * registry. Runs once per sample at up to half a million a second, so a sample's series
 * is found through the outcome object the translator shares between samples of one name
 * and tag list, without building keys or allocating.
 */
import type {RecordSink} from '../listen/pipeline.js'
import type {ParseRecord} from '../statsd/parse.js'
import type {ObserverSeries, SeriesRegistry, ValueSeries} from './registry.js'
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
 * The series of each recent outcome. A Map that starts over when full rather than a
 * WeakMap: with a new tag list on every sample, WeakMap entries made the garbage
 * collector the busiest part of the exporter.
 */
class HandleCache<S extends ValueSeries | ObserverSeries> {
  private readonly handles = new Map<MappedSeriesOutcome, S>()

  /** The series, unless it expired since. */
  get(outcome: MappedSeriesOutcome): S | undefined {
    const series = this.handles.get(outcome)
    return series === undefined || series.removed ? undefined : series
  }

  set(outcome: MappedSeriesOutcome, series: S): void {
    if (this.handles.size >= HANDLES) this.handles.clear()
    this.handles.set(outcome, series)
  }
}

export class ExporterSink implements RecordSink {
  readonly counts = new EventCounts()
  // Per event kind: one outcome may serve a name sent both as a counter and as a gauge.
  private readonly counters = new HandleCache<ValueSeries>()
  private readonly gauges = new HandleCache<ValueSeries>()
  private readonly observers = new HandleCache<ObserverSeries>()

  constructor(private readonly registry: SeriesRegistry) {}

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
    let series = this.counters.get(outcome)
    if (series === undefined) {
      const found = this.registry.counter(outcome.name, outcome.labels, outcome.options, now)
      if (typeof found === 'string') return this.refused('counter', outcome, found, 1)
      this.counters.set(outcome, (series = found))
    } else {
      series.lastSeen = now
    }
    series.value += value
    this.counts.events.counter++
  }

  private gauge(outcome: MappedSeriesOutcome, value: number, relative: boolean, now: number): void {
    let series = this.gauges.get(outcome)
    if (series === undefined) {
      const found = this.registry.gauge(outcome.name, outcome.labels, outcome.options, now)
      if (typeof found === 'string') return this.refused('gauge', outcome, found, 1)
      this.gauges.set(outcome, (series = found))
    } else {
      series.lastSeen = now
    }
    series.value = relative ? series.value + value : value
    this.counts.events.gauge++
  }

  private observer(outcome: MappedSeriesOutcome, value: number, events: number, now: number): void {
    let series = this.observers.get(outcome)
    if (series === undefined) {
      const found = this.registry.observer(outcome.name, outcome.labels, outcome.options, now)
      if (typeof found === 'string') return this.refused('observer', outcome, found, events)
      this.observers.set(outcome, (series = found))
    } else {
      series.lastSeen = now
    }
    for (let i = 0; i < events; i++) series.observe(value, now)
    this.counts.events.observer += events
  }

  private refused(type: 'counter' | 'gauge' | 'observer', outcome: MappedSeriesOutcome, reason: 'conflict' | 'illegal_label_name', events: number): void {
    if (reason === 'conflict') this.counts.conflict(type, outcome.name, events)
    else this.counts.errors.illegal_label_name += events
  }
}
