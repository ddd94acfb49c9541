/**
 * @fileoverview A placeholder means one thing everywhere. Reported:
 * - a placeholder declared with `segments:` (it stands for whole segments) used inside
 *   a segment, next to other text, or as a tag's value (errors: it cannot match there);
 * - a tag saying its placeholder is (or is not) `sensitive` where the declaration, or an
 *   earlier tag, says otherwise: the value is personal data or it is not;
 * - two spellings that differ only in case (`FEED_CLASS`, `feed_class`);
 * - a placeholder of one segment, used in a name, whose values or examples hold a `.`:
 *   it can never match them.
 * Descriptions, allowed detectors and cardinality budgets may differ per tag: they say
 * what the tag holds there.
 */
import {lineOf, placeholderRange} from '../facts.js'
import type {CatalogRule} from '../rule.js'

const rule: CatalogRule<'wholeSegments' | 'tagValue' | 'sensitive' | 'case' | 'dotted'> = {
  stage: 'catalog',
  meta: {
    id: 'placeholder-meaning',
    kind: 'problem',
    severity: 'warning',
    docs: {description: 'A placeholder means one thing everywhere: whole segments or not, sensitive or not, one spelling.'},
    messages: {
      wholeSegments: '{{placeholder}} stands for {{count}} whole segments ({{segments}}) and cannot be part of one: {{name}}',
      tagValue: "{{placeholder}} stands for {{count}} whole segments ({{segments}}) and cannot be a tag's value",
      sensitive: 'tag {{tag}} says {{placeholder}} is {{this}}, but {{where}} says it is {{that}}',
      case: '{{placeholder}} differs from {{other}} ({{line}}) only in case; spell one placeholder one way',
      dotted: '{{placeholder}} stands for one segment or part of one, but its {{key}} {{value}} holds a "."; give it segments: if it spans several',
    },
  },
  check({catalog, facts, report}) {
    for (const [name, uses] of facts.uses) {
      const declared = facts.placeholder(name)
      const segments = declared?.segments
      if (segments) {
        const data = {placeholder: name, count: segments.length, segments: segments.join(', ')}
        for (const use of uses) {
          if (use.kind === 'in-segment') report({messageId: 'wholeSegments', data: {...data, name: use.metric?.name.text ?? catalog.prefix?.text ?? ''}, at: use.at, severity: 'error'})
          if (use.kind === 'tag') report({messageId: 'tagValue', data, at: use.at, severity: 'error'})
        }
      }
      let said = declared?.sensitive === undefined ? undefined : {sensitive: declared.sensitive, where: `its declaration (${lineOf(declared.at)})`}
      for (const use of uses) {
        if (use.kind !== 'tag' || use.tag.sensitive === undefined) continue
        if (said === undefined) said = {sensitive: use.tag.sensitive, where: `tag ${use.tag.key} (${lineOf(use.tag.at)})`}
        else if (said.sensitive !== use.tag.sensitive) {
          const word = (sensitive: boolean) => (sensitive ? 'sensitive' : 'not sensitive')
          report({messageId: 'sensitive', data: {tag: use.tag.key, placeholder: name, this: word(use.tag.sensitive), where: said.where, that: word(said.sensitive)}, at: use.tag.keys?.sensitive?.value ?? use.at})
        }
      }
      if (declared && !segments && uses.some((use) => use.kind !== 'tag')) {
        for (const key of ['values', 'examples'] as const) {
          const dotted = declared[key]?.find((value) => value.includes('.'))
          if (dotted !== undefined) report({messageId: 'dotted', data: {placeholder: name, key, value: JSON.stringify(dotted)}, at: declared.keys?.[key]?.value ?? placeholderRange(declared)})
        }
      }
    }
    const spellings = new Map<string, {name: string; line: string}>()
    const spelt = (name: string, at: Parameters<typeof lineOf>[0] & object) => {
      const first = spellings.get(name.toLowerCase())
      if (first === undefined) spellings.set(name.toLowerCase(), {name, line: lineOf(at)})
      else if (first.name !== name) report({messageId: 'case', data: {placeholder: name, other: first.name, line: first.line}, at})
    }
    const seen = new Set<string>()
    for (const placeholder of catalog.placeholders) {
      seen.add(placeholder.name)
      spelt(placeholder.name, placeholderRange(placeholder))
    }
    for (const [name, uses] of facts.uses) {
      if (!seen.has(name)) spelt(name, uses[0].at)
    }
  },
}

export default rule
