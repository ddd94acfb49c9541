/**
 * Facts about one loaded mapping that several rules need: what Prometheus type it
 * produces and where to point when reporting on it.
 */
import type {Defaults, KeyValueRange, Mapping, MappingConfig, MappingKey, SourceRange} from '../mapping/model.js'

export type PrometheusType = 'counter' | 'gauge' | 'summary' | 'histogram'

/**
 * The type of the series a mapping creates. Without `match_metric_type` it depends on
 * the events that arrive, so it is unknown; promlint treats that as untyped.
 */
export function producedType(mapping: Mapping): PrometheusType | undefined {
  switch (mapping.matchMetricType) {
    case 'counter': return 'counter'
    case 'gauge': return 'gauge'
    case 'observer': return mapping.observerType ?? 'summary'
    case undefined: return undefined
  }
}

/** Where a key's value was written, else the whole mapping. */
export function valueRange(mapping: Mapping, key: MappingKey): SourceRange {
  return mapping.keys[key]?.value ?? mapping.range
}

/**
 * Histogram or summary options where they were written: `defaults` once, then each mapping that sets
 * its own. A mapping that only inherits the defaults is not listed again, so a bad
 * default is reported once, where it was written.
 */
export function writtenOptions<Options>(
  config: MappingConfig,
  kind: 'histogram' | 'summary',
  pick: (holder: Defaults | Mapping) => Options | undefined,
): {options: Options; at: SourceRange}[] {
  const found: {options: Options; at: SourceRange}[] = []
  // v0.30.0 also read the options from the deprecated top-level `buckets` / `quantiles`.
  const [key, legacyKey] = kind === 'histogram' ? ['histogram_options', 'buckets'] as const : ['summary_options', 'quantiles'] as const
  const visit = (holder: Defaults | Mapping, written: KeyValueRange | undefined) => {
    const options = written && pick(holder)
    if (written && options) found.push({options, at: written.value})
  }
  visit(config.defaults, config.defaults.keys[key] ?? config.defaults.keys[legacyKey])
  for (const mapping of config.mappings) visit(mapping, mapping.keys[key] ?? mapping.keys[legacyKey])
  return found
}

/**
 * Mappings that create series, grouped by metric name. Names with `$n` references
 * depend on the event and are left out.
 */
export function byStaticName(mappings: readonly Mapping[]): ReadonlyMap<string, readonly Mapping[]> {
  const known = staticNameGroups.get(mappings)
  if (known) return known
  const groups = new Map<string, Mapping[]>()
  for (const mapping of mappings) {
    if (mapping.action === 'drop' || mapping.name.includes('$')) continue
    const group = groups.get(mapping.name)
    if (group) group.push(mapping)
    else groups.set(mapping.name, [mapping])
  }
  staticNameGroups.set(mappings, groups)
  return groups
}

/** byStaticName's answers: two rules ask for every config, and a large config has thousands of names. */
const staticNameGroups = new WeakMap<readonly Mapping[], ReadonlyMap<string, readonly Mapping[]>>()

/** Mappings that create series (not `action: drop`): the ones naming rules judge. */
export function seriesMappings(config: MappingConfig): readonly Mapping[] {
  let series = seriesOf.get(config)
  if (series === undefined) seriesOf.set(config, series = config.mappings.filter((m) => m.action === 'map'))
  return series
}

/** seriesMappings' answers: every naming rule asks for every config. */
const seriesOf = new WeakMap<MappingConfig, readonly Mapping[]>()

/**
 * The name with each `$n` / `${n}` reference replaced by `_`: what naming rules can
 * judge before any event fills it in. `_` keeps the literal parts apart, so
 * `a${1}B` is not mistaken for camelCase.
 */
export function literalName(mapping: Mapping): string {
  return mapping.name.includes('$') ? mapping.name.replace(/\$\{?\d+\}?/g, '_') : mapping.name
}
