/**
 * @fileoverview A deprecated metric should say what to use instead, so that dashboards
 * can move. A `note` saying why there is none (or until when the metric stays) is
 * taken as the answer.
 */
import {nameRange} from '../facts.js'
import type {CatalogRule} from '../rule.js'

const rule: CatalogRule<'missing'> = {
  stage: 'catalog',
  meta: {
    id: 'deprecated-without-replacement',
    kind: 'problem',
    severity: 'warning',
    docs: {description: 'A deprecated metric names its replacement, or says in a note why there is none.'},
    messages: {missing: '{{name}} is deprecated without a replacement; add replacement: (the metric to use instead) or a note saying why there is none'},
  },
  check({catalog, report}) {
    for (const metric of catalog.metrics) {
      const deprecated = metric.deprecated
      if (deprecated && deprecated.replacement === undefined && deprecated.note === undefined) {
        report({messageId: 'missing', data: {name: metric.name.text}, at: deprecated.at ?? nameRange(metric)})
      }
    }
  },
}

export default rule
