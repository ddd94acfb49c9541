/**
 * @fileoverview statsd_exporter expands a `$…` reference it cannot resolve to "" without a
 * word: `$3` when the glob has two `*`, `$0` in a glob (before upstream #735), and `$1_foo`,
 * which reads as a reference named `1_foo` (write `${1}_foo`). A name that expands to ""
 * loses the event (events_error_total{reason="empty_metric_name"}).
 */
import type {Mapping, SourceRange} from '../../mapping/model.js'
import type {TemplateReference} from '../../mapping/template.js'
import {compileGlobTemplate, compileRegexTemplate} from '../../mapping/template.js'
import {translateRegex} from '../../mapping/regex.js'
import {captureCount} from '../../mapping/glob.js'
import type {ConfigRule} from '../rule.js'
import {valueRange} from '../mapping-facts.js'

type MessageId = 'glued' | 'globZero' | 'globNamed' | 'beyondStars' | 'beyondGroups' | 'unknownGroup'

const rule: ConfigRule<MessageId> = {
  stage: 'config',
  meta: {
    id: 'template-reference',
    kind: 'problem',
    severity: 'warning',
    docs: {description: 'Every $n / ${n} / $name in a name or label value must refer to a capture that exists; the rest expand to "".'},
    messages: {
      glued: "'{{text}}' is read as a reference named '{{target}}' and expands to \"\"; write '${{{number}}}{{rest}}'.",
      globZero: "'{{text}}' expands to \"\" in a glob mapping; captures start at $1.",
      globNamed: "'{{text}}' expands to \"\": glob captures are numbered ($1 for the first *).",
      beyondStars: "'{{text}}' expands to \"\": match '{{match}}' has {{count}} '*'.",
      beyondGroups: "'{{text}}' expands to \"\": the regex has {{count}} capture groups.",
      unknownGroup: "'{{text}}' expands to \"\": the regex has no group named '{{target}}'.",
    },
  },
  check(context) {
    for (const mapping of context.config.mappings) {
      if (mapping.action === 'drop') continue
      const compile = templateCompiler(mapping)
      if (compile === undefined) continue
      const templates: {template: string; at: SourceRange}[] = [
        {template: mapping.name, at: valueRange(mapping, 'name')},
        ...mapping.labels.map((label) => ({template: label.template, at: label.range.value})),
      ]
      for (const {template, at} of templates) {
        if (!template.includes('$')) continue
        for (const reference of compile.references(template).filter((r) => !r.resolves)) {
          const {messageId, data} = explain(reference, mapping, compile.captureCount)
          context.report({messageId, data: {text: reference.text, ...data}, at})
        }
      }
    }
  },
}

export default rule

interface TemplateCompiler {
  readonly captureCount: number
  references(template: string): readonly TemplateReference[]
}

function templateCompiler(mapping: Mapping): TemplateCompiler | undefined {
  if (mapping.matchType === 'glob') {
    const stars = captureCount(mapping.match)
    return {captureCount: stars, references: (template) => compileGlobTemplate(template, stars).references}
  }
  const translation = translateRegex(mapping.match)
  if (!translation.ok) return undefined
  const {groupNames} = translation
  return {captureCount: groupNames.length - 1, references: (template) => compileRegexTemplate(template, groupNames).references}
}

function explain(reference: TemplateReference, mapping: Mapping, count: number): {messageId: MessageId; data: Record<string, string | number>} {
  const target = String(reference.target)
  const glued = /^(\d+)([^\d].*)$/.exec(target)
  if (glued) return {messageId: 'glued', data: {target, number: glued[1], rest: glued[2]}}
  const numbered = /^\d+$/.test(target)
  if (mapping.matchType === 'regex') {
    return numbered ? {messageId: 'beyondGroups', data: {count}} : {messageId: 'unknownGroup', data: {target}}
  }
  if (!numbered) return {messageId: 'globNamed', data: {}}
  return Number(target) === 0 ? {messageId: 'globZero', data: {}} : {messageId: 'beyondStars', data: {match: mapping.match, count}}
}
