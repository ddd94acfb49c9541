/**
 * @fileoverview Tag keys that differ only in case (`Region`, `region`) on one metric or
 * across the catalogue: DogStatsD and Prometheus labels are case-sensitive, so they are
 * two tags where one was meant. The first spelling in the file is taken as the intended one.
 */
import {lineOf} from '../facts.js'
import type {CatalogRule} from '../rule.js'

const rule: CatalogRule<'case'> = {
  stage: 'catalog',
  meta: {
    id: 'tag-key-case',
    kind: 'problem',
    severity: 'warning',
    docs: {description: 'Tag keys that differ only in case are two tags where one was meant.'},
    messages: {case: 'tag key {{key}} differs from {{other}} ({{line}}) only in case'},
  },
  check({catalog, report}) {
    const first = new Map<string, {key: string; line: string}>()
    for (const metric of catalog.metrics) {
      for (const tag of metric.tags) {
        const seen = first.get(tag.key.toLowerCase())
        if (seen === undefined) first.set(tag.key.toLowerCase(), {key: tag.key, line: lineOf(tag.at)})
        else if (seen.key !== tag.key) report({messageId: 'case', data: {key: tag.key, other: seen.key, line: seen.line}, at: tag.at ?? {line: 1, column: 1}})
      }
    }
  },
}

export default rule
