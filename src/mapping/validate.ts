/**
 * statsd_exporter's InitFromYAMLString after decoding: defaults filled in, each mapping
 * checked in upstream's order (label names, name, name syntax, match, observer options)
 * and given its effective options. Upstream stops at the first error; this reports every
 * one, each where it was written. The deprecated v0.30.0 keys are honoured as v0.30.0
 * honoured them, with a warning naming the replacement.
 */
import type {
  ConfigFormat, Defaults, DefaultsKey, HistogramOptions, KeyValueRange, LabelTemplate, LoadDiagnosticCode, Mapping,
  MappingConfig, MappingKey, MatchType, Quantile, Severity, SourceRange, SummaryOptions,
} from './model.js'
import type {HistogramOptionsFields, RawConfig, RawMapping, SummaryOptionsFields} from './schema.js'
import type {Field, Struct} from './yaml-decode.js'
import {VALID_GLOB} from './glob.js'
import {compileRegex} from './regex.js'
import {excerpt} from './source.js'

/** client_golang's prometheus.DefBuckets. */
export const DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
export const DEFAULT_QUANTILES: readonly Quantile[] = [
  {quantile: 0.5, error: 0.05},
  {quantile: 0.9, error: 0.01},
  {quantile: 0.99, error: 0.001},
]

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]+$/
const METRIC_NAME_SOURCE = String.raw`^([a-zA-Z_]|(\$\{?\d+\}?))([a-zA-Z0-9_]|(\$\{?\d+\}?))*$`
const METRIC_NAME = new RegExp(METRIC_NAME_SOURCE)

const REPLACEMENTS = {
  timer_type: 'observer_type',
  buckets: 'histogram_options.buckets',
  quantiles: 'summary_options.quantiles',
} as const

export type Report = (code: LoadDiagnosticCode, severity: Severity, message: string, range: SourceRange) => void

const DEPRECATED_KEYS = Object.keys(REPLACEMENTS) as (keyof typeof REPLACEMENTS)[]

function keysOf<K extends string>(fields: Readonly<Partial<Record<K, Field<unknown>>>>): Partial<Record<K, KeyValueRange>> {
  const keys: Partial<Record<K, KeyValueRange>> = {}
  // for…in rather than Object.entries: this runs for every mapping, and fields is a plain object.
  for (const key in fields) {
    const field = fields[key]
    if (field) keys[key] = field.range
  }
  return keys
}

function warnDeprecated(fields: Partial<Record<keyof typeof REPLACEMENTS, Field<unknown>>>, report: Report): void {
  for (const key of DEPRECATED_KEYS) {
    const field = fields[key]
    if (field) report('deprecated-key', 'warning', `${key} was removed after v0.30.0 (statsd_exporter master rejects it); use ${REPLACEMENTS[key]}`, field.range.key)
  }
}

function nonEmpty<T>(list: readonly T[] | undefined): list is readonly T[] {
  return list !== undefined && list.length > 0
}

function summaryOf(raw: Struct<SummaryOptionsFields> | undefined): SummaryOptions {
  const f = raw?.fields
  return {
    quantiles: f?.quantiles?.value ?? [],
    maxAgeSeconds: f?.max_age?.value ?? 0,
    ageBuckets: f?.age_buckets?.value ?? 0,
    bufCap: f?.buf_cap?.value ?? 0,
  }
}

function histogramOf(raw: Struct<HistogramOptionsFields> | undefined): HistogramOptions {
  const f = raw?.fields
  return {
    buckets: f?.buckets?.value ?? [],
    nativeHistogramBucketFactor: f?.native_histogram_bucket_factor?.value ?? 0,
    nativeHistogramMaxBuckets: f?.native_histogram_max_buckets?.value ?? 0,
  }
}

function firstNonEmpty<T>(...lists: (readonly T[] | undefined)[]): readonly T[] {
  return lists.find(nonEmpty) ?? []
}

/** What upstream fills in for a histogram mapping: fields left at zero come from `defaults`; v0.30.0's top-level `buckets` wins. */
function mergeHistogram(own: HistogramOptions, legacyBuckets: readonly number[] | undefined, defaults: HistogramOptions): HistogramOptions {
  return {
    buckets: firstNonEmpty(legacyBuckets, own.buckets, defaults.buckets),
    nativeHistogramBucketFactor: own.nativeHistogramBucketFactor || defaults.nativeHistogramBucketFactor,
    nativeHistogramMaxBuckets: own.nativeHistogramMaxBuckets || defaults.nativeHistogramMaxBuckets,
  }
}

/** The same for a summary mapping, with v0.30.0's top-level `quantiles`. */
function mergeSummary(own: SummaryOptions, legacyQuantiles: readonly Quantile[] | undefined, defaults: SummaryOptions): SummaryOptions {
  return {
    quantiles: firstNonEmpty(legacyQuantiles, own.quantiles, defaults.quantiles),
    maxAgeSeconds: own.maxAgeSeconds || defaults.maxAgeSeconds,
    ageBuckets: own.ageBuckets || defaults.ageBuckets,
    bufCap: own.bufCap || defaults.bufCap,
  }
}

function resolveDefaults(raw: RawConfig, report: Report): Defaults {
  const fields = raw.fields.defaults?.value?.fields ?? {}
  warnDeprecated(fields, report)
  let summary = summaryOf(fields.summary_options?.value)
  let histogram = histogramOf(fields.histogram_options?.value)
  // v0.30.0: the top-level lists replace the whole options struct when its own list is empty.
  const legacyQuantiles = fields.quantiles?.value
  if (summary.quantiles.length === 0 && nonEmpty(legacyQuantiles)) summary = {...summaryOf(undefined), quantiles: legacyQuantiles}
  const legacyBuckets = fields.buckets?.value
  if (histogram.buckets.length === 0 && nonEmpty(legacyBuckets)) histogram = {...histogramOf(undefined), buckets: legacyBuckets}
  if (summary.quantiles.length === 0) summary = {...summary, quantiles: DEFAULT_QUANTILES}
  if (histogram.buckets.length === 0) histogram = {...histogram, buckets: DEFAULT_BUCKETS}
  return {
    matchType: fields.match_type?.value ?? 'glob',
    observerType: fields.observer_type?.value ?? fields.timer_type?.value,
    globDisableOrdering: fields.glob_disable_ordering?.value ?? false,
    ttlSeconds: fields.ttl?.value ?? 0,
    summaryOptions: summary,
    histogramOptions: histogram,
    keys: keysOf<DefaultsKey>(fields),
  }
}

/** A glob must pass upstream's metricLineRE; a regex must compile as RE2. */
function checkMatch(match: string, matchType: MatchType, range: SourceRange, report: Report): void {
  if (matchType === 'glob') {
    if (!VALID_GLOB.test(match)) report('invalid-match', 'error', `invalid match: ${excerpt(match)}`, range)
    return
  }
  const compiled = compileRegex(match)
  if (!compiled.ok) report('invalid-regex', 'error', `invalid regex ${excerpt(match)} in mapping: ${compiled.message}`, range)
}

function resolveMapping(raw: RawMapping, index: number, defaults: Defaults, report: Report): Mapping {
  const f = raw.fields
  const error = (code: LoadDiagnosticCode, message: string, range: SourceRange = raw.range) => report(code, 'error', message, range)
  warnDeprecated(f, report)

  const labels: LabelTemplate[] = (f.labels?.value ?? []).map((entry) => ({name: entry.key, template: entry.value, range: entry.range}))
  for (const label of labels) {
    if (!LABEL_NAME.test(label.name)) error('invalid-label-name', `invalid label key: ${excerpt(label.name)}`, label.range.key)
  }

  // A field that could not be decoded was reported already; checking it again would only repeat that.
  const name = f.name?.value ?? ''
  if (f.name?.failed !== true) {
    // Upstream's "line %d" is the mapping's 0-based index, not a line: quoted, so users can find it in its logs, but not left to mislead.
    if (name === '') error('missing-name', `mappings[${index}] has no name (statsd_exporter: "line ${index}: metric mapping didn't set a metric name", counting mappings from 0)`, f.name?.range.key)
    else if (!METRIC_NAME.test(name)) error('invalid-metric-name', `metric name '${excerpt(name)}' doesn't match regex '${METRIC_NAME_SOURCE}'`, f.name?.range.value)
  }

  const matchType = f.match_type?.value ?? defaults.matchType
  const match = f.match?.value ?? ''
  if (f.match?.failed !== true) checkMatch(match, matchType, f.match?.range.value ?? raw.range, report)

  const observerType = f.observer_type?.value ?? f.timer_type?.value ?? defaults.observerType
  const legacyQuantiles = f.quantiles?.value
  const legacyBuckets = f.buckets?.value
  const writtenSummary = f.summary_options?.value
  const writtenHistogram = f.histogram_options?.value
  if (writtenSummary && legacyQuantiles && writtenSummary.fields.quantiles?.value) {
    error('observer-options-conflict', `cannot use quantiles in both the top level and summary options at the same time in ${excerpt(match)}`, f.quantiles?.range.key)
  }
  if (writtenHistogram && legacyBuckets && writtenHistogram.fields.buckets?.value) {
    error('observer-options-conflict', `cannot use buckets in both the top level and histogram options at the same time in ${excerpt(match)}`, f.buckets?.range.key)
  }

  const conflicting = observerType === 'histogram' ? f.summary_options : observerType === 'summary' ? f.histogram_options : undefined
  if (conflicting?.value) {
    const [observer, options] = observerType === 'histogram' ? ['histogram', 'summary'] : ['summary', 'histogram']
    error('observer-options-conflict', `cannot use ${observer} observer and ${options} options at the same time`, conflicting.range.key)
  }
  const histogramOptions = observerType === 'histogram'
    ? mergeHistogram(histogramOf(writtenHistogram), legacyBuckets, defaults.histogramOptions)
    : writtenHistogram && histogramOf(writtenHistogram)
  const summaryOptions = observerType === 'summary'
    ? mergeSummary(summaryOf(writtenSummary), legacyQuantiles, defaults.summaryOptions)
    : writtenSummary && summaryOf(writtenSummary)

  const ttl = f.ttl?.value ?? 0
  return {
    index,
    match,
    matchType,
    name,
    labels,
    matchMetricType: f.match_metric_type?.value,
    action: f.action?.value ?? 'map',
    observerType,
    summaryOptions,
    histogramOptions,
    scale: f.scale?.value,
    ttlSeconds: ttl === 0 && defaults.ttlSeconds > 0 ? defaults.ttlSeconds : ttl,
    honorLabels: f.honor_labels?.value ?? false,
    help: f.help?.value ?? '',
    range: raw.range,
    keys: keysOf<MappingKey>(f),
  }
}

export interface ResolvedConfig {
  readonly config: MappingConfig
  /** The mappings that drew no error, decoding included: what lint can still judge in a file upstream refuses. */
  readonly valid: readonly Mapping[]
}

/** Applies statsd_exporter's load checks and defaults to a decoded config. */
export function resolveConfig(raw: RawConfig, format: ConfigFormat, report: Report): ResolvedConfig {
  const defaults = resolveDefaults(raw, report)
  const valid: Mapping[] = []
  const mappings = (raw.fields.mappings?.value ?? []).map((rawMapping, index) => {
    let errors = 0
    const mapping = resolveMapping(rawMapping, index, defaults, (code, severity, message, range) => {
      if (severity === 'error') errors++
      report(code, severity, message, range)
    })
    if (errors === 0 && rawMapping.failed !== true) valid.push(mapping)
    return mapping
  })
  return {config: {format, defaults, mappings, keys: keysOf(raw.fields)}, valid}
}
