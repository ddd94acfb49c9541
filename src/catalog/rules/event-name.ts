/**
 * @fileoverview conventions.events: entries of the listed types (counters by default)
 * are events, named `namespace.object.action` (three segments or more after the file's
 * prefix) whose action, the last segment, ends in a past-tense verb: `orders.order.placed`,
 * `mail.message.sent`, `auth.login.failed`. The last word of the action (after the last
 * `_`) is judged, unless the whole action is one of the catalogue's verbs; see
 * past-tense.ts for how.
 */
import {nameRange, segmentCount} from '../facts.js'
import {isPastTense} from '../past-tense.js'
import type {CatalogRule} from '../rule.js'

const rule: CatalogRule<'shape' | 'placeholder' | 'tense'> = {
  stage: 'catalog',
  meta: {
    id: 'event-name',
    kind: 'naming',
    severity: 'warning',
    docs: {description: 'conventions.events: events are named namespace.object.action, the action a past-tense verb.'},
    messages: {
      shape: '{{name}} is a {{type}}, an event: name it namespace.object.action (it has {{count}} segments)',
      placeholder: '{{name}} is a {{type}}, an event: its action (the last segment) is a placeholder; write the verb, such as published',
      tense: '{{name}} is a {{type}}, an event: its action {{action}} should end in a past-tense verb, such as {{example}}',
    },
  },
  check({catalog, facts, report}) {
    const events = catalog.conventions?.events
    if (events === undefined) return
    const verbs = (events.verbs ?? []).map((verb) => verb.toLowerCase())
    for (const metric of catalog.metrics) {
      if (!events.types.includes(metric.type)) continue
      const data = {name: metric.name.text, type: metric.type}
      const count = segmentCount(metric, facts)
      const last = metric.name.segments.at(-1)?.parts ?? []
      if (count < 3) report({messageId: 'shape', data: {...data, count}, at: nameRange(metric)})
      else if (last.some((part) => part.kind === 'placeholder')) report({messageId: 'placeholder', data, at: nameRange(metric)})
      else {
        const action = last.map((part) => (part.kind === 'literal' ? part.text : '')).join('')
        const word = action.split('_').at(-1) ?? action
        // A listed verb may be the whole action (`publish_ok`); otherwise its last word is judged.
        if (!verbs.includes(action.toLowerCase()) && !isPastTense(word, verbs)) report({messageId: 'tense', data: {...data, action: JSON.stringify(action), example: verbs[0] ?? 'published'}, at: nameRange(metric)})
      }
    }
  },
}

export default rule
