/**
 * ESLint's JSON shape: severity 2 for an error, 1 for a warning, and 0 (ESLint's "off")
 * for an info, which tools that read ESLint's JSON count as neither.
 */
import type {LintResult, MessageSeverity} from '../result.js'

const LEVEL: Record<MessageSeverity, number> = {error: 2, warning: 1, info: 0}

export function json(results: readonly LintResult[]): string {
  return JSON.stringify(results.map((result) => ({
    filePath: result.filePath,
    messages: result.messages.map((m) => ({...m, severity: LEVEL[m.severity]})),
    errorCount: result.errorCount,
    warningCount: result.warningCount,
  })))
}
