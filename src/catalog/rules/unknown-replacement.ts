/**
 * @fileoverview A deprecated metric's replacement must be documented too: an entry with
 * that name template (placeholders may be named differently), or for a name without
 * placeholders, an entry that matches it. A metric cannot replace itself.
 */
import {nameRange} from '../facts.js'
import {indexCatalog} from '../match.js'
import type {CatalogRule} from '../rule.js'
import type {NameTemplate} from '../template.js'
import {parseTemplate} from '../template.js'

/** The template with its placeholders' names left out: equal for templates that differ only in them. */
function shape(name: NameTemplate): string {
  return name.segments.map((segment) => segment.parts.map((part) => (part.kind === 'literal' ? part.text : '<>')).join('')).join('.')
}

const rule: CatalogRule<'unknown' | 'itself'> = {
  stage: 'catalog',
  meta: {
    id: 'unknown-replacement',
    kind: 'problem',
    severity: 'error',
    docs: {description: "A deprecated metric's replacement is a metric the catalogue documents, and not the metric itself."},
    messages: {
      unknown: '{{name}} is replaced by {{replacement}}, which the catalogue does not document',
      itself: '{{name}} names itself as its replacement',
    },
  },
  check({catalog, report}) {
    const deprecated = catalog.metrics.filter((metric) => metric.deprecated?.replacement !== undefined)
    if (deprecated.length === 0) return
    const shapes = new Map<string, number[]>()
    catalog.metrics.forEach((metric, i) => shapes.set(shape(metric.name), [...(shapes.get(shape(metric.name)) ?? []), i]))
    // Replacements are written without the file's prefix, like names: match them without it.
    const unprefixed = indexCatalog({...catalog, prefix: undefined})
    for (const metric of deprecated) {
      const replacement = metric.deprecated?.replacement ?? ''
      const parsed = parseTemplate(replacement)
      if (!parsed.ok) continue
      const at = metric.deprecated?.at ?? nameRange(metric)
      const sameShape = (shapes.get(shape(parsed.template)) ?? []).map((i) => catalog.metrics[i])
      const literal = parsed.template.segments.every((segment) => segment.parts.every((part) => part.kind === 'literal'))
      const matched = literal ? unprefixed.match(replacement)?.entry : undefined
      const found = [...sameShape, ...(matched ? [matched] : [])]
      if (found.length === 0) report({messageId: 'unknown', data: {name: metric.name.text, replacement}, at})
      else if (found.every((entry) => entry === metric)) report({messageId: 'itself', data: {name: metric.name.text}, at})
    }
  },
}

export default rule
