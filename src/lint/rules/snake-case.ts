/**
 * @fileoverview promlint: metric and label names are snake_case.
 */
import type {ConfigRule} from '../rule.js'
import {literalName, seriesMappings, valueRange} from '../mapping-facts.js'

const CAMEL_CASE = /[a-z][A-Z]/

const rule: ConfigRule<'metric' | 'label'> = {
  stage: 'config',
  meta: {
    id: 'snake-case',
    kind: 'naming',
    severity: 'warning',
    docs: {description: 'Metric and label names are snake_case, not camelCase (promlint).'},
    messages: {
      metric: "metric names should be written in 'snake_case' not 'camelCase'",
      label: "label names should be written in 'snake_case' not 'camelCase' ({{label}})",
    },
  },
  check(context) {
    for (const mapping of seriesMappings(context.config)) {
      if (CAMEL_CASE.test(literalName(mapping))) context.report({messageId: 'metric', at: valueRange(mapping, 'name')})
      for (const label of mapping.labels) {
        if (CAMEL_CASE.test(label.name)) context.report({messageId: 'label', data: {label: label.name}, at: label.range.key})
      }
    }
  },
}

export default rule
