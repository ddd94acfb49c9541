/**
 * @fileoverview `le` and `quantile` are the labels histograms and summaries add to their
 * own series; a mapping that sets them either misleads (promlint) or, on an observer,
 * collides with the generated label. Names starting with `__` are Prometheus's own.
 */
import type {ConfigRule} from '../rule.js'
import {seriesMappings} from '../mapping-facts.js'

const rule: ConfigRule<'le' | 'quantile' | 'internal'> = {
  stage: 'config',
  meta: {
    id: 'reserved-label',
    kind: 'naming',
    severity: 'warning',
    docs: {description: 'Mappings should not set le, quantile or __-prefixed labels.'},
    messages: {
      le: 'label "le" is reserved for histogram buckets',
      quantile: 'label "quantile" is reserved for summary quantiles',
      internal: 'label names starting with "__" are reserved for internal use',
    },
  },
  check(context) {
    for (const mapping of seriesMappings(context.config)) {
      for (const label of mapping.labels) {
        if (label.name === 'le') context.report({messageId: 'le', at: label.range.key})
        else if (label.name === 'quantile') context.report({messageId: 'quantile', at: label.range.key})
        else if (label.name.startsWith('__')) context.report({messageId: 'internal', at: label.range.key})
      }
    }
  },
}

export default rule
