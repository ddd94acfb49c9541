/**
 * @fileoverview promlint's counter check: counters end in `_total`, nothing else does.
 * Only mappings with match_metric_type have a known type; the rest are untyped, which
 * promlint exempts.
 */
import type {ConfigRule} from '../rule.js'
import {literalName, producedType, seriesMappings, valueRange} from '../mapping-facts.js'

const rule: ConfigRule<'counter' | 'nonCounter'> = {
  stage: 'config',
  meta: {
    id: 'counter-total',
    kind: 'naming',
    severity: 'warning',
    docs: {description: 'Counter names end in _total; other types do not (promlint).'},
    messages: {
      counter: 'counter metrics should have "_total" suffix',
      nonCounter: 'non-counter metrics should not have "_total" suffix',
    },
  },
  check(context) {
    for (const mapping of seriesMappings(context.config)) {
      const type = producedType(mapping)
      if (type === undefined) continue
      const hasTotal = literalName(mapping).endsWith('_total')
      if (type === 'counter' && !hasTotal) context.report({messageId: 'counter', at: valueRange(mapping, 'name')})
      if (type !== 'counter' && hasTotal) context.report({messageId: 'nonCounter', at: valueRange(mapping, 'name')})
    }
  },
}

export default rule
