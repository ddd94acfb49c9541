/**
 * @fileoverview A closed list of values is for a few known values (regions, endpoints,
 * outcomes). A value that looks like an identifier (a UUID, a long number, a hash) is
 * one of a great many: the list will never be complete, and as a tag or label it is the
 * usual cause of a cardinality explosion. Make it a placeholder with a cardinality budget.
 */
import {closedLists} from '../facts.js'
import type {CatalogRule} from '../rule.js'
import {identifierKind} from '../value-shape.js'

const rule: CatalogRule<'identifier'> = {
  stage: 'catalog',
  meta: {
    id: 'identifier-values',
    kind: 'problem',
    severity: 'warning',
    docs: {description: 'Closed lists of values hold a few known values, not identifiers (UUIDs, long numbers, hashes).'},
    messages: {identifier: '{{owner}} lists {{value}}, which looks like a {{kind}}: an identifier is one of many values; use a placeholder with a cardinality: budget'},
  },
  check({catalog, report}) {
    for (const list of closedLists(catalog)) {
      for (const value of list.values) {
        const kind = identifierKind(value)
        if (kind) report({messageId: 'identifier', data: {owner: list.owner, value: JSON.stringify(value), kind}, at: list.at})
      }
    }
  },
}

export default rule
