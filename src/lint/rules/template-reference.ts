/**
 * @fileoverview statsd_exporter expands a `$…` reference it cannot resolve to "" without a
 * word: `$3` when the glob has two `*`, `$0` in a glob (before upstream #735), and `$1_foo`,
 * which reads as a reference named `1_foo` (write `${1}_foo`). A name that expands to ""
 * loses the event (events_error_total{reason="empty_metric_name"}).
 */
import type {Mapping, SourceRange} from '../../mapping/model.js'
import type {TemplateReference} from '../../mapping/template.js'
import {compileGlobTemplate, compileRegexTemplate} from '../../mapping/template.js'
import {compileRegex} from '../../mapping/regex.js'
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
    // A large config repeats a few glob templates (`$1`, `${2}`) thousands of times: by star count, then template.
    const globUnresolved = new Map<number, Map<string, readonly TemplateReference[]>>()
    for (const mapping of context.config.mappings) {
      if (mapping.action === 'drop') continue
      if (!mapping.name.includes('$') && !mapping.labels.some((label) => label.template.includes('$'))) continue
      const compile = templateCompiler(mapping, globUnresolved)
      if (compile === undefined) continue
      const check = (template: string, at: SourceRange) => {
        if (!template.includes('$')) return
        for (const reference of compile.unresolved(template)) {
          const {messageId, data} = explain(reference, mapping, compile.captureCount)
          context.report({messageId, data: {text: reference.text, ...data}, at})
        }
      }
      check(mapping.name, valueRange(mapping, 'name'))
      for (const label of mapping.labels) check(label.template, label.range.value)
    }
  },
}

export default rule

interface TemplateCompiler {
  readonly captureCount: number
  /** The references in `template` that always expand to "". */
  unresolved(template: string): readonly TemplateReference[]
}

const neverResolve = (references: readonly TemplateReference[]) => references.filter((r) => !r.resolves)

/** `globUnresolved` caches glob templates' answers by star count and template. */
function templateCompiler(mapping: Mapping, globUnresolved: Map<number, Map<string, readonly TemplateReference[]>>): TemplateCompiler | undefined {
  if (mapping.matchType === 'glob') {
    const stars = captureCount(mapping.match)
    let cache = globUnresolved.get(stars)
    if (cache === undefined) globUnresolved.set(stars, cache = new Map())
    const known = cache
    return {
      captureCount: stars,
      unresolved(template) {
        let unresolved = known.get(template)
        if (unresolved === undefined) {
          unresolved = neverResolve(compileGlobTemplate(template, stars).references)
          known.set(template, unresolved)
        }
        return unresolved
      },
    }
  }
  const compiled = compileRegex(mapping.match)
  if (!compiled.ok) return undefined
  const {groupNames} = compiled.regex
  return {captureCount: groupNames.length - 1, unresolved: (template) => neverResolve(compileRegexTemplate(template, groupNames).references)}
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
