/**
 * @fileoverview conventions.prefix: every name (after the file's prefix) starts with
 * this literal segment, the application's or team's namespace.
 */
import {nameRange} from '../facts.js'
import type {CatalogRule} from '../rule.js'
import {formatSegment} from '../template.js'

const rule: CatalogRule<'prefix'> = {
  stage: 'catalog',
  meta: {
    id: 'name-prefix',
    kind: 'naming',
    severity: 'warning',
    docs: {description: 'conventions.prefix: names start with the required literal segment.'},
    messages: {prefix: '{{name}} starts with {{first}}; the conventions ask for {{prefix}}'},
  },
  check({catalog, report}) {
    const prefix = catalog.conventions?.prefix
    if (prefix === undefined) return
    for (const metric of catalog.metrics) {
      const first = formatSegment(metric.name.segments[0])
      if (first !== prefix) report({messageId: 'prefix', data: {name: metric.name.text, first: JSON.stringify(first), prefix: JSON.stringify(prefix)}, at: nameRange(metric)})
    }
  },
}

export default rule
