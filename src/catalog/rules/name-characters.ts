/**
 * @fileoverview conventions.characters: the literal text of every name uses only these
 * characters (a character class, such as a-z0-9_). Placeholders are not judged: what
 * fills them is not written in the catalogue.
 */
import {nameRange} from '../facts.js'
import type {CatalogRule} from '../rule.js'

const rule: CatalogRule<'character'> = {
  stage: 'catalog',
  meta: {
    id: 'name-characters',
    kind: 'naming',
    severity: 'warning',
    docs: {description: 'conventions.characters: names use only the allowed characters.'},
    messages: {character: '{{name}} holds {{character}}, which is not in the allowed characters [{{allowed}}]'},
  },
  check({catalog, report}) {
    const allowed = catalog.conventions?.characters
    if (allowed === undefined) return
    // The loader checked that the class compiles and cannot close early.
    const outside = new RegExp(`[^${allowed}]`, 'u')
    for (const metric of catalog.metrics) {
      for (const segment of metric.name.segments) {
        const bad = segment.parts.map((part) => (part.kind === 'literal' ? outside.exec(part.text)?.[0] : undefined)).find((found) => found !== undefined)
        if (bad !== undefined) {
          report({messageId: 'character', data: {name: metric.name.text, character: JSON.stringify(bad), allowed}, at: nameRange(metric)})
          break
        }
      }
    }
  },
}

export default rule
