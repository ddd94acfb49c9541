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
  const globs = config.mappings.filter((m) => m.matchType === 'glob')
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
