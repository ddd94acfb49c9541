/**
 * @fileoverview A glob mapping that can never match: every name it would take goes to an
 * earlier, broader rule (with glob_disable_ordering off, the first matching rule wins),
 * or statsd_exporter's FSM never reaches it because an earlier, longer rule already
 * created its final state (`a.b.c`, then `a.b`). upstream logs the first case at start-up
 * at best, and the second not at all.
 *
 * The check asks the same FSM the mapper uses, with one name per rule that has a value
 * no literal segment can equal in each `*` position. Any earlier rule that takes that
 * name takes every name the rule matches, so the answer is exact, quirks included.
 */
import type {Mapping, MappingConfig, MetricKind} from '../../mapping/model.js'
import {METRIC_KINDS} from '../../mapping/model.js'
import {GlobFsm} from '../../mapping/glob.js'
import type {ConfigRule} from '../rule.js'
import {valueRange} from '../mapping-facts.js'
import {duplicates} from './duplicate-match.js'

type Cause = {readonly reason: 'shadowed' | 'prefix'; readonly by: Mapping}

const rule: ConfigRule<'shadowed' | 'prefix'> = {
  stage: 'config',
  meta: {
    id: 'shadowed-mapping',
    kind: 'problem',
    severity: 'warning',
    docs: {description: 'Every glob mapping must be reachable: not covered by an earlier rule, nor hidden by the FSM prefix quirk.'},
    messages: {
      shadowed: "Never matches: '{{by}}' at line {{line}} comes first and takes every name '{{match}}' matches; move this mapping above it.",
      prefix: "Never matches: the earlier, longer '{{by}}' at line {{line}} already passes through '{{match}}', and statsd_exporter's FSM then ignores this rule; move this mapping above it.",
    },
  },
  check(context) {
    const reported = new Set(duplicates(context.config.mappings).map(({mapping}) => mapping))
    for (const [mapping, cause] of unreachableGlobs(context.config)) {
      if (reported.has(mapping)) continue
      context.report({
        messageId: cause.reason,
        data: {match: mapping.match, by: cause.by.match, line: valueRange(cause.by, 'match').line},
        at: valueRange(mapping, 'match'),
      })
    }
  },
}

export default rule

/** Glob mappings that match nothing for any metric kind they accept, with the first kind's cause. */
function unreachableGlobs(config: MappingConfig): Map<Mapping, Cause> {
  const allGlobs = config.mappings.filter((m) => m.matchType === 'glob')
  // With ordering off, whether the FSM backtracks depends on every rule, so all of them go in.
  const globs = config.defaults.globDisableOrdering ? allGlobs : entangled(allGlobs)
  const fsm = new GlobFsm<Mapping>(config.defaults.globDisableOrdering)
  for (const mapping of globs) fsm.add(mapping.match, mapping.matchMetricType, mapping)

  const prefixCauses = new Map<string, Mapping>()
  for (const u of fsm.unreachable) {
    if (u.reason === 'prefix') prefixCauses.set(`${u.rule}/${u.kind}`, globs[u.earlierRule])
  }

  const found = new Map<Mapping, Cause>()
  globs.forEach((mapping, order) => {
    const kinds: readonly MetricKind[] = mapping.matchMetricType === undefined ? METRIC_KINDS : [mapping.matchMetricType]
    const witness = mapping.match.split('.').map((segment) => (segment === '*' ? '' : segment)).join('.')
    let first: Cause | undefined
    for (const kind of kinds) {
      const prefixBy = prefixCauses.get(`${order}/${kind}`)
      const winner = prefixBy === undefined ? fsm.lookup(witness, kind) : undefined
      if (prefixBy === undefined && (winner === undefined || winner === mapping)) return
      first ??= prefixBy === undefined ? {reason: 'shadowed', by: winner as Mapping} : {reason: 'prefix', by: prefixBy}
    }
    if (first) found.set(mapping, first)
  })
  return found
}

/**
 * The globs (in file order) whose reachability can depend on another glob, and every glob
 * that can decide it: those with the same pattern as another, or a pattern that is a
 * leading run of segments of another's (`a.b` and `a.b.c`: the FSM prefix quirk), or that
 * match every name another does or the other way round (same segment count, each segment
 * `*` or the same text). With ordering on, the FSM lookup returns the first rule among
 * those matching every name a rule matches, and a rule's final state exists before it only
 * through a rule it shares a prefix with; so a glob in none of these relations is reachable,
 * and leaving it out of the FSM changes no other glob's answer. A large config has few such
 * globs, and building the FSM for all of them costs more than the rest of the rule.
 */
function entangled(globs: readonly Mapping[]): Mapping[] {
  const related = new Set<number>()
  const relate = (a: number, b: number) => {
    related.add(a)
    related.add(b)
  }
  // The first glob with each pattern; later ones with the same pattern are related to it.
  const byPattern = new Map<string, number>()
  globs.forEach(({match}, index) => {
    const same = byPattern.get(match)
    if (same === undefined) byPattern.set(match, index)
    else relate(index, same)
  })
  // Every leading run of segments that is shorter than some pattern; a glob whose whole
  // pattern is one of its own shorter runs passes through its final state.
  const runs = new Set<string>()
  globs.forEach(({match}, index) => {
    for (let dot = match.indexOf('.'); dot !== -1; dot = match.indexOf('.', dot + 1)) {
      const run = match.slice(0, dot)
      runs.add(run)
      const shorter = byPattern.get(run)
      if (shorter !== undefined) relate(index, shorter)
    }
  })
  globs.forEach(({match}, index) => {
    for (const coverer of coverers(match.split('.'), runs, byPattern)) relate(index, coverer)
  })
  return globs.filter((_, index) => related.has(index))
}

/**
 * The first glob of each other pattern that matches every name the glob split into
 * `segments` matches: each segment `*`, or the glob's own where that is not `*`. They are
 * looked for a segment at a time, as the FSM walks, following only `runs` some pattern
 * starts with; the glob's own leading segments are such runs anyway.
 */
function coverers(segments: readonly string[], runs: ReadonlySet<string>, byPattern: ReadonlyMap<string, number>): number[] {
  const found: number[] = []
  const last = segments.length - 1
  /** Extends `run` (the first `depth` segments of a candidate, `own` when they are the glob's own) by `segment`. */
  const step = (depth: number, run: string, own: boolean, segment: string): void => {
    const longer = depth === 0 ? segment : `${run}.${segment}`
    const stillOwn = own && segment === segments[depth]
    if (depth === last) {
      const coverer = stillOwn ? undefined : byPattern.get(longer)
      if (coverer !== undefined) found.push(coverer)
    } else if (stillOwn || runs.has(longer)) {
      if (segments[depth + 1] !== '*') step(depth + 1, longer, stillOwn, segments[depth + 1])
      step(depth + 1, longer, stillOwn, '*')
    }
  }
  if (segments[0] !== '*') step(0, '', true, segments[0])
  step(0, '', true, '*')
  return found
}
