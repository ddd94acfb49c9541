/**
 * `catalog check` on one loaded catalogue: runs every rule over the loader's answer and
 * collects what they report. Pure: the command reads the file.
 */
import {collectReports} from '../lint/collect.js'
import type {LintMessage, LintResult} from '../lint/result.js'
import {toResult} from '../lint/result.js'
import {CatalogFacts} from './facts.js'
import type {CatalogLoadResult} from './load.js'
import type {AnyCatalogRule} from './rule.js'
import {catalogRules} from './rules/index.js'

export function checkLoaded(filePath: string, load: CatalogLoadResult, rules: readonly AnyCatalogRule[] = catalogRules): LintResult {
  return toResult(filePath, runCatalogRules(load, rules))
}

export function runCatalogRules(load: CatalogLoadResult, rules: readonly AnyCatalogRule[]): LintMessage[] {
  // With errors, what loaded is still judged: one typo must not hide every overlap.
  const catalog = load.catalog ?? load.partial
  const facts = catalog && new CatalogFacts(catalog)
  return collectReports(rules, (rule, report) => {
    if (rule.stage === 'load') rule.check({diagnostics: load.diagnostics, report})
    else if (catalog && facts) rule.check({catalog, facts, report})
  })
}
