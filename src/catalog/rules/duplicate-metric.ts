/**
 * @fileoverview One metric documented twice: two entries for exactly the same names
 * (the same template, or one that differs only in its placeholders' names) and the same
 * type, or one of them without a type. The later one's text is never shown for a match.
 */
import {lineOf, nameRange} from '../facts.js'
import type {CatalogRule} from '../rule.js'

const rule: CatalogRule<'duplicate'> = {
  stage: 'catalog',
  meta: {
    id: 'duplicate-metric',
    kind: 'problem',
    severity: 'error',
    docs: {description: 'A metric is documented once: two entries for the same names and type leave one never matched.'},
    messages: {duplicate: '{{name}} is already documented as {{other}} ({{line}})'},
  },
  check({facts, report}) {
    for (const {first, second, typesAgree} of facts.sameNames) {
      if (!typesAgree) continue
      report({messageId: 'duplicate', data: {name: second.name.text, other: first.name.text, line: lineOf(nameRange(first))}, at: nameRange(second)})
    }
  },
}

export default rule
