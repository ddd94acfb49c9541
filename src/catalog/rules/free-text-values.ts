/**
 * @fileoverview A closed list of values holds short values to count by, not free text
 * (words with spaces, sentences): those belong in a description, and as tag values they
 * make every wording a new series.
 */
import {closedLists} from '../facts.js'
import type {CatalogRule} from '../rule.js'
import {isFreeText} from '../value-shape.js'

const rule: CatalogRule<'freeText'> = {
  stage: 'catalog',
  meta: {
    id: 'free-text-values',
    kind: 'problem',
    severity: 'warning',
    docs: {description: 'Closed lists of values hold short values, not free text with spaces.'},
    messages: {freeText: '{{owner}} lists {{value}}, which is free text; a value to count by is one word (a description goes under description:)'},
  },
  check({catalog, report}) {
    for (const list of closedLists(catalog)) {
      for (const value of list.values) if (isFreeText(value)) report({messageId: 'freeText', data: {owner: list.owner, value: JSON.stringify(value)}, at: list.at})
    }
  },
}

export default rule
