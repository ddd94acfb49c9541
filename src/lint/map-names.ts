/**
 * `metrics map`: what each statsd name becomes under a config, and which rule decided.
 * The JSON shape is the one the conformance runner reads:
 * `{input, matched, action, name, labels}`, plus the rule and, on request, near misses,
 * and `error: "empty_metric_name"` when the name comes out empty (a rule whose name
 * template expands to nothing, or an empty statsd name): statsd_exporter makes no series.
 */
import type {Mapping, MappingConfig, MetricKind} from '../mapping/model.js'
import {createMapper} from '../mapping/mapper.js'
import type {NearMiss} from './explain.js'
import {nearestRules} from './explain.js'

export interface RuleRef {
  /** 0-based position in `mappings:`, as statsd_exporter counts. */
  readonly index: number
  readonly line: number
  readonly column: number
  readonly match: string
  readonly matchType: 'glob' | 'regex'
}

export interface MapRow {
  readonly input: string
  readonly type: MetricKind
  readonly matched: boolean
  readonly action: 'map' | 'drop' | null
  /** The Prometheus name (EscapeMetricName applied); for an unmatched name, the escaped statsd name. */
  readonly name: string
  readonly labels: Readonly<Record<string, string>>
  readonly rule: RuleRef | null
  /** The name is empty: statsd_exporter drops the event (events_error_total{reason="empty_metric_name"}). */
  readonly error?: 'empty_metric_name'
  /** With --explain, for an unmatched name: the rules that came closest, nearest first. */
  readonly nearest?: readonly (RuleRef & {readonly reason: string})[]
}

export function ruleRef(mapping: Mapping): RuleRef {
  const at = mapping.keys.match?.value ?? mapping.range
  return {index: mapping.index, line: at.line, column: at.column, match: mapping.match, matchType: mapping.matchType}
}

export function mapNames(config: MappingConfig, names: readonly string[], kind: MetricKind, explain: boolean): MapRow[] {
  const mapper = createMapper(config)
  return names.map((input) => {
    const result = mapper.map(input, kind)
    const row: MapRow = {
      input,
      type: kind,
      matched: result.matched,
      action: result.action ?? null,
      name: result.prometheusName,
      labels: result.labels,
      rule: result.mapping ? ruleRef(result.mapping) : null,
      ...(result.action !== 'drop' && result.prometheusName === '' ? {error: 'empty_metric_name'} as const : {}),
    }
    if (!explain || result.matched) return row
    return {...row, nearest: nearestRules(config, input, kind).map((miss: NearMiss) => ({...ruleRef(miss.mapping), reason: miss.reason}))}
  })
}
