/**
 * statsd_exporter's config structs (pkg/mapper: MetricMapper, mapperConfigDefaults,
 * MetricMapping, SummaryOptions, HistogramOptions) as strict decoders. The keys removed
 * after v0.30.0 (`timer_type`, top-level `buckets` / `quantiles`) are still read here;
 * validate.ts warns about them.
 */
import type {Action, MatchType, MetricKind, ObserverType, Quantile} from './model.js'
import type {Decoder, Decoding, MapEntry, Struct} from './yaml-decode.js'
import type {SourceRange} from './model.js'
import {bool, duration, float64, list, string, stringEnum, stringMap, struct, uint32} from './yaml-decode.js'

/** match.go: `""` is glob too. */
const matchType = stringEnum<MatchType>((text, range, decoding) => {
  if (text === 'regex') return 'regex'
  if (text === 'glob' || text === '') return 'glob'
  decoding.report('invalid-enum', `invalid match type ${JSON.stringify(text)}`, range)
  return undefined
})

/** action.go: `""` means map. */
const actionType = stringEnum<Action>((text, range, decoding) => {
  if (text === 'map' || text === '') return 'map'
  if (text === 'drop') return 'drop'
  decoding.report('invalid-enum', `invalid action type ${JSON.stringify(text)}`, range)
  return undefined
})

/** observer.go: `""` means summary. */
const observerType = stringEnum<ObserverType>((text, range, decoding) => {
  if (text === 'histogram') return 'histogram'
  if (text === 'summary' || text === '') return 'summary'
  decoding.report('invalid-enum', `invalid observer type '${text}'`, range)
  return undefined
})

const metricType = stringEnum<MetricKind>((text, range, decoding: Decoding) => {
  if (text === 'counter' || text === 'gauge' || text === 'observer') return text
  if (text === 'timer') {
    decoding.report('deprecated-key', 'match_metric_type: timer was removed after v0.30.0; use match_metric_type: observer', range, 'warning')
    return 'observer'
  }
  decoding.report('invalid-enum', `invalid metric type '${text}'`, range)
  return undefined
})

const quantile: Decoder<Quantile> = (node, decoding) => {
  const decoded = struct('mapper.MetricObjective', {quantile: float64, error: float64})(node, decoding)
  return decoded && {quantile: decoded.fields.quantile?.value ?? 0, error: decoded.fields.error?.value ?? 0}
}

const quantiles = list(quantile, '[]mapper.MetricObjective')
const buckets = list(float64, '[]float64', 0)

export interface SummaryOptionsFields {
  quantiles: Quantile[]
  max_age: number
  age_buckets: number
  buf_cap: number
}

export interface HistogramOptionsFields {
  buckets: number[]
  native_histogram_bucket_factor: number
  native_histogram_max_buckets: number
}

const summaryOptions = struct<SummaryOptionsFields>('mapper.SummaryOptions', {quantiles, max_age: duration, age_buckets: uint32, buf_cap: uint32})
const histogramOptions = struct<HistogramOptionsFields>('mapper.HistogramOptions', {
  buckets,
  native_histogram_bucket_factor: float64,
  native_histogram_max_buckets: uint32,
})

export interface MappingFields {
  match: string
  name: string
  labels: MapEntry[]
  observer_type: ObserverType
  timer_type: ObserverType
  buckets: number[]
  quantiles: Quantile[]
  match_type: MatchType
  help: string
  action: Action
  match_metric_type: MetricKind
  ttl: number
  summary_options: Struct<SummaryOptionsFields>
  histogram_options: Struct<HistogramOptionsFields>
  scale: number
  honor_labels: boolean
}

export interface DefaultsFields {
  observer_type: ObserverType
  timer_type: ObserverType
  buckets: number[]
  quantiles: Quantile[]
  match_type: MatchType
  glob_disable_ordering: boolean
  ttl: number
  summary_options: Struct<SummaryOptionsFields>
  histogram_options: Struct<HistogramOptionsFields>
}

export interface ConfigFields {
  defaults: Struct<DefaultsFields>
  mappings: Struct<MappingFields>[]
}

/** A mapping as read from the file (either format), before statsd_exporter's load checks and defaults. */
export type RawMapping = Struct<MappingFields>
/** The file as read, before statsd_exporter's load checks and defaults. */
export type RawConfig = Struct<ConfigFields>

export const mappingDecoder = struct<MappingFields>('mapper.MetricMapping', {
  match: string,
  name: string,
  labels: stringMap('prometheus.Labels'),
  observer_type: observerType,
  timer_type: observerType,
  buckets,
  quantiles,
  match_type: matchType,
  help: string,
  action: actionType,
  match_metric_type: metricType,
  ttl: duration,
  summary_options: summaryOptions,
  histogram_options: histogramOptions,
  scale: float64,
  honor_labels: bool,
})

const defaultsDecoder = struct<DefaultsFields>('mapper.mapperConfigDefaults', {
  observer_type: observerType,
  timer_type: observerType,
  buckets,
  quantiles,
  match_type: matchType,
  glob_disable_ordering: bool,
  ttl: duration,
  summary_options: summaryOptions,
  histogram_options: histogramOptions,
})

export const configDecoder = struct<ConfigFields>('mapper.MetricMapper', {
  defaults: defaultsDecoder,
  mappings: list(mappingDecoder, '[]mapper.MetricMapping'),
})

/** An empty config at `range`: what an empty file or `~` decodes to. */
export function emptyConfig(range: SourceRange): RawConfig {
  return {fields: {}, range}
}
