/**
 * @fileoverview promlint: the type is metadata, not part of the name
 * (`requests_counter`, `queue_gauge_depth`).
 */
import type {ConfigRule} from '../rule.js'
import {literalName, seriesMappings, valueRange} from '../mapping-facts.js'

const TYPE_NAMES = ['counter', 'gauge', 'summary', 'histogram', 'gauge_histogram']
/** Each type name as a whole part of a name, inside it or at its end: built once, not per mapping. */
const PARTS = TYPE_NAMES.map((type) => ({type, inside: `_${type}_`, last: `_${type}`}))

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
      for (const {type, inside, last} of PARTS) {
        if (name.includes(inside) || name.endsWith(last)) context.report({messageId: 'typeInName', data: {type}, at: valueRange(mapping, 'name')})
      }
    }
  },
}

export default rule
