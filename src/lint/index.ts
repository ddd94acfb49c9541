/**
 * Lints one loaded mapping config: runs every rule over the loader's answer and
 * collects what they report as plain data. No I/O here; the command reads files.
 */
import type {LoadResult} from '../mapping/model.js'
import {collectReports} from './collect.js'
import type {LintMessage, LintResult} from './result.js'
import {toResult} from './result.js'
import type {Rule} from './rule.js'
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
