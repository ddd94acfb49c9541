/** ESLint's JSON shape: severity 2 for an error, 1 for a warning. */
import type {LintResult} from '../result.js'

export function json(results: readonly LintResult[]): string {
  return JSON.stringify(results.map((result) => ({
    filePath: result.filePath,
    messages: result.messages.map((m) => ({...m, severity: m.severity === 'error' ? 2 : 1})),
    errorCount: result.errorCount,
    warningCount: result.warningCount,
  })))
}
