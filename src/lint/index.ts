/**
 * Lints one loaded mapping config: runs every rule over the loader's answer and
 * collects what they report as plain data. No I/O here; the command reads files.
 */
import type {LoadResult} from '../mapping/model.js'
import {excerpt} from '../mapping/source.js'
import type {LintMessage, LintResult} from './result.js'
import type {Problem, Rule} from './rule.js'
import {toResult} from './result.js'
import {interpolate} from './rule.js'
import {rules as allRules} from './rules/index.js'

export function lintLoaded(filePath: string, load: LoadResult, rules: readonly Rule[] = allRules): LintResult {
  return toResult(filePath, runRules(load, rules))
}

export function runRules(load: LoadResult, rules: readonly Rule[]): LintMessage[] {
  const messages: LintMessage[] = []
  // With errors, the mappings that passed are still judged: one bad label must not hide every other warning.
  const config = load.config ?? load.partial
  for (const rule of rules) {
    const report = (problem: Problem<string>) => messages.push(toMessage(rule, problem))
    if (rule.stage === 'load') rule.check({diagnostics: load.diagnostics, report})
    else if (config) rule.check({config, loaded: load.config !== undefined, report})
  }
  return messages
}

function toMessage(rule: Rule, {messageId, data, at, severity}: Problem<string>): LintMessage {
  // The loader quotes config text through excerpt() itself; other rules hand over names and patterns whole.
  const quoted = rule.stage === 'load' || data === undefined ? data : Object.fromEntries(Object.entries(data).map(([key, value]) => [key, typeof value === 'string' ? excerpt(value) : value]))
  return {
    ruleId: rule.meta.id,
    severity: severity ?? rule.meta.severity,
    message: interpolate(rule.meta.messages[messageId], quoted),
    line: at.line,
    column: at.column,
    ...(at.endLine === undefined ? {} : {endLine: at.endLine}),
    ...(at.endColumn === undefined ? {} : {endColumn: at.endColumn}),
  }
}
