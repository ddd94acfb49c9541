/**
 * Running any set of rules (a mapping config's, a catalogue's) and turning what they
 * report into messages. Pure.
 */
import {excerpt} from '../mapping/source.js'
import type {LintMessage} from './result.js'
import type {Problem, RuleMeta} from './rule.js'
import {interpolate} from './rule.js'

/** What a message is made from: the rule's metadata, and its stage (`load` for a loader's diagnostics). */
export interface ReportingRule {
  readonly stage: string
  readonly meta: RuleMeta
}

/**
 * Runs each rule through `run`, which hands the rule what its stage judges (or skips
 * it), and collects what they report as messages. Any kind of rule set: a mapping
 * config's, a catalogue's.
 */
export function collectReports<R extends ReportingRule>(rules: readonly R[], run: (rule: R, report: (problem: Problem<string>) => void) => void): LintMessage[] {
  const messages: LintMessage[] = []
  for (const rule of rules) run(rule, (problem) => messages.push(toMessage(rule, problem)))
  return messages
}

/** One reported problem as a message, its text from the rule's templates. */
export function toMessage({stage, meta}: ReportingRule, {messageId, data, at, severity}: Problem<string>): LintMessage {
  // The loaders quote file text through excerpt() themselves; other rules hand over names and patterns whole.
  const quoted = stage === 'load' || data === undefined ? data : Object.fromEntries(Object.entries(data).map(([key, value]) => [key, typeof value === 'string' ? excerpt(value) : value]))
  return {
    ruleId: meta.id,
    severity: severity ?? meta.severity,
    message: interpolate(meta.messages[messageId], quoted),
    line: at.line,
    column: at.column,
    ...(at.endLine === undefined ? {} : {endLine: at.endLine}),
    ...(at.endColumn === undefined ? {} : {endColumn: at.endColumn}),
  }
}
