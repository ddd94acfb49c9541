/**
 * @fileoverview One name documented with two types. statsd allows it (the type travels
 * with each sample), so the catalogue may say so, but statsd_exporter refuses a sample
 * whose type differs from the one it first saw for a name.
 */
import {lineOf, nameRange} from '../facts.js'
import type {CatalogRule} from '../rule.js'

const rule: CatalogRule<'conflict'> = {
  stage: 'catalog',
  meta: {
    id: 'type-conflict',
    kind: 'problem',
    severity: 'warning',
    docs: {description: 'One name documented with two types: statsd_exporter refuses the second type it sees for a name.'},
    messages: {conflict: '{{name}} is documented as a {{type}} here and as a {{otherType}} ({{line}}); statsd_exporter refuses a second type for one name'},
  },
  check({facts, report}) {
    for (const {first, second, typesAgree} of facts.sameNames) {
      if (typesAgree) continue
      report({messageId: 'conflict', data: {name: second.name.text, type: second.type, otherType: first.type, line: lineOf(nameRange(first))}, at: nameRange(second)})
    }
  },
}

export default rule
