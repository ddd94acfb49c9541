/**
 * The series store behind `tail --expose`, with statsd_exporter's registry semantics
 * (pkg/registry/registry.go at master) and client_golang's exposition text.
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
import type {SeriesOptions} from './translate.js'

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary'
export const METRIC_TYPES: readonly MetricType[] = ['counter', 'gauge', 'histogram', 'summary']

/** Why an event did not reach its series: the reason statsd_exporter's self-metrics give. */
export type Refusal = 'conflict' | 'illegal_label_name'

/** One metric family as exposition text, HELP and TYPE lines included, each line ending in `\n`. */
export interface FamilyText {
  readonly name: string
  readonly text: string
}

/** client_golang's DefBuckets, which statsd_exporter uses when a mapping gives none. */
const DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
/** statsd_exporter's objectives when none are configured. */
const DEFAULT_OBJECTIVES: readonly Target[] = [{quantile: 0.5, error: 0.05}, {quantile: 0.9, error: 0.01}, {quantile: 0.99, error: 0.001}]
/** client_golang's DefMaxAge, DefAgeBuckets and DefBufCap. */
const DEFAULT_MAX_AGE_MS = 10 * 60 * 1000
const DEFAULT_AGE_BUCKETS = 5
const DEFAULT_BUF_CAP = 500

/** A series' labels in client_golang's order (by name), as the store and the exposition need them. */
interface LabelSet {
  readonly values: readonly string[]
  /** Identifies the vector: the label names. */
  readonly namesKey: string
  /** `a="1",b="2"`, escaped; empty without labels. */
  readonly text: string
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

function toLabelSet(labels: Labels): LabelSet {
  const names = Object.keys(labels).sort()
  const values = names.map(name => labels[name])
  return {values, namesKey: names.join(','), text: names.map((name, i) => `${name}="${escapeLabelValue(values[i])}"`).join(',')}
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
  readonly histogram?: HistogramConfig
  readonly summary?: SummaryConfig
}

interface Family {
  readonly name: string
  readonly type: MetricType
  readonly help: string
  readonly series: Map<string, Series>
  readonly vectors: Map<string, Vector>
  /** The series in exposition order; undefined after a change. */
  sorted: Series[] | undefined
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
  /** Observations per bucket, not cumulative; the last slot is above every bound. */
  private readonly buckets: Float64Array

  constructor(labels: LabelSet, vector: Vector, ttlMs: number, now: number, private readonly config: HistogramConfig) {
    super(labels, vector, ttlMs, now)
    this.buckets = new Float64Array(config.bounds.length + 1)
  }

  observe(value: number): void {
    const {bounds} = this.config
    let i = 0
    // NaN passes every bound, as in client_golang: it counts in +Inf only.
    while (i < bounds.length && !(value <= bounds[i])) i++
    this.buckets[i]++
    this.count++
    this.sum += value
  }

  render(out: TextWriter, name: string, labels: string): void {
    const {leTexts} = this.config
    const prefix = labels === '' ? `${name}_bucket{le="` : `${name}_bucket{${labels},le="`
    let cumulative = 0
    for (let i = 0; i < leTexts.length; i++) {
      cumulative += this.buckets[i]
      out.write(`${prefix}${leTexts[i]}"} ${formatFloat(cumulative)}\n`)
    }
    out.write(`${prefix}+Inf"} ${formatFloat(this.count)}\n`)
    out.write(sumAndCount(name, labels, this.sum, this.count))
  }
}

export class SummarySeries extends Series {
  private readonly summary: SlidingSummary

  constructor(labels: LabelSet, vector: Vector, ttlMs: number, now: number, private readonly config: SummaryConfig) {
    super(labels, vector, ttlMs, now)
    this.summary = new SlidingSummary(config, now)
  }

  observe(value: number, now: number): void {
    this.summary.observe(value, now)
  }

  render(out: TextWriter, name: string, labels: string, now: number): void {
    const values = this.summary.quantiles(now)
    const prefix = labels === '' ? `${name}{quantile="` : `${name}{${labels},quantile="`
    for (let i = 0; i < values.length; i++) out.write(`${prefix}${this.config.rankTexts[i]}"} ${formatFloat(values[i])}\n`)
    out.write(sumAndCount(name, labels, this.summary.sum, this.summary.count))
  }
}

export type ObserverSeries = HistogramSeries | SummarySeries

export class SeriesRegistry {
  private readonly families = new Map<string, Family>()
  /** Family names in exposition order; undefined after a family came or went. */
  private sortedNames: string[] | undefined
  private readonly vectorCounts: Record<MetricType, number> = {counter: 0, gauge: 0, histogram: 0, summary: 0}
  /** Types that ever had a vector: statsd_exporter_metrics_total shows them, 0 or not. */
  private readonly typesSeen = new Set<MetricType>()
  /** The size of the last exposition, to size the next one's buffer. */
  private lastExpositionBytes = 0

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

  /** The whole exposition as UTF-8, the families given (the exporter's own) merged in by name. */
  exposition(now: number, others: readonly FamilyText[]): Buffer {
    const names = this.familyNames()
    const rest = [...others].sort((a, b) => compareNames(a.name, b.name))
    const out = new TextWriter(this.lastExpositionBytes)
    let j = 0
    for (const name of names) {
      while (j < rest.length && rest[j].name < name) out.write(rest[j++].text)
      this.renderFamily(out, this.families.get(name) as Family, now)
    }
    while (j < rest.length) out.write(rest[j++].text)
    const bytes = out.bytes()
    this.lastExpositionBytes = bytes.length
    return bytes
  }

  private series(type: 'counter' | 'gauge', name: string, labels: Labels, options: SeriesOptions, now: number): ValueSeries | Refusal
  private series(type: 'histogram' | 'summary', name: string, labels: Labels, options: SeriesOptions, now: number): ObserverSeries | Refusal
  private series(type: MetricType, name: string, labels: Labels, options: SeriesOptions, now: number): Series | Refusal {
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
    const series = vector.histogram !== undefined
      ? new HistogramSeries(labelSet, vector, ttlMs, now, vector.histogram)
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
        histogram: family.type === 'histogram' && observer.type === 'histogram' ? histogramConfig(observer.histogram.buckets) : undefined,
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

  private familyNames(): string[] {
    this.sortedNames ??= [...this.families.keys()].sort(compareNames)
    return this.sortedNames
  }

  private renderFamily(out: TextWriter, family: Family, now: number): void {
    const {name, type} = family
    family.sorted ??= [...family.series.values()].sort((a, b) => compareLabelSets(a.labels, b.labels))
    out.write(familyHeader(name, family.help, type))
    for (const series of family.sorted) {
      const labels = series.labels.text
      if (series instanceof ValueSeries) out.write(`${name}${labels === '' ? '' : `{${labels}}`} ${formatFloat(series.value)}\n`)
      else if (series instanceof HistogramSeries) series.render(out, name, labels)
      else if (series instanceof SummarySeries) series.render(out, name, labels, now)
    }
  }
}

/** A family of plain counters or gauges, such as the exporter's own metrics. */
export function simpleFamily(name: string, help: string, type: 'counter' | 'gauge', samples: ReadonlyArray<{readonly labels: Labels; readonly value: number}>): FamilyText {
  const sorted = samples.map(sample => ({labels: toLabelSet(sample.labels), value: sample.value})).sort((a, b) => compareLabelSets(a.labels, b.labels))
  let text = familyHeader(name, help, type)
  for (const {labels, value} of sorted) text += `${name}${labels.text === '' ? '' : `{${labels.text}}`} ${formatFloat(value)}\n`
  return {name, text}
}

/**
 * UTF-8 text gathered into a growing buffer, a few kilobytes at a time: for 100,000
 * series this is several times faster than building one string (or writing each line),
 * and leaves far less for the garbage collector.
 */
class TextWriter {
  private buffer: Buffer
  private length = 0
  private pending = ''

  constructor(expectedBytes: number) {
    this.buffer = Buffer.allocUnsafe(Math.max(64 * 1024, Math.ceil(expectedBytes * 1.1)))
  }

  write(text: string): void {
    this.pending += text
    if (this.pending.length >= 16 * 1024) this.flush()
  }

  bytes(): Buffer {
    this.flush()
    return this.buffer.subarray(0, this.length)
  }

  private flush(): void {
    const text = this.pending
    this.pending = ''
    // A UTF-16 unit takes at most 3 bytes in UTF-8.
    if (this.length + 3 * text.length > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(2 * this.buffer.length, this.length + 3 * text.length))
      this.buffer.copy(grown, 0, 0, this.length)
      this.buffer = grown
    }
    this.length += this.buffer.write(text, this.length)
  }
}

function familyHeader(name: string, help: string, type: MetricType): string {
  return `# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}\n# TYPE ${name} ${type}\n`
}

function sumAndCount(name: string, labels: string, sum: number, count: number): string {
  const braces = labels === '' ? '' : `{${labels}}`
  return `${name}_sum${braces} ${formatFloat(sum)}\n${name}_count${braces} ${formatFloat(count)}\n`
}

function escapeLabelValue(value: string): string {
  return /[\\"\n]/.test(value) ? value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"') : value
}

/**
 * A number as client_golang writes it: Go's strconv.FormatFloat(v, 'g', -1, 64), so
 * `1e+06` and `1e-05` where JavaScript writes `1000000` and `0.00001`; `+Inf`, `-Inf`, `NaN`.
 * Both print the shortest digits that read back as the same number.
 */
export function formatFloat(value: number): string {
  // Go's %g switches to an exponent below 1e-4 and from 1e6 (JavaScript: 1e-7 and 1e21).
  if ((value >= 1e-4 && value < 1e6) || (value <= -1e-4 && value > -1e6) || value === 0) return String(value)
  if (Number.isNaN(value)) return 'NaN'
  if (value === Infinity) return '+Inf'
  if (value === -Infinity) return '-Inf'
  // toExponential() gives the shortest digits, e.g. 1.5e+7; Go writes at least two exponent digits.
  return value.toExponential().replace(/e([+-])(\d)$/, 'e$10$2')
}

/** Family names are ASCII, so code units order them as Go's sort.Strings does. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * client_golang's order of a family's metrics: fewer labels first, then by label values
 * in label-name order, as bytes. Go leaves series with equal values but different label
 * names unordered; here their label names decide, so that the output is deterministic.
 */
function compareLabelSets(a: LabelSet, b: LabelSet): number {
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

// ---- Histograms ---------------------------------------------------------------------

interface HistogramConfig {
  readonly bounds: readonly number[]
  readonly leTexts: readonly string[]
}

/**
 * client_golang panics on buckets that are not strictly increasing (the loader does not
 * check them): here they are sorted and deduplicated instead. A trailing +Inf is implied.
 */
function histogramConfig(buckets: readonly number[]): HistogramConfig {
  const given = buckets.length > 0 ? buckets : DEFAULT_BUCKETS
  const bounds = [...new Set(given)].filter(bound => !Number.isNaN(bound) && bound !== Infinity).sort((a, b) => a - b)
  return {bounds, leTexts: bounds.map(formatFloat)}
}

// ---- Summaries ----------------------------------------------------------------------

interface Target {
  readonly quantile: number
  readonly error: number
}

interface SummaryConfig {
  readonly targets: readonly Target[]
  /** The objectives' quantiles in ascending order, and as `quantile` label values. */
  readonly ranks: readonly number[]
  readonly rankTexts: readonly string[]
  readonly maxAgeMs: number
  readonly ageBuckets: number
  readonly bufCap: number
}

function summaryConfig(options: {readonly quantiles: readonly Target[]; readonly maxAgeSeconds: number; readonly ageBuckets: number; readonly bufCap: number}): SummaryConfig {
  // A Go map: a quantile given twice keeps its last error.
  const byQuantile = new Map<number, number>()
  for (const {quantile, error} of options.quantiles.length > 0 ? options.quantiles : DEFAULT_OBJECTIVES) byQuantile.set(quantile, error)
  const ranks = [...byQuantile.keys()].sort((a, b) => a - b)
  return {
    targets: ranks.map(quantile => ({quantile, error: byQuantile.get(quantile) as number})),
    ranks,
    rankTexts: ranks.map(formatFloat),
    maxAgeMs: options.maxAgeSeconds > 0 ? options.maxAgeSeconds * 1000 : DEFAULT_MAX_AGE_MS,
    ageBuckets: options.ageBuckets > 0 ? options.ageBuckets : DEFAULT_AGE_BUCKETS,
    bufCap: options.bufCap > 0 ? options.bufCap : DEFAULT_BUF_CAP,
  }
}

/**
 * client_golang's summary, clocked by the caller: observations wait in a buffer (bufCap
 * of them, or one age bucket's time) and then go into every one of ageBuckets streams;
 * each maxAge/ageBuckets the oldest stream is cleared and the next becomes the one
 * queried, so quantiles cover between maxAge·(1-1/ageBuckets) and maxAge of data. Sum and
 * count cover everything. With no observation in the window the quantiles are NaN.
 * client_golang's asynchronous flush happens synchronously here, which changes nothing
 * but timing.
 */
class SlidingSummary {
  sum = 0
  count = 0
  private buffer: number[] = []
  private readonly streams: QuantileStream[]
  private head = 0
  /** Expiry times are start + epoch × streamMs: the buffer's and the head stream's. */
  private readonly start: number
  private readonly streamMs: number
  private bufferEpoch = 1
  private headEpoch = 1

  constructor(private readonly config: SummaryConfig, now: number) {
    this.start = now
    this.streamMs = config.maxAgeMs / config.ageBuckets
    this.streams = Array.from({length: config.ageBuckets}, () => new QuantileStream(config.targets))
  }

  observe(value: number, now: number): void {
    if (now > this.expiry(this.bufferEpoch)) this.flush(now)
    this.buffer.push(value)
    if (this.buffer.length >= this.config.bufCap) this.flush(now)
  }

  /** The objectives' values now, in ascending quantile order. */
  quantiles(now: number): number[] {
    this.flush(now)
    const stream = this.streams[this.head]
    return this.config.ranks.map(rank => (stream.count() === 0 ? Number.NaN : stream.query(rank)))
  }

  private expiry(epoch: number): number {
    return this.start + epoch * this.streamMs
  }

  /** client_golang's swapBufs, flushColdBuf and maybeRotateStreams. */
  private flush(now: number): void {
    if (now > this.expiry(this.bufferEpoch)) {
      // The first expiry at or after now: computed, not stepped to, after a long silence.
      let epoch = Math.max(this.bufferEpoch, Math.ceil((now - this.start) / this.streamMs))
      while (now > this.expiry(epoch)) epoch++
      while (epoch - 1 > this.bufferEpoch && !(now > this.expiry(epoch - 1))) epoch--
      this.bufferEpoch = epoch
    }
    const pending = this.buffer
    this.buffer = []
    for (const value of pending) {
      for (const stream of this.streams) stream.insert(value)
      this.count++
      this.sum += value
    }
    const rotations = this.bufferEpoch - this.headEpoch
    if (rotations === 0) return
    const {streams} = this
    for (let i = 0; i < Math.min(rotations, streams.length); i++) streams[(this.head + i) % streams.length].reset()
    this.head = (this.head + rotations) % streams.length
    this.headEpoch = this.bufferEpoch
  }
}

/** How many observations a stream buffers before merging them: fixed in beorn7/perks. */
const STREAM_BUFFER = 500

/**
 * beorn7/perks' quantile.Stream made with NewTargeted, which client_golang uses: the
 * CKMS algorithm for biased quantiles ("Effective Computation of Biased Quantiles over
 * Data Streams"), step for step, so that the same observations give the same values.
 */
class QuantileStream {
  private n = 0
  private values: number[] = []
  private widths: number[] = []
  private deltas: number[] = []
  private buffer: Float64Array | undefined
  private buffered = 0
  private sorted = true

  constructor(private readonly targets: readonly Target[]) {}

  insert(value: number): void {
    this.buffer ??= new Float64Array(STREAM_BUFFER)
    this.buffer[this.buffered++] = value
    this.sorted = false
    if (this.buffered === STREAM_BUFFER) this.flush()
  }

  count(): number {
    return this.buffered + Math.trunc(this.n)
  }

  reset(): void {
    this.values = []
    this.widths = []
    this.deltas = []
    this.n = 0
    this.buffered = 0
  }

  query(quantile: number): number {
    if (this.values.length === 0) {
      // Before the first merge perks reads the buffer itself, which is exact.
      if (this.buffered === 0) return 0
      let i = Math.ceil(this.buffered * quantile)
      if (i > 0) i--
      return this.sortedBuffer()[i]
    }
    this.flush()
    const {values, widths, deltas} = this
    let t = Math.ceil(quantile * this.n)
    t += Math.ceil(this.invariant(t) / 2)
    let previous = 0
    let rank = 0
    for (let i = 1; i < values.length; i++) {
      rank += widths[previous]
      if (rank + widths[i] + deltas[i] > t) return values[previous]
      previous = i
    }
    return values[previous]
  }

  private sortedBuffer(): Float64Array {
    const buffered = (this.buffer as Float64Array).subarray(0, this.buffered)
    if (!this.sorted) {
      buffered.sort()
      this.sorted = true
    }
    return buffered
  }

  private flush(): void {
    const buffered = this.sortedBuffer()
    this.merge(buffered)
    this.buffered = 0
  }

  /** perks' f(r): the error allowed at rank r, the tightest of the targets'. */
  private invariant(rank: number): number {
    let allowed = Number.MAX_VALUE
    for (const {quantile, error} of this.targets) {
      const f = quantile * this.n <= rank ? (2 * error * rank) / quantile : (2 * error * (this.n - rank)) / (1 - quantile)
      if (f < allowed) allowed = f
    }
    return allowed
  }

  /** perks' stream.merge of sorted samples of width 1, as one pass instead of slice inserts. */
  private merge(samples: Float64Array): void {
    const {values, widths, deltas} = this
    const mergedValues: number[] = []
    const mergedWidths: number[] = []
    const mergedDeltas: number[] = []
    let rank = 0
    let j = 0
    for (const value of samples) {
      while (j < values.length && !(values[j] > value)) {
        mergedValues.push(values[j])
        mergedWidths.push(widths[j])
        mergedDeltas.push(deltas[j])
        rank += widths[j++]
      }
      // Inserted before a larger sample: perks' delta; appended at the end: 0.
      mergedValues.push(value)
      mergedWidths.push(1)
      mergedDeltas.push(j < values.length ? Math.max(0, Math.floor(this.invariant(rank)) - 1) : 0)
      this.n += 1
      rank += 1
    }
    for (; j < values.length; j++) {
      mergedValues.push(values[j])
      mergedWidths.push(widths[j])
      mergedDeltas.push(deltas[j])
    }
    this.values = mergedValues
    this.widths = mergedWidths
    this.deltas = mergedDeltas
    this.compress()
  }

  /**
   * perks' stream.compress: from the top down, a sample folds into the one above it while
   * their widths and delta fit the invariant. Survivors are written from the end, so one
   * pass replaces perks' slice removals.
   */
  private compress(): void {
    const {values, widths, deltas} = this
    const length = values.length
    if (length < 2) return
    let at = length - 1
    let width = widths[at]
    let delta = deltas[at]
    let rank = this.n - 1 - width
    for (let i = length - 2; i >= 0; i--) {
      const cWidth = widths[i]
      if (cWidth + width + delta <= this.invariant(rank)) {
        width += cWidth
        widths[at] = width
      } else {
        at--
        values[at] = values[i]
        widths[at] = cWidth
        deltas[at] = deltas[i]
        width = cWidth
        delta = deltas[i]
      }
      rank -= cWidth
    }
    if (at > 0) {
      values.splice(0, at)
      widths.splice(0, at)
      deltas.splice(0, at)
    }
  }
}
