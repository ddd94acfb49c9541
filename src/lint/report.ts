/**
 * What every command that reports through the lint formatters shares (`metrics lint`,
 * `metrics catalog check`, `metrics catalog diff`): reading the reporting flags, the
 * shape of a run's answer, when a run fails, and writing the report.
 */
import type {Writable} from 'node:stream'
import {UsageError} from '../errors.js'
import {visible} from '../text/visible.js'
import type {FormatName} from './formatters/index.js'
import type {LintResult} from './result.js'
import {plural, totals} from './result.js'

/** The reporting flags (see reportFlags in flags.ts). */
export interface ReportFlags {
  readonly format?: string
  readonly 'max-warnings'?: string
  readonly quiet?: boolean
}

export interface ReportOptions {
  readonly format: FormatName
  /** undefined: any number of warnings passes. */
  readonly maxWarnings: number | undefined
  readonly quiet: boolean
  readonly color: boolean
}

/** What a reporting run gives back. */
export interface ReportRun {
  /** The formatted report, for stdout ('' when stylish has nothing to say). */
  readonly output: string
  /** Set when the run fails (exit 1): one line saying why. */
  readonly failure: string | undefined
  readonly results: readonly LintResult[]
}

/** Format, warning budget, --quiet and colour, from the flags and the environment. */
export function reportOptions(flags: ReportFlags, env: NodeJS.ProcessEnv, isTTY: boolean): ReportOptions {
  const maxWarningsText = flags['max-warnings']
  let maxWarnings: number | undefined
  if (maxWarningsText !== undefined) {
    maxWarnings = /^\d+$/.test(maxWarningsText.trim()) ? Number(maxWarningsText) : Number.NaN
    if (!Number.isSafeInteger(maxWarnings)) throw new UsageError(`--max-warnings: expected a whole number of at least 0, got ${JSON.stringify(maxWarningsText)}`)
  }
  return {
    // The flag's allowed values are checked by oclif.
    format: (flags.format as FormatName | undefined) ?? (env.GITHUB_ACTIONS === 'true' ? 'github' : 'stylish'),
    maxWarnings,
    quiet: flags.quiet === true,
    color: isTTY && env.NO_COLOR === undefined,
  }
}

/** Why a run fails (exit 1): errors, or more warnings than allowed; undefined when it passes. */
export function reportFailure(results: readonly LintResult[], maxWarnings: number | undefined): string | undefined {
  const {errorCount, warningCount} = totals(results)
  const files = results.filter((r) => r.errorCount > 0).map((r) => visible(r.filePath))
  if (errorCount > 0) return `${plural(errorCount, 'error')} in ${files.join(', ')}`
  if (maxWarnings !== undefined && warningCount > maxWarnings) return `${plural(warningCount, 'warning')}, more than --max-warnings ${maxWarnings}`
  return undefined
}

/** The report on stdout, ending in a newline; nothing for an empty one. */
export function writeReport(stdout: Writable, output: string): void {
  if (output !== '') stdout.write(output.endsWith('\n') ? output : output + '\n')
}
