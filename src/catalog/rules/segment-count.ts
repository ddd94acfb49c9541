/**
 * @fileoverview conventions.segments: how many segments a name has, after the file's
 * prefix, a multi-segment placeholder counted as the segments it stands for.
 */
import {nameRange, segmentCount} from '../facts.js'
import type {CatalogRule} from '../rule.js'

const rule: CatalogRule<'tooFew' | 'tooMany'> = {
  stage: 'catalog',
  meta: {
    id: 'segment-count',
    kind: 'naming',
    severity: 'warning',
    docs: {description: 'conventions.segments: names have between min and max segments (after the file prefix).'},
    messages: {
      tooFew: '{{name}} has {{count}} segments; the conventions ask for at least {{min}}',
      tooMany: '{{name}} has {{count}} segments; the conventions allow at most {{max}}',
    },
  },
  check({catalog, facts, report}) {
    const {min, max} = catalog.conventions?.segments ?? {}
    if (min === undefined && max === undefined) return
    for (const metric of catalog.metrics) {
      const count = segmentCount(metric, facts)
      const data = {name: metric.name.text, count, min: min ?? '', max: max ?? ''}
      if (min !== undefined && count < min) report({messageId: 'tooFew', data, at: nameRange(metric)})
      else if (max !== undefined && count > max) report({messageId: 'tooMany', data, at: nameRange(metric)})
    }
  },
}

export default rule
