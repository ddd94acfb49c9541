/**
 * The text of `tail --expose`'s /metrics, written by prom-client: each family of the
 * series store, and each of the exporter's own, goes to prom-client's Registry as an
 * object it takes (lib/registry.js: a `name` and an async `get()` that gives help, type
 * and values), and the Registry writes it in the Prometheus text format. Families come
 * by name, each with one HELP and TYPE, its series in client_golang's order, label names
 * in order with `le` or `quantile` last, and a blank line between families, as
 * Registry.metrics() separates them. ExpositionWriter says why a family is handed over
 * in chunks rather than all families to metrics() at once.
 *
 * Where the text differs from client_golang's, and so from statsd_exporter's:
 * - Sample values are prom-client's (util.js getValueAsString): JavaScript's shortest
 *   form, so 1000000, 0.00001 and 1e-7 where Go writes 1e+06, 1e-05 and 1e-07; NaN is
 *   `Nan`. Prometheus reads them all (Go's ParseFloat, case-insensitive for NaN and Inf).
 * - `le` and `quantile` label values are written as client_golang writes them
 *   (formatFloat), as before: queries and recording rules match them as strings.
 * - A blank line separates families.
 * Escaping is the same: `\` and newlines in help, and `\`, `"` and newlines in label values.
 */
import type {Metric, Registry} from 'prom-client'
import type {Labels} from '../statsd/parse.js'
import {compareLabelSets, compareNames, HistogramSeries, toLabelSet, ValueSeries, type FamilyView, type MetricType, type SeriesRegistry, type StoredSeries} from './registry.js'
import type {SummaryConfig} from './summary.js'

/** A family of plain counters or gauges, such as the exporter's own metrics. */
export interface SampleFamily {
  readonly name: string
  readonly help: string
  readonly type: 'counter' | 'gauge'
  readonly samples: ReadonlyArray<{readonly labels: Labels; readonly value: number}>
}

/**
 * One line as prom-client's Registry reads it (getMetricsAsString):
 * `metricName{labels,sharedLabels} value`. `labels` are the series' own, as the one
 * frozen object in label-name order the store keeps for them, and prom-client writes
 * them in that order. `sharedLabels` is missing from prom-client's typings but not from
 * its Registry (its own histograms use it): it writes them after `labels` and keeps their
 * text per object, in a WeakMap. So `le` and `quantile` go there, last as client_golang
 * writes them, from a few objects shared by every series of a vector; every other line
 * gives NO_LABELS, since without any the Registry makes an empty object per line and
 * remembers it in that WeakMap, which made a scrape slower and the heap busier.
 * (Giving each series' labels as sharedLabels, formatted once in the series' life,
 * rendered 100,000 series some 25% faster, but the WeakMap's 100,000 entries took some
 * 20 MB and slowed every major GC, so that scrapes were no faster.)
 */
interface Line {
  readonly metricName: string
  readonly labels: Labels
  readonly sharedLabels: Labels
  readonly value: number
}

interface FamilyHeader {
  readonly name: string
  readonly help: string
  readonly type: MetricType
}

/** The names a family's lines are written under. */
interface LineNames {
  readonly name: string
  readonly bucket: string
  readonly sum: string
  readonly count: string
}

/** What prom-client's Registry asks of a metric: registerMetric() keys it by `name`; the text is what get() gives. */
interface CollectedMetric {
  readonly name: string
  get(): Promise<{readonly name: string; readonly help: string; readonly type: MetricType; readonly values: readonly Line[]; readonly aggregator: 'sum'}>
}

const NO_LABELS: Labels = Object.freeze({})

export class Exposition {
  /** `le` labels per histogram vector's bounds (+Inf last), and `quantile` labels per summary vector's objectives. */
  private readonly leLabels = new WeakMap<readonly number[], Labels[]>()
  private readonly quantileLabels = new WeakMap<SummaryConfig, Labels[]>()
  /** The size of the last exposition, to size the next one's buffer. */
  private lastBytes = 0

  private constructor(
    private readonly store: SeriesRegistry,
    private readonly PromRegistry: typeof Registry,
  ) {}

  /** Loads prom-client here, not with the module: tail's analysis thread imports this without --expose too. */
  static async create(store: SeriesRegistry): Promise<Exposition> {
    const {Registry} = await import('prom-client')
    return new Exposition(store, Registry)
  }

  /** The store's families at `now` and `others` (the exporter's own), in one exposition, as UTF-8. */
  async render(now: number, others: readonly SampleFamily[]): Promise<Buffer> {
    const out = new ExpositionWriter(new this.PromRegistry(), this.lastBytes)
    const rest = [...others].sort((a, b) => compareNames(a.name, b.name))
    let next = 0
    for (const family of this.store.sortedFamilies()) {
      for (; next < rest.length && compareNames(rest[next].name, family.name) < 0; next++) await out.family(rest[next], sampleLines(rest[next]))
      await this.family(out, family, now)
    }
    for (; next < rest.length; next++) await out.family(rest[next], sampleLines(rest[next]))
    const bytes = out.bytes()
    this.lastBytes = bytes.length
    return bytes
  }

  /** The family's lines with their values now, made a chunk at a time, so that they die young. */
  private async family(out: ExpositionWriter, family: FamilyView, now: number): Promise<void> {
    const {name} = family
    const names: LineNames = {name, bucket: `${name}_bucket`, sum: `${name}_sum`, count: `${name}_count`}
    out.begin()
    let chunk: Line[] = []
    for (const series of family.series) {
      this.addLines(chunk, series, names, now)
      if (chunk.length < CHUNK_LINES) continue
      await out.chunk(family, chunk)
      chunk = []
    }
    await out.end(family, chunk)
  }

  private addLines(chunk: Line[], series: StoredSeries, names: LineNames, now: number): void {
    const {labels} = series.labels
    if (series instanceof ValueSeries) {
      chunk.push({metricName: names.name, labels, sharedLabels: NO_LABELS, value: series.value})
      return
    }
    if (series instanceof HistogramSeries) {
      const les = this.boundLabels(series.bounds)
      let cumulative = 0
      // The last bucket, above every bound, is +Inf.
      for (let i = 0; i < les.length; i++) chunk.push({metricName: names.bucket, labels, sharedLabels: les[i], value: (cumulative += series.buckets[i])})
    } else {
      const quantiles = this.objectiveLabels(series.config)
      const values = series.quantiles(now)
      for (let i = 0; i < quantiles.length; i++) chunk.push({metricName: names.name, labels, sharedLabels: quantiles[i], value: values[i]})
    }
    chunk.push({metricName: names.sum, labels, sharedLabels: NO_LABELS, value: series.sum})
    chunk.push({metricName: names.count, labels, sharedLabels: NO_LABELS, value: series.count})
  }

  private boundLabels(bounds: readonly number[]): Labels[] {
    let labels = this.leLabels.get(bounds)
    if (labels === undefined) {
      labels = [...bounds.map(bound => Object.freeze({le: formatFloat(bound)})), Object.freeze({le: '+Inf'})]
      this.leLabels.set(bounds, labels)
    }
    return labels
  }

  private objectiveLabels(config: SummaryConfig): Labels[] {
    let labels = this.quantileLabels.get(config)
    if (labels === undefined) {
      labels = config.ranks.map(rank => Object.freeze({quantile: formatFloat(rank)}))
      this.quantileLabels.set(config, labels)
    }
    return labels
  }
}

/** A family of plain samples as lines, in client_golang's order of label sets. */
function sampleLines({name, samples}: SampleFamily): Line[] {
  return samples
    .map(({labels, value}) => ({labels: toLabelSet(labels), value}))
    .sort((a, b) => compareLabelSets(a.labels, b.labels))
    .map(({labels, value}) => ({metricName: name, labels: labels.labels, sharedLabels: NO_LABELS, value}))
}

/** How many lines prom-client renders at once: see ExpositionWriter. */
const CHUNK_LINES = 500
/**
 * What each chunk is registered as, alone in the Registry: not its name, since prom-client
 * keys metrics by name in a plain object, where valid names such as `constructor` or
 * `__proto__` meet Object.prototype and registerMetric throws. The name written is the
 * one get() gives.
 */
const CHUNK_KEY = 'chunk'

/**
 * The exposition as it is rendered: each family by prom-client, in chunks, gathered as
 * UTF-8 in a growing buffer.
 *
 * prom-client writes a metric as one string of all its lines (Registry.getMetricsAsString).
 * Handed whole families, it kept a family of 60,000 series' lines alive across several
 * minor GCs, so that they went to the old generation: a scrape of 100,000 series left
 * some 75 MB there, and V8 let the process grow past 800 MB before collecting it. So a
 * family goes to prom-client CHUNK_LINES lines at a time, each chunk a metric of its
 * own, and the HELP and TYPE lines it writes atop each are kept for the first chunk
 * only; the rest of the text is prom-client's, as written.
 */
class ExpositionWriter {
  private buffer: Buffer
  private length = 0
  private empty = true
  /** Whether the family being written has its HELP and TYPE. */
  private headed = false

  constructor(private readonly registry: Registry, expectedBytes: number) {
    this.buffer = Buffer.allocUnsafe(Math.max(64 * 1024, Math.ceil(expectedBytes * 1.1)))
  }

  /** A whole family at once. */
  async family(family: FamilyHeader, lines: readonly Line[]): Promise<void> {
    this.begin()
    await this.end(family, lines)
  }

  /** Starts a family, to be given in chunks, the last with end(). */
  begin(): void {
    if (!this.empty) this.writeLine('')
    this.empty = false
    this.headed = false
  }

  async chunk({name, help, type}: FamilyHeader, lines: readonly Line[]): Promise<void> {
    const metric: CollectedMetric = {name: CHUNK_KEY, get: async () => ({name, help, type, values: lines, aggregator: 'sum'})}
    // prom-client's typings admit only its own metric classes; its Registry takes any object with a name and get().
    this.registry.registerMetric(metric as unknown as Metric)
    let text: string
    try {
      text = await this.registry.getSingleMetricAsString(CHUNK_KEY)
    } finally {
      this.registry.removeSingleMetric(CHUNK_KEY)
    }
    // Past the first chunk, from the third line on: after HELP and TYPE.
    this.writeLine(this.headed ? text.slice(text.indexOf('\n', text.indexOf('\n') + 1) + 1) : text)
    this.headed = true
  }

  /** The family's last lines, if any; its HELP and TYPE if nothing was written yet. */
  async end(family: FamilyHeader, lines: readonly Line[]): Promise<void> {
    if (lines.length > 0 || !this.headed) await this.chunk(family, lines)
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.length)
  }

  /** Into the buffer at once: one string of the whole exposition would be a copy more, of some 10 MB per 100,000 series. */
  private writeLine(text: string): void {
    // A UTF-16 unit takes at most 3 bytes in UTF-8.
    const needed = this.length + 3 * text.length + 1
    if (needed > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(2 * this.buffer.length, needed))
      this.buffer.copy(grown, 0, 0, this.length)
      this.buffer = grown
    }
    this.length += this.buffer.write(text, this.length)
    this.buffer[this.length++] = NEWLINE
  }
}

const NEWLINE = 0x0a

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
