/**
 * `metrics lint` from flags to printed report, with reading injected so the whole flow
 * runs in tests without touching the disk. The command (src/commands/lint.ts) supplies
 * the I/O and turns a failure into exit code 1.
 */
import {UsageError} from '../errors.js'
import {loadMappingConfig} from '../mapping/load.js'
import type {MappingConfig} from '../mapping/model.js'
import {terminalText} from '../text/visible.js'
import type {FormatName} from './formatters/index.js'
import {formatters} from './formatters/index.js'
import {lintLoaded} from './index.js'
import type {LintResult} from './result.js'
import {displayPath, errorsOnly, plural, totals} from './result.js'
import type {RuleMeta} from './rule.js'
import {rules} from './rules/index.js'
import {sampleMismatch, samplesFile} from './samples/rules.js'

export interface LintFlags {
  /** The metrics config file (not a mapping config): checked, not yet read. */
  readonly config?: string
  readonly format?: string
  readonly samples?: string
  readonly 'max-warnings'?: string
  readonly quiet?: boolean
}

export interface LintOptions {
  readonly files: readonly string[]
  readonly format: FormatName
  readonly samples: string | undefined
  /** undefined: any number of warnings passes. */
  readonly maxWarnings: number | undefined
  readonly quiet: boolean
  readonly color: boolean
}

/** Every rule that can report, for formats that describe them (SARIF) and for --help. */
export const ALL_RULE_METAS: readonly RuleMeta[] = [...rules.map((rule) => rule.meta), sampleMismatch, samplesFile]

export function lintOptions(files: readonly string[], flags: LintFlags, env: NodeJS.ProcessEnv, isTTY: boolean): LintOptions {
  if (files.length === 0) throw new UsageError('give at least one mapping config FILE, or - for stdin')
  if (files.filter((f) => f === '-').length > 1) throw new UsageError('stdin (-) can be read only once')
  if (flags.samples !== undefined && files.length !== 1) throw new UsageError('--samples checks one mapping config; give exactly one FILE')
  const maxWarningsText = flags['max-warnings']
  let maxWarnings: number | undefined
  if (maxWarningsText !== undefined) {
    maxWarnings = /^\d+$/.test(maxWarningsText.trim()) ? Number(maxWarningsText) : Number.NaN
    if (!Number.isSafeInteger(maxWarnings)) throw new UsageError(`--max-warnings: expected a whole number of at least 0, got ${JSON.stringify(maxWarningsText)}`)
  }
  return {
    files,
    // The flag's allowed values are checked by oclif.
    format: (flags.format as FormatName | undefined) ?? (env.GITHUB_ACTIONS === 'true' ? 'github' : 'stylish'),
    samples: flags.samples,
    maxWarnings,
    quiet: flags.quiet === true,
    color: isTTY && env.NO_COLOR === undefined,
  }
}

export interface LintRun {
  /** The formatted report, for stdout ('' when stylish has nothing to say). */
  readonly output: string
  /** Set when the run fails (exit 1): one line saying why. */
  readonly failure: string | undefined
  readonly results: readonly LintResult[]
}

export async function runLint(options: LintOptions, read: (path: string) => Promise<Uint8Array>): Promise<LintRun> {
  let results: LintResult[] = []
  let loadedConfig: MappingConfig | undefined
  for (const file of options.files) {
    const load = loadMappingConfig(await read(file))
    loadedConfig = load.config
    results.push(lintLoaded(displayPath(file), load))
  }
  if (options.samples !== undefined) {
    const bytes = await read(options.samples)
    // Loaded only here: it brings the yaml package and the mapper, which plain lint does without.
    const {lintSamples} = await import('./samples/check.js')
    results.push(lintSamples(displayPath(options.samples), bytes, loadedConfig))
  }
  if (options.quiet) results = results.map(errorsOnly)

  const output = formatters[options.format](results, {color: options.color, rules: ALL_RULE_METAS})
  return {output, failure: failure(results, options.maxWarnings), results}
}

function failure(results: readonly LintResult[], maxWarnings: number | undefined): string | undefined {
  const {errorCount, warningCount} = totals(results)
  const files = results.filter((r) => r.errorCount > 0).map((r) => terminalText(r.filePath))
  if (errorCount > 0) return `${plural(errorCount, 'error')} in ${files.join(', ')}`
  if (maxWarnings !== undefined && warningCount > maxWarnings) return `${plural(warningCount, 'warning')}, more than --max-warnings ${maxWarnings}`
  return undefined
}
