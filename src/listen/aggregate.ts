/**
 * `--aggregate`: statsd's flush semantics (statsd/statsd lib/process_metrics.js), one
 * table per interval. Counters give the count (each value divided by its sample rate)
 * and the rate per second; gauges the last value (`+N`/`-N` move it, across intervals);
 * timers, histograms and distributions count (1/rate per value), count_ps, lower, upper,
 * mean, median, std, sum and per percentile P the upper, mean and sum of the lowest P%;
 * sets the number of unique members. A flush shows the series that had data in it.
 *
 * After a flush, counters, timers and sets are forgotten, as statsd's deleteIdleStats
 * (deleteCounters, deleteTimers, deleteSets) forgets them: a series not seen in an
 * interval holds no room. Gauges keep their value for the next +N/-N, but only while
 * --max-series has room: when the table is full, a new series takes the place of the
 * gauge updated least recently that is idle in this interval. Only when every series in
 * the table had data in this interval is a new one refused. Refused samples and evicted
 * gauges are counted per interval.
 *
 * Memory is bounded: at most maxSeries series, and at most VALUE_BUDGET timer values and
 * set members held per interval. Past that, timers keep a uniform sample of their values
 * (reservoir sampling), so median and percentiles become estimates, and a set counts at
 * least what it holds; both are marked approximate. count, sum, lower, upper, mean and
 * std stay exact.
 *
 * With --by series (groupBy 'series') rows are the Prometheus series a mapping makes of
 * the samples (see series.ts), each with its statsd type and statsd's arithmetic.
 */
import type {SeriesOutcome} from '../exporter/translate.js'
import type {MetricType, Sample, Tag} from '../statsd/sample.js'
import {detach} from '../statsd/parse.js'
import type {GroupBy} from './options.js'
import {SeriesTable, seriesTags, type TableEntry} from './series.js'

export interface SeriesLabel {
  readonly name: string
  readonly tags: readonly Tag[]
}

export interface CounterRow extends SeriesLabel {
  readonly type: 'c'
  readonly count: number
  readonly rate: number
}

export interface GaugeRow extends SeriesLabel {
  readonly type: 'g'
  readonly value: number
}

export interface PercentileStats {
  readonly percentile: number
  /** statsd's count_P, upper_P, mean_P, sum_P: over the lowest P% of the values. */
  readonly count: number
  readonly upper: number
  readonly mean: number
  readonly sum: number
}

export interface TimerRow extends SeriesLabel {
  readonly type: 'ms' | 'h' | 'd'
  readonly count: number
  readonly countPerSecond: number
  readonly lower: number
  readonly upper: number
  readonly mean: number
  readonly median: number
  readonly std: number
  readonly sum: number
  /** In the order asked for; a percentile that holds no value (statsd skips it) is left out. */
  readonly percentiles: readonly PercentileStats[]
  /** Median and percentiles come from a sample of the values. */
  readonly approximate: boolean
}

export interface SetRow extends SeriesLabel {
  readonly type: 's'
  readonly unique: number
  /** The set was capped: unique is a lower bound. */
  readonly approximate: boolean
}

export type AggregateRow = CounterRow | GaugeRow | TimerRow | SetRow

export interface AggregateFlush {
  readonly intervalSeconds: number
  /** The percentiles asked for: a timer row has those that held a value. */
  readonly percentiles: readonly number[]
  /** Counters, gauges, timers (ms, h, d), sets; each by name, then tags. */
  readonly rows: readonly AggregateRow[]
  /** --max-series, and what it cost in this interval. */
  readonly maxSeries: {
    readonly limit: number
    /** Samples of new series refused: every series in the table had data in this interval. */
    readonly refused: number
    /** Idle gauges forgotten to make room for new series (a later +N/-N starts from 0). */
    readonly evicted: number
  }
  /** Present when grouping by Prometheus series: names and tags are the series' names and labels. */
  readonly bySeries?: {
    /** Samples the mapping dropped in this interval. */
    readonly dropped: number
  }
}

export interface AggregateOptions {
  readonly maxSeries: number
  readonly percentiles: readonly number[]
  /** Rows per statsd name and tags (the default), or per Prometheus series. */
  readonly groupBy?: GroupBy
  /** Timer values and set members held per interval, over all series. */
  readonly valueBudget?: number
  readonly random?: () => number
}

const VALUE_BUDGET = 4_000_000

/** Room for timer values and set members, shared by every series for one interval. */
class ValueBudget {
  held = 0

  constructor(
    private readonly limit: number,
    readonly random: () => number,
  ) {}

  take(): boolean {
    if (this.held >= this.limit) return false
    this.held++
    return true
  }
}

/** One series' state for the current interval. Classes, not object literals: 100,000 of them must stay small. */
abstract class SeriesState implements TableEntry {
  abstract readonly type: MetricType
  /** Had data since the last flush. */
  active = false
  /** When it last had data: the aggregator's count of samples then. */
  updated = 0
  idleOlder: TableEntry | undefined = undefined
  idleNewer: TableEntry | undefined = undefined

  constructor(
    readonly name: string,
    /** The series key: its type and tags (see series.ts). */
    readonly key: string,
  ) {}

  abstract add(sample: Sample, budget: ValueBudget): void
  abstract row(seconds: number, percentiles: readonly number[]): AggregateRow
}

class CounterState extends SeriesState {
  readonly type = 'c'
  count = 0

  add(sample: Sample): void {
    this.count += (sample.value as number) / sample.sampleRate
  }

  row(seconds: number): CounterRow {
    return {type: 'c', name: this.name, tags: seriesTags(this.key), count: this.count, rate: this.count / seconds}
  }
}

class GaugeState extends SeriesState {
  readonly type = 'g'
  value = 0

  add(sample: Sample): void {
    this.value = sample.relative ? this.value + (sample.value as number) : (sample.value as number)
  }

  row(): GaugeRow {
    return {type: 'g', name: this.name, tags: seriesTags(this.key), value: this.value}
  }
}

class TimerState extends SeriesState {
  values: number[] = []
  /** Values seen this interval; more than values.length once sampling started. */
  seen = 0
  count = 0
  sum = 0
  sumSquares = 0
  lower = 0
  upper = 0

  constructor(
    name: string,
    key: string,
    readonly type: 'ms' | 'h' | 'd',
  ) {
    super(name, key)
  }

  add(sample: Sample, budget: ValueBudget): void {
    const value = sample.value as number
    this.count += 1 / sample.sampleRate
    this.seen++
    this.sum += value
    this.sumSquares += value * value
    if (this.seen === 1 || value < this.lower) this.lower = value
    if (this.seen === 1 || value > this.upper) this.upper = value
    if (budget.take()) {
      this.values.push(value)
      return
    }
    // Out of room: keep a uniform sample of the values seen (Algorithm R), at the size reached.
    const slot = Math.floor(budget.random() * this.seen)
    if (slot < this.values.length) this.values[slot] = value
  }

  row(seconds: number, percentiles: readonly number[]): TimerRow {
    const values = Float64Array.from(this.values).sort()
    const n = values.length
    const exact = n === this.seen
    const mean = this.sum / this.seen
    const mid = Math.floor(n / 2)
    return {
      type: this.type,
      name: this.name,
      tags: seriesTags(this.key),
      count: this.count,
      countPerSecond: this.count / seconds,
      lower: this.lower,
      upper: this.upper,
      mean,
      median: n % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2,
      std: exact ? twoPassStd(values, mean) : Math.sqrt(Math.max(0, this.sumSquares / this.seen - mean * mean)),
      sum: this.sum,
      percentiles: percentiles.flatMap(p => percentileStats(values, p)),
      approximate: !exact,
    }
  }
}

class SetState extends SeriesState {
  readonly type = 's'
  members = new Set<string>()
  capped = false

  add(sample: Sample, budget: ValueBudget): void {
    const member = String(sample.value)
    if (this.members.has(member)) return
    if (!budget.take()) {
      this.capped = true
      return
    }
    // A set member is a slice of the packet; a copy lets the packet go.
    this.members.add(detach(member))
  }

  row(): SetRow {
    return {type: 's', name: this.name, tags: seriesTags(this.key), unique: this.members.size, approximate: this.capped}
  }
}

function createState(name: string, type: MetricType, key: string): SeriesState {
  switch (type) {
    case 'c': return new CounterState(name, key)
    case 'g': return new GaugeState(name, key)
    case 's': return new SetState(name, key)
    default: return new TimerState(name, key, type)
  }
}

const TYPE_ORDER: Readonly<Record<MetricType, number>> = {c: 0, g: 1, ms: 2, h: 3, d: 4, s: 5}

export class Aggregator {
  private readonly table: SeriesTable<SeriesState>
  private readonly maxSeries: number
  private readonly percentiles: readonly number[]
  private readonly budgetLimit: number
  private readonly random: () => number
  private budget: ValueBudget
  private readonly groupBy: GroupBy
  private samples = 0
  /** The table's counts at the last flush. */
  private before = {droppedByMapping: 0, overflow: 0, evicted: 0}

  constructor(options: AggregateOptions) {
    this.groupBy = options.groupBy ?? 'name'
    this.maxSeries = options.maxSeries
    // Only gauges are let go of (at flush), and one that had data since is busy again.
    this.table = new SeriesTable(options.maxSeries, createState, this.groupBy, state => !state.active)
    this.percentiles = options.percentiles
    this.budgetLimit = options.valueBudget ?? VALUE_BUDGET
    this.random = options.random ?? Math.random
    this.budget = new ValueBudget(this.budgetLimit, this.random)
  }

  /** Samples of series that did not fit, since the start. */
  get overflow(): number {
    return this.table.overflow
  }

  /** Gauges forgotten to make room for new series, since the start. */
  get evicted(): number {
    return this.table.evicted
  }

  /** `series`: the Prometheus series the sample becomes, when a mapping ran. */
  add(sample: Sample, series?: SeriesOutcome): void {
    const state = this.table.get(sample, series)
    if (state === undefined) return
    state.active = true
    state.updated = ++this.samples
    state.add(sample, this.budget)
  }

  /** The rows of the interval just ended, which lasted intervalSeconds; starts the next one. */
  flush(intervalSeconds: number): AggregateFlush {
    const active = [...this.table.values()].filter(state => state.active).sort(byTypeNameKey)
    const rows = active.map(state => state.row(intervalSeconds, this.percentiles))
    // Counters, timers and sets start afresh (every one left had data: the last flush forgot the others).
    this.table.sweep(state => state.type !== 'g')
    this.budget = new ValueBudget(this.budgetLimit, this.random)
    // Gauges keep their value while there is room, the least recently updated first to go.
    const gauges = active.filter(state => state.type === 'g').sort((a, b) => a.updated - b.updated)
    for (const gauge of gauges) {
      gauge.active = false
      this.table.idle(gauge)
    }
    const {droppedByMapping, overflow, evicted} = this.table
    const maxSeries = {limit: this.maxSeries, refused: overflow - this.before.overflow, evicted: evicted - this.before.evicted}
    const dropped = droppedByMapping - this.before.droppedByMapping
    this.before = {droppedByMapping, overflow, evicted}
    const flush = {intervalSeconds, percentiles: this.percentiles, rows, maxSeries}
    return this.groupBy === 'name' ? flush : {...flush, bySeries: {dropped}}
  }
}

/** statsd's threshold stats: the lowest round(P% of n) values; none when that rounds to 0. */
function percentileStats(values: Float64Array, percentile: number): PercentileStats[] {
  const n = values.length
  if (n === 1) return [{percentile, count: 1, upper: values[0], mean: values[0], sum: values[0]}]
  const count = Math.round((percentile / 100) * n)
  if (count === 0) return []
  let sum = 0
  for (let i = 0; i < count; i++) sum += values[i]
  return [{percentile, count, upper: values[count - 1], mean: sum / count, sum}]
}

function twoPassStd(values: Float64Array, mean: number): number {
  let squares = 0
  for (const value of values) squares += (value - mean) * (value - mean)
  return Math.sqrt(squares / values.length)
}

function byTypeNameKey(a: SeriesState, b: SeriesState): number {
  return TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || compareText(a.name, b.name) || compareText(a.key, b.key)
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
