/**
 * @fileoverview A mapping whose match repeats an earlier one for the same metric types
 * never matches: the first rule wins (for globs even when the later one adds a
 * match_metric_type, a quirk of statsd_exporter's FSM).
 */
import type {Mapping, MatchType} from '../../mapping/model.js'
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
export function duplicates(mappings: readonly Mapping[]): readonly {mapping: Mapping; earlier: Mapping}[] {
  const known = duplicatesOf.get(mappings)
  if (known) return known
  // By match type, then by pattern: keys are the match strings themselves, nothing is built per mapping.
  const seen: Record<MatchType, Map<string, Mapping[]>> = {glob: new Map(), regex: new Map()}
  const found: {mapping: Mapping; earlier: Mapping}[] = []
  for (const mapping of mappings) {
    const byMatch = seen[mapping.matchType]
    const same = byMatch.get(mapping.match)
    const earlier = same?.find((e) => e.matchMetricType === undefined || e.matchMetricType === mapping.matchMetricType)
    if (earlier) found.push({mapping, earlier})
    if (same) same.push(mapping)
    else byMatch.set(mapping.match, [mapping])
  }
  duplicatesOf.set(mappings, found)
  return found
}

/** duplicates' answers: this rule and shadowed-mapping both ask for every config. */
const duplicatesOf = new WeakMap<readonly Mapping[], readonly {mapping: Mapping; earlier: Mapping}[]>()
