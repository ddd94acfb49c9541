/**
 * @fileoverview promlint: the type is metadata, not part of the name
 * (`requests_counter`, `queue_gauge_depth`).
 */
import type {ConfigRule} from '../rule.js'
import {literalName, seriesMappings, valueRange} from '../mapping-facts.js'

const TYPE_NAMES = ['counter', 'gauge', 'summary', 'histogram', 'gauge_histogram']

const rule: ConfigRule<'typeInName'> = {
  stage: 'config',
  meta: {
    id: 'type-in-name',
    kind: 'naming',
    severity: 'warning',
    docs: {description: 'Metric names should not contain a metric type such as _counter or _gauge (promlint).'},
    messages: {typeInName: "metric name should not include type '{{type}}'"},
  },
  check(context) {
    for (const mapping of seriesMappings(context.config)) {
      const name = literalName(mapping).toLowerCase()
      for (const type of TYPE_NAMES.filter((t) => name.includes(`_${t}_`) || name.endsWith(`_${t}`))) {
        context.report({messageId: 'typeInName', data: {type}, at: valueRange(mapping, 'name')})
      }
    }
  },
}

export default rule
