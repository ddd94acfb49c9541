/** The lint RuleTester's tables, for catalogue rules: each case is a catalogue file. */
import {expect} from 'vitest'
import {runCatalogRules} from '../../../src/catalog/check.js'
import {loadCatalog} from '../../../src/catalog/load.js'
import type {AnyCatalogRule} from '../../../src/catalog/rule.js'
import type {RuleTests} from '../../lint/rule-tester.js'
import {testRuleWith, yaml} from '../../lint/rule-tester.js'

export function testCatalogRule(rule: AnyCatalogRule, tests: RuleTests): void {
  testRuleWith(rule, tests, (code) => {
    const load = loadCatalog(code)
    // A catalogue rule only sees what loads; a test catalogue that does not would pass vacuously.
    if (rule.stage === 'catalog') expect(load.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    return runCatalogRules(load, [rule])
  })
}

/** A catalogue: `version: 1` and the lines given. */
export const catalog = (...lines: string[]): string => yaml('version: 1', ...lines)

/** A catalogue of metrics, one `- name:` line each (with more lines after a `|`-free entry as given). */
export const metrics = (...lines: string[]): string => catalog('metrics:', ...lines)
