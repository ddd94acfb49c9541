/**
 * @fileoverview statsd_exporter registers one type per metric name. Once a name exists
 * as, say, a counter, every event that would make it a gauge is dropped and counted in
 * statsd_exporter_events_conflict_total; the same happens to a counter `X_sum` next to
 * a summary `X`. Only mappings with match_metric_type have a known type.
 */
import type {Mapping} from '../../mapping/model.js'
import type {ConfigRule} from '../rule.js'
import type {PrometheusType} from '../mapping-facts.js'
import {byStaticName, producedType, valueRange} from '../mapping-facts.js'

/** The series names a summary or histogram `X` also occupies. */
const OBSERVER_SERIES: Partial<Record<PrometheusType, readonly string[]>> = {
  summary: ['_sum', '_count'],
  histogram: ['_sum', '_count', '_bucket'],
}
const SERIES_SUFFIXES = [...new Set(Object.values(OBSERVER_SERIES).flat())]

const rule: ConfigRule<'type' | 'series'> = {
  stage: 'config',
  meta: {
    id: 'type-conflict',
    kind: 'problem',
    severity: 'error',
    docs: {description: 'One metric name must have one type, and must not collide with the _sum/_count/_bucket series of a summary or histogram.'},
    messages: {
      type: "Metric '{{name}}' is a {{type}} here but a {{firstType}} at line {{line}}; statsd_exporter drops the events of whichever comes second.",
      series: "Metric '{{name}}' ({{type}}) collides with the series of {{observerType}} '{{observer}}' at line {{line}}; statsd_exporter drops the events of whichever comes second.",
    },
  },
  check(context) {
    const groups = byStaticName(context.config.mappings)
    // The only names whose series can collide: those another name extends by _sum, _count or _bucket.
    const collidable = new Set<string>()
    for (const name of groups.keys()) {
      for (const suffix of SERIES_SUFFIXES) if (name.endsWith(suffix)) collidable.add(name.slice(0, -suffix.length))
    }

    for (const [name, group] of groups) {
      // A large config has thousands of names with one mapping each and nothing to compare.
      if (group.length === 1 && !collidable.has(name)) continue
      const known = typedOf(group)
      if (known.length === 0) continue
      const first = known[0]
      for (const {mapping, type} of known) {
        if (type === first.type) continue
        context.report({
          messageId: 'type',
          data: {name, type, firstType: first.type, line: first.mapping.range.line},
          at: valueRange(mapping, 'name'),
        })
      }
      if (!collidable.has(name)) continue
      for (const suffix of OBSERVER_SERIES[first.type] ?? []) {
        for (const {mapping, type} of typedOf(groups.get(name + suffix) ?? [])) {
          context.report({
            messageId: 'series',
            data: {name: name + suffix, type, observerType: first.type, observer: name, line: first.mapping.range.line},
            at: valueRange(mapping, 'name'),
          })
        }
      }
    }
  },
}

/** The mappings of one name whose type is known, with it. */
function typedOf(group: readonly Mapping[]): {mapping: Mapping; type: PrometheusType}[] {
  return group.flatMap((mapping) => {
    const type = producedType(mapping)
    return type === undefined ? [] : [{mapping, type}]
  })
}

export default rule
