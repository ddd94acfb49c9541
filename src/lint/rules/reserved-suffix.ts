/**
 * @fileoverview promlint's reserved-suffix checks: `_bucket`, `_count` and `_sum` belong
 * to histograms and summaries, `_timestamp_seconds` to gauges. Untyped mappings (no
 * match_metric_type) are exempt, as in promlint.
 */
import type {ConfigRule} from '../rule.js'
import type {PrometheusType} from '../mapping-facts.js'
import {literalName, producedType, seriesMappings, valueRange} from '../mapping-facts.js'

type Suffix = 'bucket' | 'count' | 'sum' | 'timestampSeconds'

const RESERVED: readonly {suffix: string; messageId: Suffix; allowed: readonly PrometheusType[]}[] = [
  {suffix: '_bucket', messageId: 'bucket', allowed: ['histogram']},
  {suffix: '_count', messageId: 'count', allowed: ['histogram', 'summary']},
  {suffix: '_sum', messageId: 'sum', allowed: ['histogram', 'summary']},
  {suffix: '_timestamp_seconds', messageId: 'timestampSeconds', allowed: ['gauge']},
]

const rule: ConfigRule<Suffix> = {
  stage: 'config',
  meta: {
    id: 'reserved-suffix',
    kind: 'naming',
    severity: 'warning',
    docs: {description: '_bucket, _count and _sum are for histograms and summaries, _timestamp_seconds for gauges (promlint).'},
    messages: {
      bucket: 'non-histogram metrics should not have "_bucket" suffix',
      count: 'non-histogram and non-summary metrics should not have "_count" suffix',
      sum: 'non-histogram and non-summary metrics should not have "_sum" suffix',
      timestampSeconds: 'non-gauge metrics should not have "_timestamp_seconds" suffix',
    },
  },
  check(context) {
    for (const mapping of seriesMappings(context.config)) {
      const type = producedType(mapping)
      if (type === undefined) continue
      const name = literalName(mapping)
      for (const {suffix, messageId, allowed} of RESERVED) {
        if (name.endsWith(suffix) && !allowed.includes(type)) context.report({messageId, at: valueRange(mapping, 'name')})
      }
    }
  },
}

export default rule
