/**
 * Running any set of rules (a mapping config's, a catalogue's) and turning what they
 * report into messages. Pure.
 */
import type {LintMessage} from './result.js'
import type {Problem, RuleMeta} from './rule.js'
import {interpolate} from './rule.js'

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

/** One reported problem as a message, its text from the rule's templates. */
export function toMessage(meta: RuleMeta, {messageId, data, at, severity}: Problem<string>): LintMessage {
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
