/**
 * A small RuleTester in ESLint's style: each rule gets a table of configs it must accept
 * and configs it must flag, with the message ids (and positions) it must report. The
 * catalogue's rules use the same tables (testRuleWith) with their own loader.
 */
import {describe, expect, it} from 'vitest'
import {loadMappingConfig} from '../../src/mapping/load.js'
import {runRules} from '../../src/lint/index.js'
import type {LintMessage} from '../../src/lint/result.js'
import type {Rule, RuleMeta} from '../../src/lint/rule.js'

export interface ExpectedProblem {
  readonly messageId: string
  readonly line?: number
  readonly column?: number
  readonly data?: Readonly<Record<string, string | number>>
  /** A substring of the final message text. */
  readonly message?: string
  readonly severity?: LintMessage['severity']
}

export interface InvalidCase {
  readonly code: string
  readonly errors: readonly ExpectedProblem[]
}

export interface RuleTests {
  readonly valid: readonly string[]
  readonly invalid: readonly InvalidCase[]
}

/** Lines joined with "\n", so that configs in tests can be written one line per string. */
export const yaml = (...lines: string[]): string => lines.join('\n') + '\n'

export function testRule(rule: Rule, tests: RuleTests): void {
  testRuleWith(rule, tests, (code) => {
    const load = loadMappingConfig(code)
    // A config rule only sees configs that load; a test config that does not would pass vacuously.
    if (rule.stage === 'config') expect(load.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    return runRules(load, [rule])
  })
}

/** The same table of cases for any kind of rule: `run` loads a case's text and runs the rule on it. */
export function testRuleWith(rule: {readonly meta: RuleMeta}, {valid, invalid}: RuleTests, run: (code: string) => readonly LintMessage[]): void {
  describe(rule.meta.id, () => {
    it('has docs and a message for every id it reports', () => {
      expect(rule.meta.docs.description.length).toBeGreaterThan(10)
      expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0)
    })

    it.each(valid.map((code) => [code]))('accepts %j', (code) => {
      expect(run(code)).toEqual([])
    })

    it.each(invalid.map((c) => [c.code, c]))('flags %j', (_code, {code, errors}) => {
      const messages = run(code)
      expect(messages.map((m) => m.ruleId)).toEqual(errors.map(() => rule.meta.id))
      errors.forEach((expected, i) => {
        const message = messages[i]
        const template = rule.meta.messages[expected.messageId]
        expect(template, `unknown messageId ${expected.messageId}`).toBeDefined()
        if (expected.line !== undefined) expect(message.line).toBe(expected.line)
        if (expected.column !== undefined) expect(message.column).toBe(expected.column)
        if (expected.severity !== undefined) expect(message.severity).toBe(expected.severity)
        if (expected.message !== undefined) expect(message.message).toContain(expected.message)
        if (expected.data !== undefined) {
          expect(message.message).toBe(template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => String(expected.data?.[key] ?? whole)))
        } else {
          expect(message.message).toMatch(templatePattern(template))
        }
      })
    })
  })
}

/** The message template as a pattern, each placeholder matching anything. */
function templatePattern(template: string): RegExp {
  const parts = template.split(/\{\{\s*\w+\s*\}\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${parts.join('[^]*')}$`)
}
