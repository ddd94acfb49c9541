/**
 * Lints one loaded mapping config: runs every rule over the loader's answer and
 * collects what they report as plain data. No I/O here; the command reads files.
 */
import type {LoadResult} from '../mapping/model.js'
import type {LintMessage, LintResult} from './result.js'
import type {Problem, Rule, RuleMeta} from './rule.js'
import {toResult} from './result.js'
import {interpolate} from './rule.js'
import {rules as allRules} from './rules/index.js'

export function lintLoaded(filePath: string, load: LoadResult, rules: readonly Rule[] = allRules): LintResult {
  return toResult(filePath, runRules(load, rules))
}

export function runRules(load: LoadResult, rules: readonly Rule[]): LintMessage[] {
  // With errors, the mappings that passed are still judged: one bad label must not hide every other warning.
  const config = load.config ?? load.partial
  return collectReports(rules, (rule, report) => {
    if (rule.stage === 'load') rule.check({diagnostics: load.diagnostics, report})
    else if (config) rule.check({config, report})
  })
}

/**
 * Runs each rule through `run`, which hands the rule what its stage judges (or skips
 * it), and collects what they report as messages. Any kind of rule set: a mapping
 * config's, a catalogue's.
 */
export function collectReports<R extends {readonly meta: RuleMeta}>(rules: readonly R[], run: (rule: R, report: (problem: Problem<string>) => void) => void): LintMessage[] {
  const messages: LintMessage[] = []
  for (const rule of rules) run(rule, (problem) => messages.push(toMessage(rule.meta, problem)))
  return messages
}

function toMessage(meta: RuleMeta, {messageId, data, at, severity}: Problem<string>): LintMessage {
  return {
    ruleId: meta.id,
    severity: severity ?? meta.severity,
    message: interpolate(meta.messages[messageId], data),
    line: at.line,
    column: at.column,
    ...(at.endLine === undefined ? {} : {endLine: at.endLine}),
    ...(at.endColumn === undefined ? {} : {endColumn: at.endColumn}),
  }
}
