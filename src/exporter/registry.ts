/**
 * The series store behind `tail --expose`, with statsd_exporter's registry semantics
 * (pkg/registry/registry.go at master); exposition.ts writes it out.
 *
 * One family per metric name, of one type. Inside it, series with different label-name
 * sets coexist, as statsd_exporter's unchecked collectors export them, under one HELP and
 * TYPE. A series keeps the TTL of the mapping that created it; updates only refresh when
 * it was last seen. Options that shape a series (histogram buckets, summary objectives)
 * belong to its vector, the family's series with the same label names, and come from the
 * mapping of the vector's first series, as client_golang's vectors do.
 *
 * Where statsd_exporter would hand client_golang something that panics the process or
 * fails every later scrape, the store refuses the event instead and says why:
 * - 'conflict': a name used with another type; a name that would collide in the
 *   exposition with a histogram's or summary's `_bucket`/`_count`/`_sum` series (in
 *   either order: master only checks some of these, and client_golang's Gather then
 *   fails); a name of the exporter's own metrics.
 * - 'illegal_label_name': a `__`-prefixed label name (client_golang refuses the metric
 *   at scrape time), `le` on a histogram or `quantile` on a summary (it panics).
 *
 * Pure; time comes in as `now` (milliseconds). No timers.
 */
import type {Labels} from '../statsd/parse.js'
import {SlidingSummary, summaryConfig, type SummaryConfig} from './summary.js'
import type {SeriesOptions} from './translate.js'

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary'
export const METRIC_TYPES: readonly MetricType[] = ['counter', 'gauge', 'histogram', 'summary']

/** Why an event did not reach its series: the reason statsd_exporter's self-metrics give. */
export type Refusal = 'conflict' | 'illegal_label_name'

/** client_golang's DefBuckets, which statsd_exporter uses when a mapping gives none. */
const DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/** A series' labels in client_golang's order (by name). */
export interface LabelSet {
  /** Keyed in that order, which is the order the exposition writes them in. Frozen. */
  readonly labels: Labels
  readonly values: readonly string[]
  /** Identifies the vector: the label names. */
  readonly namesKey: string
}

/**
 * Identifies a series within its family: its label names and values, whatever order the
 * tags came in. Each value is length-prefixed, so that no value can pass for more labels.
 * Built for each sample whose series handle is not cached, so it is kept cheap.
 */
function seriesKey(labels: Labels): string {
  const names = Object.keys(labels)
  if (names.length > 1) names.sort()
  let key = ''
  for (const name of names) {
    const value = labels[name]
    key += `${name}=${value.length}:${value}`
  }
  return key
}

/** A plain object for `labels`: `__proto__`, the one name that would not become a key, is an illegal label name. */
export function toLabelSet(labels: Labels): LabelSet {
  const names = Object.keys(labels).sort()
  const ordered: Record<string, string> = {}
  for (const name of names) ordered[name] = labels[name]
  return {labels: Object.freeze(ordered), values: names.map(name => labels[name]), namesKey: names.join(',')}
}

/** client_golang refuses `__`-prefixed label names, `le` in a histogram and `quantile` in a summary. */
function hasIllegalLabelName(labels: Labels, type: MetricType): boolean {
  for (const name of Object.keys(labels)) {
    if (name.startsWith('__') || (type === 'histogram' && name === 'le') || (type === 'summary' && name === 'quantile')) return true
  }
  return false
}

/** The series of one family that share label names, and the options they were created with. */
interface Vector {
  readonly namesKey: string
  series: number
  /** A histogram's upper bounds, ascending, +Inf implied. */
  readonly bounds?: readonly number[]
  readonly summary?: SummaryConfig
}

interface Family {
  readonly name: string
  readonly type: MetricType
  readonly help: string
  readonly series: Map<string, StoredSeries>
  readonly vectors: Map<string, Vector>
  /** The series in exposition order; undefined after a change. */
  sorted: StoredSeries[] | undefined
}

/** A family as the exposition shows it: its series in client_golang's order. */
export interface FamilyView {
  readonly name: string
  readonly type: MetricType
  readonly help: string
  readonly series: readonly StoredSeries[]
}

abstract class Series {
  /** Set when the series expired: a handle to it is stale and must be looked up again. */
  removed = false

  constructor(
    readonly labels: LabelSet,
    readonly vector: Vector,
    /** 0: never expires. */
    readonly ttlMs: number,
    public lastSeen: number,
  ) {}
}

/** A counter or a gauge. */
export class ValueSeries extends Series {
  value = 0
}

export class HistogramSeries extends Series {
  sum = 0
  count = 0
  /** Observations per bucket of `bounds`, not cumulative; the last slot is above every bound. */
  readonly buckets: Float64Array

  constructor(labels: LabelSet, vector: Vector, ttlMs: number, now: number, readonly bounds: readonly number[]) {
    super(labels, vector, ttlMs, now)
    this.buckets = new Float64Array(bounds.length + 1)
  }

  observe(value: number): void {
    const {bounds} = this
    let i = 0
    // NaN passes every bound, as in client_golang: it counts in +Inf only.
    while (i < bounds.length && !(value <= bounds[i])) i++
    this.buckets[i]++
    this.count++
    this.sum += value
  }
}

export class SummarySeries extends Series {
  private readonly summary: SlidingSummary

  constructor(labels: LabelSet, vector: Vector, ttlMs: number, now: number, readonly config: SummaryConfig) {
    super(labels, vector, ttlMs, now)
    this.summary = new SlidingSummary(config, now)
  }

  get sum(): number {
    return this.summary.sum
  }

  get count(): number {
    return this.summary.count
  }

  observe(value: number, now: number): void {
    this.summary.observe(value, now)
  }

  /** The values of `config.ranks` now. */
  quantiles(now: number): number[] {
    return this.summary.quantiles(now)
  }
}

export type ObserverSeries = HistogramSeries | SummarySeries
export type StoredSeries = ValueSeries | ObserverSeries

export class SeriesRegistry {
  private readonly families = new Map<string, Family>()
  /** Family names in exposition order; undefined after a family came or went. */
  private sortedNames: string[] | undefined
  private readonly vectorCounts: Record<MetricType, number> = {counter: 0, gauge: 0, histogram: 0, summary: 0}
  /** Types that ever had a vector: statsd_exporter_metrics_total shows them, 0 or not. */
  private readonly typesSeen = new Set<MetricType>()

  /** `reservedNames`: the exporter's own metrics, which no event may take. */
  constructor(private readonly reservedNames: ReadonlySet<string> = new Set()) {}

  counter(name: string, labels: Labels, options: SeriesOptions, now: number): ValueSeries | Refusal {
    return this.series('counter', name, labels, options, now)
  }

  gauge(name: string, labels: Labels, options: SeriesOptions, now: number): ValueSeries | Refusal {
    return this.series('gauge', name, labels, options, now)
  }

  /** A histogram or a summary, as the options say. */
  observer(name: string, labels: Labels, options: SeriesOptions, now: number): ObserverSeries | Refusal {
    return this.series(options.observer.type, name, labels, options, now)
  }

  /** Removes the series not seen for longer than their TTL, then empty vectors and families. Returns how many went. */
  expire(now: number): number {
    let removed = 0
    for (const family of this.families.values()) {
      for (const [key, series] of family.series) {
        if (series.ttlMs === 0 || !(series.lastSeen + series.ttlMs < now)) continue
        series.removed = true
        family.series.delete(key)
        family.sorted = undefined
        removed++
        if (--series.vector.series === 0) {
          family.vectors.delete(series.vector.namesKey)
          this.vectorCounts[family.type]--
        }
      }
      if (family.series.size === 0) {
        this.families.delete(family.name)
        this.sortedNames = undefined
      }
    }
    return removed
  }

  /**
   * statsd_exporter_metrics_total: vectors (a name and a set of label names) by type, for
   * every type that ever had one. Upstream counts a vector when it is created and never
   * forgets it; here a vector whose last series expired is no longer counted.
   */
  get metricsByType(): ReadonlyArray<readonly [MetricType, number]> {
    return METRIC_TYPES.filter(type => this.typesSeen.has(type)).map(type => [type, this.vectorCounts[type]] as const)
  }

  /** The families by name, as client_golang orders them; the order is kept between calls until something changes. */
  sortedFamilies(): FamilyView[] {
    this.sortedNames ??= [...this.families.keys()].sort(compareNames)
    return this.sortedNames.map(name => {
      const family = this.families.get(name) as Family
      family.sorted ??= [...family.series.values()].sort((a, b) => compareLabelSets(a.labels, b.labels))
      return {name, type: family.type, help: family.help, series: family.sorted}
    })
  }

  private series(type: 'counter' | 'gauge', name: string, labels: Labels, options: SeriesOptions, now: number): ValueSeries | Refusal
  private series(type: 'histogram' | 'summary', name: string, labels: Labels, options: SeriesOptions, now: number): ObserverSeries | Refusal
  private series(type: MetricType, name: string, labels: Labels, options: SeriesOptions, now: number): StoredSeries | Refusal {
    const key = seriesKey(labels)
    let family = this.families.get(name)
    if (family !== undefined) {
      if (family.type !== type) return 'conflict'
      const existing = family.series.get(key)
      if (existing !== undefined) {
        existing.lastSeen = now
        return existing
      }
    } else if (this.nameConflicts(name, type)) {
      return 'conflict'
    }
    if (hasIllegalLabelName(labels, type)) return 'illegal_label_name'
    const labelSet = toLabelSet(labels)
    if (family === undefined) {
      family = {name, type, help: options.help, series: new Map(), vectors: new Map(), sorted: undefined}
      this.families.set(name, family)
      this.sortedNames = undefined
    }
    const vector = this.vector(family, labelSet, options)
    const ttlMs = options.ttlSeconds * 1000
    const series = vector.bounds !== undefined
      ? new HistogramSeries(labelSet, vector, ttlMs, now, vector.bounds)
      : vector.summary !== undefined
        ? new SummarySeries(labelSet, vector, ttlMs, now, vector.summary)
        : new ValueSeries(labelSet, vector, ttlMs, now)
    vector.series++
    family.series.set(key, series)
    family.sorted = undefined
    return series
  }

  private vector(family: Family, labelSet: LabelSet, options: SeriesOptions): Vector {
    let vector = family.vectors.get(labelSet.namesKey)
    if (vector === undefined) {
      const {observer} = options
      vector = {
        namesKey: labelSet.namesKey,
        series: 0,
        bounds: family.type === 'histogram' && observer.type === 'histogram' ? histogramBounds(observer.histogram.buckets) : undefined,
        summary: family.type === 'summary' && observer.type === 'summary' ? summaryConfig(observer.summary) : undefined,
      }
      family.vectors.set(labelSet.namesKey, vector)
      this.vectorCounts[family.type]++
      this.typesSeen.add(family.type)
    }
    return vector
  }

  /**
   * Whether a new family `name` of `type` would clash: a reserved name, or client_golang's
   * suffix collisions (`X_count`/`X_sum` beside a summary or histogram X, `X_bucket`
   * beside a histogram X), whichever of the two came first.
   */
  private nameConflicts(name: string, type: MetricType): boolean {
    if (this.reservedNames.has(name)) return true
    if (type === 'histogram' || type === 'summary') {
      if (this.families.has(`${name}_count`) || this.families.has(`${name}_sum`)) return true
      if (type === 'histogram' && this.families.has(`${name}_bucket`)) return true
    }
    const suffix = /_(count|sum|bucket)$/.exec(name)
    if (suffix === null) return false
    const base = this.families.get(name.slice(0, suffix.index))?.type
    return base === 'histogram' || (base === 'summary' && suffix[1] !== 'bucket')
  }
}

/**
 * client_golang panics on buckets that are not strictly increasing (the loader does not
 * check them): here they are sorted and deduplicated instead. A trailing +Inf is implied.
 */
function histogramBounds(buckets: readonly number[]): readonly number[] {
  const given = buckets.length > 0 ? buckets : DEFAULT_BUCKETS
  return [...new Set(given)].filter(bound => !Number.isNaN(bound) && bound !== Infinity).sort((a, b) => a - b)
}

/** Family names are ASCII, so code units order them as Go's sort.Strings does. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * client_golang's order of a family's metrics: fewer labels first, then by label values
 * in label-name order, as bytes. Go leaves series with equal values but different label
 * names unordered; here their label names decide, so that the output is deterministic.
 */
export function compareLabelSets(a: LabelSet, b: LabelSet): number {
  if (a.values.length !== b.values.length) return a.values.length - b.values.length
  for (let i = 0; i < a.values.length; i++) {
    if (a.values[i] !== b.values[i]) return compareUtf8(a.values[i], b.values[i])
  }
  return compareNames(a.namesKey, b.namesKey)
}

/** Strings in UTF-8 byte order (code point order), as Go compares them. */
function compareUtf8(a: string, b: string): number {
  const length = Math.min(a.length, b.length)
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x === y) continue
    // Surrogates (code points above U+FFFF) sort after U+E000–U+FFFF in UTF-8, before them in UTF-16.
    if (x >= 0xd800 && y >= 0xd800) return codePointRank(x) - codePointRank(y)
    return x - y
  }
  return a.length - b.length
}

function codePointRank(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000
}
