/**
 * What linting one file produces. The shape follows ESLint's LintResult so that tools
 * which read ESLint's JSON (editors, CI reporters) need no adapter.
 */
import type {LoadDiagnostic, Severity} from '../mapping/model.js'

/**
 * Errors fail a run; warnings count against --max-warnings; infos (`catalog diff`'s
 * harmless changes) do neither. Lint itself reports errors and warnings only.
 */
export type MessageSeverity = Severity | 'info'

/** A loader diagnostic's shape (severity, message, position), under a rule id instead of a loader code. */
export interface LintMessage extends Omit<LoadDiagnostic, 'code' | 'severity'> {
  readonly ruleId: string
  readonly severity: MessageSeverity
}

export interface LintResult {
  /** As the user named it; `<stdin>` for standard input. */
  readonly filePath: string
  /** Sorted by position. */
  readonly messages: readonly LintMessage[]
  readonly errorCount: number
  readonly warningCount: number
}

/** Infos are not counted in a result (ESLint's shape has no place for them): count them from the messages. */
export function infoCount(results: readonly LintResult[]): number {
  return results.reduce((count, result) => count + result.messages.filter((m) => m.severity === 'info').length, 0)
}

export function toResult(filePath: string, messages: readonly LintMessage[]): LintResult {
  const sorted = [...messages].sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId))
  const errorCount = sorted.filter((m) => m.severity === 'error').length
  const warningCount = sorted.filter((m) => m.severity === 'warning').length
  return {filePath, messages: sorted, errorCount, warningCount}
}

/** `--quiet`: errors only, counts recomputed. */
export function errorsOnly(result: LintResult): LintResult {
  return toResult(result.filePath, result.messages.filter((m) => m.severity === 'error'))
}

export function totals(results: readonly LintResult[]): {errorCount: number; warningCount: number} {
  let errorCount = 0
  let warningCount = 0
  for (const r of results) {
    errorCount += r.errorCount
    warningCount += r.warningCount
  }
  return {errorCount, warningCount}
}

/** `1 error`, `2 errors`: how counts read in summaries. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

/** How a result names its file: as given, and `<stdin>` for `-`. */
export function displayPath(path: string): string {
  return path === '-' ? '<stdin>' : path
}
