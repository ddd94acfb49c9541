/**
 * @fileoverview conventions.case: snake: the literal text of every name is lower case
 * letters, digits and `_` (no camelCase, capitals or `-`). Placeholders are not judged.
 */
import {nameRange} from '../facts.js'
import type {CatalogRule} from '../rule.js'

const SNAKE = /^[a-z0-9_]+$/

const rule: CatalogRule<'notSnake'> = {
  stage: 'catalog',
  meta: {
    id: 'snake-case',
    kind: 'naming',
    severity: 'warning',
    docs: {description: 'conventions.case: snake: names are lower case letters, digits and _.'},
    messages: {notSnake: '{{name}}: {{text}} is not snake_case (lower case letters, digits and _)'},
  },
  check({catalog, report}) {
    if (catalog.conventions?.case !== 'snake') return
    for (const metric of catalog.metrics) {
      const text = metric.name.segments.flatMap((segment) => segment.parts).find((part) => part.kind === 'literal' && !SNAKE.test(part.text))
      if (text?.kind === 'literal') report({messageId: 'notSnake', data: {name: metric.name.text, text: JSON.stringify(text.text)}, at: nameRange(metric)})
    }
  },
}

export default rule
