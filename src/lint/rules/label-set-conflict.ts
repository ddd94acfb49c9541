/**
 * @fileoverview One metric name should always carry the same label names. statsd_exporter
 * (since 0.10.2) exports both sets side by side, but queries that aggregate the metric
 * then silently mix series that mean different things.
 */
import type {Mapping} from '../../mapping/model.js'
import type {ConfigRule} from '../rule.js'
import {byStaticName, valueRange} from '../mapping-facts.js'

const labelNames = (mapping: Mapping) => mapping.labels.map((l) => l.name).sort().join(', ')

const rule: ConfigRule<'differs'> = {
  stage: 'config',
  meta: {
    id: 'label-set-conflict',
    kind: 'problem',
    severity: 'warning',
    docs: {description: 'Every mapping to one metric name should set the same label names.'},
    messages: {differs: "Metric '{{name}}' gets labels [{{labels}}] here but [{{firstLabels}}] from the mapping at line {{line}}."},
  },
  check(context) {
    for (const [name, group] of byStaticName(context.config.mappings)) {
      if (group.length === 1) continue
      const [first, ...rest] = group
      const firstLabels = labelNames(first)
      for (const mapping of rest) {
        const labels = labelNames(mapping)
        if (labels === firstLabels) continue
        context.report({
          messageId: 'differs',
          data: {name, labels, firstLabels, line: first.range.line},
          at: mapping.keys.labels?.key ?? valueRange(mapping, 'name'),
        })
      }
    }
  },
}

export default rule
