/**
 * `metrics lint` from flags to printed report, with reading injected so the whole flow
 * runs in tests without touching the disk. The command (src/commands/lint.ts) supplies
 * the I/O and turns a failure into exit code 1.
 */
import {UsageError} from '../errors.js'
import {loadMappingConfig} from '../mapping/load.js'
import type {MappingConfig} from '../mapping/model.js'
import {formatters} from './formatters/index.js'
import {lintLoaded} from './index.js'
import type {ReportFlags, ReportOptions, ReportRun} from './report.js'
import {reportFailure, reportOptions} from './report.js'
import type {LintResult} from './result.js'
import {displayPath, errorsOnly} from './result.js'
import type {RuleMeta} from './rule.js'
import {rules} from './rules/index.js'
import {sampleMismatch, samplesFile} from './samples/rules.js'

export interface LintFlags extends ReportFlags {
  /** The metrics config file (not a mapping config): checked, not yet read. */
  readonly config?: string
  readonly samples?: string
}

export interface LintOptions extends ReportOptions {
  readonly files: readonly string[]
  readonly samples: string | undefined
}

/** Every rule that can report, for formats that describe them (SARIF) and for --help. */
export const ALL_RULE_METAS: readonly RuleMeta[] = [...rules.map((rule) => rule.meta), sampleMismatch, samplesFile]

export function lintOptions(files: readonly string[], flags: LintFlags, env: NodeJS.ProcessEnv, isTTY: boolean): LintOptions {
  if (files.length === 0) throw new UsageError('give at least one mapping config FILE, or - for stdin')
  if (files.filter((f) => f === '-').length > 1) throw new UsageError('stdin (-) can be read only once')
  if (flags.samples !== undefined && files.length !== 1) throw new UsageError('--samples checks one mapping config; give exactly one FILE')
  return {files, samples: flags.samples, ...reportOptions(flags, env, isTTY)}
}

export async function runLint(options: LintOptions, read: (path: string) => Promise<Uint8Array>): Promise<ReportRun> {
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
  return {output, failure: reportFailure(results, options.maxWarnings), results}
}
