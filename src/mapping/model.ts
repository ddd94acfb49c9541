/**
 * The loaded form of a statsd_exporter mapping config: every mapping with its options
 * after defaults were applied (as statsd_exporter's InitFromYAMLString leaves them), plus
 * where each piece came from in the file, so lint can point at it.
 *
 * Positions are 1-based lines and columns (columns count UTF-16 code units, as editors and
 * SARIF do). An end position is exclusive.
 */

/** statsd_exporter's three event kinds, which are also the glob FSM's three roots. */
export type MetricKind = 'counter' | 'gauge' | 'observer'
export const METRIC_KINDS: readonly MetricKind[] = ['counter', 'gauge', 'observer']

export type MatchType = 'glob' | 'regex'
export type Action = 'map' | 'drop'
export type ObserverType = 'summary' | 'histogram'
export type ConfigFormat = 'yaml' | 'legacy'

export interface SourceRange {
  readonly line: number
  readonly column: number
  readonly endLine: number
  readonly endColumn: number
}

/** Where a `key: value` pair sits: the key itself and its value node. */
export interface KeyValueRange {
  readonly key: SourceRange
  readonly value: SourceRange
}

export type Severity = 'error' | 'warning'

/**
 * Why a config would not load (errors: statsd_exporter refuses it) or loads with a caveat
 * (warnings: deprecated keys that v0.30 still honours, master does not).
 */
export type LoadDiagnosticCode =
  /** Not YAML at all: a scanner/parser error, a tab in indentation, an alias to nowhere. */
  | 'yaml-syntax'
  /** The same key twice in one mapping (yaml.UnmarshalStrict refuses it). */
  | 'duplicate-key'
  /** A key statsd_exporter does not know (master loads with yaml.UnmarshalStrict). */
  | 'unknown-key'
  /** A key removed after v0.30.0 (`timer_type`, top-level `buckets`/`quantiles`, `match_metric_type: timer`). */
  | 'deprecated-key'
  /** A value of the wrong YAML type: a list where a map belongs, text where a number belongs. */
  | 'invalid-type'
  /** `match_type`, `action`, `observer_type`, `match_metric_type` outside their allowed values. */
  | 'invalid-enum'
  /** `ttl` / `max_age` that Go's time.ParseDuration would refuse. */
  | 'invalid-duration'
  | 'invalid-label-name'
  | 'missing-name'
  | 'invalid-metric-name'
  /** A glob `match` that fails statsd_exporter's metricLineRE (`prefix_*`, `bad!!name`, empty). */
  | 'invalid-match'
  /** A regex `match` that RE2 would not compile, or that has no JS equivalent. */
  | 'invalid-regex'
  /** `observer_type: histogram` with `summary_options`, or the reverse; legacy and new quantiles/buckets together. */
  | 'observer-options-conflict'
  /** A line of the legacy text format that is neither a glob, a `key="value"` pair, a comment nor blank. */
  | 'legacy-syntax'
  /** The input is larger than the loader is willing to parse, or not text. */
  | 'input-rejected'

export interface LoadDiagnostic {
  readonly code: LoadDiagnosticCode
  readonly severity: Severity
  /** statsd_exporter's own wording where it has one, so users can search for it. */
  readonly message: string
  readonly line: number
  readonly column: number
  readonly endLine?: number
  readonly endColumn?: number
}

export interface Quantile {
  readonly quantile: number
  readonly error: number
}

export interface SummaryOptions {
  readonly quantiles: readonly Quantile[]
  /** 0 means client_golang's default (10 minutes). */
  readonly maxAgeSeconds: number
  /** 0 means client_golang's default (5). */
  readonly ageBuckets: number
  /** 0 means client_golang's default (500). */
  readonly bufCap: number
}

export interface HistogramOptions {
  readonly buckets: readonly number[]
  /** 0 means native histograms are off for this metric. */
  readonly nativeHistogramBucketFactor: number
  /** 0 means no limit beyond client_golang's own. */
  readonly nativeHistogramMaxBuckets: number
}

/** One `labels:` entry: the label name and its template (`$1`, `${2}`, `$name`, literal text). */
export interface LabelTemplate {
  readonly name: string
  readonly template: string
  readonly range: KeyValueRange
}

/** Keys a mapping may have, including the deprecated ones v0.30.0 still read. */
export type MappingKey =
  | 'match'
  | 'name'
  | 'labels'
  | 'match_type'
  | 'match_metric_type'
  | 'action'
  | 'observer_type'
  | 'help'
  | 'ttl'
  | 'honor_labels'
  | 'summary_options'
  | 'histogram_options'
  | 'scale'
  | 'timer_type'
  | 'buckets'
  | 'quantiles'

export type DefaultsKey =
  | 'observer_type'
  | 'match_type'
  | 'glob_disable_ordering'
  | 'ttl'
  | 'summary_options'
  | 'histogram_options'
  | 'timer_type'
  | 'buckets'
  | 'quantiles'

export interface Mapping {
  /** 0-based position in `mappings:`; statsd_exporter's "line %d" messages use this. */
  readonly index: number
  readonly match: string
  readonly matchType: MatchType
  /** The name template, unexpanded. */
  readonly name: string
  readonly labels: readonly LabelTemplate[]
  /** undefined: the rule applies to every kind (a glob rule is added under all three FSM roots). */
  readonly matchMetricType: MetricKind | undefined
  readonly action: Action
  /** After `defaults.observer_type`; undefined means the exporter builds a summary. */
  readonly observerType: ObserverType | undefined
  /**
   * As statsd_exporter leaves them: merged field by field with `defaults.summary_options`
   * when the effective observer type is summary, as written (or undefined) otherwise.
   */
  readonly summaryOptions: SummaryOptions | undefined
  /** Merged with `defaults.histogram_options` when the effective observer type is histogram. */
  readonly histogramOptions: HistogramOptions | undefined
  /** undefined when not set (the value is used as is). */
  readonly scale: number | undefined
  /** After `defaults.ttl`; 0 means series never expire. */
  readonly ttlSeconds: number
  readonly honorLabels: boolean
  readonly help: string
  /** The whole mapping item (the `- match: …` block, or a legacy block). */
  readonly range: SourceRange
  /** Where each key that was written sits. Keys not written are absent. */
  readonly keys: Readonly<Partial<Record<MappingKey, KeyValueRange>>>
}

export interface Defaults {
  readonly matchType: MatchType
  readonly observerType: ObserverType | undefined
  readonly globDisableOrdering: boolean
  readonly ttlSeconds: number
  /** With upstream's defaults filled in (quantiles 0.5/0.05, 0.9/0.01, 0.99/0.001). */
  readonly summaryOptions: SummaryOptions
  /** With upstream's defaults filled in (client_golang DefBuckets). */
  readonly histogramOptions: HistogramOptions
  readonly keys: Readonly<Partial<Record<DefaultsKey, KeyValueRange>>>
}

export interface MappingConfig {
  readonly format: ConfigFormat
  readonly defaults: Defaults
  readonly mappings: readonly Mapping[]
  /** Where the top-level keys were written (a legacy file's `mappings` is the whole file). */
  readonly keys: Readonly<Partial<Record<'defaults' | 'mappings', KeyValueRange>>>
}

/**
 * The loader's answer. `config` is present when statsd_exporter would load the file
 * (no error-level diagnostic); diagnostics are sorted by position.
 */
export interface LoadResult {
  readonly config?: MappingConfig
  /**
   * Only when there are errors, and the text could be read as a config at all: the defaults
   * and every mapping that drew no error, each with its index in the file. statsd_exporter
   * would load none of it; lint judges it so that one bad mapping does not hide the rest.
   */
  readonly partial?: MappingConfig
  readonly diagnostics: readonly LoadDiagnostic[]
}
