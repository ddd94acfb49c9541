/**
 * Why a statsd name did not match: for each rule, how far it got. statsd_exporter has no
 * answer to "why is my metric unmapped?" (issues #351, #209, #56); this is ours.
 */
import type {Mapping, MappingConfig, MetricKind} from '../mapping/model.js'
import {compileRegex} from '../mapping/regex.js'

export interface NearMiss {
  readonly mapping: Mapping
  /** Why it did not take the name, in words. */
  readonly reason: string
  /** Leading segments the pattern matched; more is nearer. */
  readonly matchedSegments: number
}

/** Up to `limit` rules that came closest to taking `name`, nearest first, ties in file order. */
export function nearestRules(config: MappingConfig, name: string, kind: MetricKind, limit = 3): NearMiss[] {
  const misses = config.mappings.map((mapping) => (mapping.matchType === 'glob' ? globMiss(mapping, name, kind) : regexMiss(mapping, name, kind)))
  return misses
    .map((miss, order) => ({miss, order}))
    .sort((a, b) => b.miss.matchedSegments - a.miss.matchedSegments || a.order - b.order)
    .slice(0, limit)
    .map(({miss}) => miss)
}

function kindMismatch(mapping: Mapping, kind: MetricKind): string | undefined {
  const only = mapping.matchMetricType
  return only !== undefined && only !== kind ? `matches, but only ${only} events (this is a ${kind})` : undefined
}

function globMiss(mapping: Mapping, name: string, kind: MetricKind): NearMiss {
  const pattern = mapping.match.split('.')
  const fields = name.split('.')
  let matched = 0
  while (matched < Math.min(pattern.length, fields.length) && (pattern[matched] === '*' || pattern[matched] === fields[matched])) matched++
  const miss = (reason: string, matchedSegments = matched): NearMiss => ({mapping, reason, matchedSegments})
  if (matched < Math.min(pattern.length, fields.length)) {
    return miss(`segment ${matched + 1}: '${fields[matched]}' is not '${pattern[matched]}'`)
  }
  if (pattern.length !== fields.length) {
    return miss(`has ${pattern.length} segments, the name has ${fields.length} (a * matches exactly one segment)`)
  }
  // Every segment fits: the rule is excluded by type, or never reached (see lint's shadowed-mapping).
  return miss(kindMismatch(mapping, kind) ?? 'matches the pattern, but an earlier rule or the FSM prefix quirk hides this rule (run metrics lint)', matched + 1)
}

function regexMiss(mapping: Mapping, name: string, kind: MetricKind): NearMiss {
  const compiled = compileRegex(mapping.match)
  if (!compiled.ok) return {mapping, reason: `the regex does not compile: ${compiled.message}`, matchedSegments: 0}
  if (!compiled.regex.test(name)) return {mapping, reason: 'the regex does not match', matchedSegments: 0}
  return {mapping, reason: kindMismatch(mapping, kind) ?? 'matches, but a glob rule takes the name first', matchedSegments: name.split('.').length + 1}
}
