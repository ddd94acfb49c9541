/**
 * @fileoverview A placeholder declared under `placeholders:` that no name, prefix or tag
 * uses: left over from a rename, or misspelt where it is used.
 */
import {placeholderRange} from '../facts.js'
import type {CatalogRule} from '../rule.js'

const rule: CatalogRule<'unused'> = {
  stage: 'catalog',
  meta: {
    id: 'unused-placeholder',
    kind: 'problem',
    severity: 'warning',
    docs: {description: 'Every declared placeholder is used by a name, the prefix or a tag.'},
    messages: {unused: 'placeholder {{placeholder}} is declared, but no name, prefix or tag uses it'},
  },
  check({catalog, facts, report}) {
    for (const placeholder of catalog.placeholders) {
      if (!facts.uses.has(placeholder.name)) report({messageId: 'unused', data: {placeholder: placeholder.name}, at: placeholderRange(placeholder)})
    }
  },
}

export default rule
