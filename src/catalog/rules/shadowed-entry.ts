/**
 * @fileoverview An entry no statsd name reaches. Entries are matched most specific
 * first, so a narrower entry is never hidden by a broader one; but an entry whose
 * placeholders all have closed values covers a list of names, and when other entries
 * take every one of them, it documents nothing that is ever matched.
 */
import {lineOf, nameRange} from '../facts.js'
import type {CatalogRule} from '../rule.js'

const rule: CatalogRule<'shadowed'> = {
  stage: 'catalog',
  meta: {
    id: 'shadowed-entry',
    kind: 'problem',
    severity: 'error',
    docs: {description: 'An entry all of whose names go to other entries is never matched.'},
    messages: {shadowed: '{{name}} is never matched: every name it covers goes to {{by}}'},
  },
  check({catalog, facts, report}) {
    for (const {entry, by} of facts.index.unreachable) {
      const metric = catalog.metrics[entry]
      const takers = by.map((index) => `${catalog.metrics[index].name.text} (${lineOf(nameRange(catalog.metrics[index]))})`).join(', ')
      report({messageId: 'shadowed', data: {name: metric.name.text, by: takers}, at: nameRange(metric)})
    }
  },
}

export default rule
