/**
 * `--top`: the busiest series, like `agent dogstatsd-stats` but live. Each series keeps its
 * sample count, the samples since the last snapshot (its rate), its last value and when
 * it was last seen; the table also knows how many series each name has (cardinality),
 * which is what blows up a Prometheus server first. With --by series (groupBy 'series')
 * the series are the Prometheus series a mapping makes (see series.ts), so cardinality is
 * what Prometheus would hold per metric name.
 *
 * The table is bounded by --max-series, and never goes blind: when it is full, a new
 * series takes the room of one not seen since the last refresh, the one seen least
 * recently first (its count starts again if it comes back). Only when every series was
 * seen since the last refresh is a new one refused.
 */
import type {SeriesOutcome} from '../exporter/translate.js'
import type {MetricType, Sample, Tag} from '../statsd/sample.js'
import {detach} from '../statsd/parse.js'
import type {GroupBy} from './options.js'
import {SeriesTable, seriesTags, type TableEntry} from './series.js'

export interface TopRow {
  readonly name: string
  readonly type: MetricType
  readonly tags: readonly Tag[]
  /** Samples since the start. */
  readonly count: number
  /** Samples per second since the previous snapshot. */
  readonly rate: number
  readonly last: number | string
  /** Milliseconds since the epoch. */
  readonly lastSeen: number
  /** Distinct series with this name. */
  readonly cardinality: number
}

export interface TopSnapshot {
  /** The busiest series first: by rate, then by count, then by name. */
  readonly rows: readonly TopRow[]
  readonly series: number
  readonly samples: number
  /** Samples per second over all series since the previous snapshot. */
  readonly rate: number
  /** Samples of series --max-series had no room for: every series in the table was seen since the last refresh. */
  readonly overflow: number
  /** Series forgotten to make room for new ones: not seen for a refresh or more. */
  readonly evicted: number
  /** Samples without a name (statsd_exporter makes no series of them), since the start: not tabled. */
  readonly nameless: number
  /** Present when grouping by Prometheus series: names and tags are the series' names and labels. */
  readonly bySeries?: {
    /** Samples the mapping dropped, since the start. */
    readonly dropped: number
  }
}

/** A class, not an object literal: there may be 100,000 of them. */
class TopState implements TableEntry {
  count = 0
  /** Samples since the last snapshot. */
  window = 0
  last: number | string = 0
  lastSeen = 0
  idleOlder: TableEntry | undefined = undefined
  idleNewer: TableEntry | undefined = undefined

  constructor(
    readonly name: string,
    readonly type: MetricType,
    /** The series key: its type and tags (see series.ts). */
    readonly key: string,
  ) {}
}

export class TopTable {
  private readonly table: SeriesTable<TopState>
  private samples = 0
  private nameless = 0
  private windowSamples = 0
  private windowStart: number

  constructor(
    maxSeries: number,
    start: number,
    /** Series per statsd name and tags (the default), or per Prometheus series. */
    private readonly groupBy: GroupBy = 'name',
  ) {
    // Each snapshot lets go of the series seen in its window; one seen since is busy again.
    this.table = new SeriesTable(maxSeries, (name, type, key) => new TopState(name, type, key), groupBy, state => state.window === 0)
    this.windowStart = start
  }

  /** Samples of series that did not fit, since the start. */
  get overflow(): number {
    return this.table.overflow
  }

  /** Series forgotten to make room for new ones, since the start. */
  get evicted(): number {
    return this.table.evicted
  }

  /** `series`: the Prometheus series the sample becomes, when a mapping ran. */
  add(sample: Sample, now: number, series?: SeriesOutcome): void {
    this.samples++
    this.windowSamples++
    if (sample.name === '') {
      this.nameless++
      return
    }
    const state = this.table.get(sample, series)
    if (state === undefined) return
    state.count++
    state.window++
    state.last = typeof sample.value === 'string' ? detach(sample.value) : sample.value
    state.lastSeen = now
  }

  /** The `limit` busiest series, with rates over the time since the previous snapshot, which starts a new window. */
  snapshot(now: number, limit: number): TopSnapshot {
    const seconds = Math.max(now - this.windowStart, 1) / 1000
    const busiest: TopState[] = []
    for (const state of this.table.values()) {
      if (busiest.length < limit) insertRanked(busiest, state)
      else if (busier(state, busiest[busiest.length - 1])) {
        busiest.pop()
        insertRanked(busiest, state)
      }
    }
    const rows = busiest.map(state => ({
      name: state.name,
      type: state.type,
      tags: seriesTags(state.key),
      count: state.count,
      rate: state.window / seconds,
      last: state.last,
      lastSeen: state.lastSeen,
      cardinality: this.table.cardinality(state.name),
    }))
    for (const state of this.table.values()) {
      if (state.window === 0) continue
      state.window = 0
      this.table.idle(state)
    }
    const rate = this.windowSamples / seconds
    this.windowSamples = 0
    this.windowStart = now
    const snapshot = {rows, series: this.table.size, samples: this.samples, rate, overflow: this.overflow, evicted: this.evicted, nameless: this.nameless}
    return this.groupBy === 'series' ? {...snapshot, bySeries: {dropped: this.table.droppedByMapping}} : snapshot
  }
}

function busier(a: TopState, b: TopState): boolean {
  if (a.window !== b.window) return a.window > b.window
  if (a.count !== b.count) return a.count > b.count
  return a.name < b.name
}

/** Keeps `ranked` busiest first; it is short (a screenful), so a linear insert is enough. */
function insertRanked(ranked: TopState[], state: TopState): void {
  let at = ranked.length
  while (at > 0 && busier(state, ranked[at - 1])) at--
  ranked.splice(at, 0, state)
}
