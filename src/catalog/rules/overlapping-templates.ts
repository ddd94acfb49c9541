/**
 * @fileoverview Two entries that can both match one statsd name, neither within the
 * other (`<a>.reads` and `feed.<b>` both match `feed.reads`): the name goes to the one
 * earlier in the file, which may not be the one meant. An entry within another
 * (`feed.reads` within `feed.<b>`) is fine: the narrower one wins its names.
 */
import {lineOf, nameRange} from '../facts.js'
import {MAX_OVERLAPS} from '../match.js'
import type {CatalogRule} from '../rule.js'

const rule: CatalogRule<'overlap' | 'more'> = {
  stage: 'catalog',
  meta: {
    id: 'overlapping-templates',
    kind: 'problem',
    severity: 'warning',
    docs: {description: 'Two entries that can match the same statsd name, neither within the other: the name goes to the one earlier in the file.'},
    messages: {
      overlap: '{{name}} and {{other}} ({{line}}) can both match {{example}}; {{winner}} takes it',
      more: `more than ${MAX_OVERLAPS} pairs of entries overlap; only the first are reported`,
    },
  },
  check({catalog, facts, report}) {
    for (const overlap of facts.index.overlaps) {
      if (overlap.relation !== 'partial') continue
      const [first, second] = [catalog.metrics[overlap.first], catalog.metrics[overlap.second]]
      const winner = facts.index.match(overlap.example)
      const taker = winner === undefined ? 'neither' : winner.index === overlap.first ? `the one on ${lineOf(nameRange(first))}` : winner.index === overlap.second ? 'this one' : `${winner.entry.name.text} (${lineOf(nameRange(winner.entry))})`
      report({messageId: 'overlap', data: {name: second.name.text, other: first.name.text, line: lineOf(nameRange(first)), example: overlap.example, winner: taker}, at: nameRange(second)})
    }
    if (facts.index.overlapsTruncated) report({messageId: 'more', at: catalog.keys?.metrics?.key ?? {line: 1, column: 1}})
  },
}

export default rule
