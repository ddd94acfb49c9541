/**
 * @fileoverview A mapping whose match repeats an earlier one for the same metric types
 * never matches: the first rule wins (for globs even when the later one adds a
 * match_metric_type, a quirk of statsd_exporter's FSM).
 */
import type {Mapping} from '../../mapping/model.js'
import type {ConfigRule} from '../rule.js'
import {valueRange} from '../mapping-facts.js'

const rule: ConfigRule<'duplicate'> = {
  stage: 'config',
  meta: {
    id: 'duplicate-match',
    kind: 'problem',
    severity: 'warning',
    docs: {description: 'Each match may appear only once per metric type; the later copy never matches.'},
    messages: {duplicate: "Match '{{match}}' repeats the mapping at line {{line}}, which wins: this mapping never matches."},
  },
  check(context) {
    for (const {mapping, earlier} of duplicates(context.config.mappings)) {
      context.report({
        messageId: 'duplicate',
        data: {match: mapping.match, line: valueRange(earlier, 'match').line},
        at: valueRange(mapping, 'match'),
      })
    }
  },
}

export default rule

/**
 * Each mapping paired with the first earlier mapping that has the same pattern and
 * accepts every metric type it accepts. shadowed-mapping skips these pairs.
 */
export function duplicates(mappings: readonly Mapping[]): {mapping: Mapping; earlier: Mapping}[] {
  const seen = new Map<string, Mapping[]>()
  const found: {mapping: Mapping; earlier: Mapping}[] = []
  for (const mapping of mappings) {
    const key = `${mapping.matchType}\u0000${mapping.match}`
    const same = seen.get(key)
    const earlier = same?.find((e) => e.matchMetricType === undefined || e.matchMetricType === mapping.matchMetricType)
    if (earlier) found.push({mapping, earlier})
    if (same) same.push(mapping)
    else seen.set(key, [mapping])
  }
  return found
}
