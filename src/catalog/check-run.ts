/**
 * `metrics catalog check` from flags to printed report, with reading injected so that
 * the whole flow runs in tests without the disk. The command supplies the I/O and turns
 * a failure into exit code 1; a catalogue that cannot be found or read is exit 2.
 */
import type {CommandIo} from '../cli/io.js'
import {OperationError} from '../errors.js'
import {readInput} from '../io/files.js'
import {formatters} from '../lint/formatters/index.js'
import {errorsOnly} from '../lint/result.js'
import type {ReportFlags, ReportOptions, ReportRun} from '../lint/report.js'
import {reportFailure, reportOptions, writeReport} from '../lint/report.js'
import type {RuleMeta} from '../lint/rule.js'
import {checkLoaded} from './check.js'
import {loadCatalog} from './load.js'
import type {CatalogLocation} from './locate.js'
import {locateCatalog} from './locate.js'
import {catalogRules} from './rules/index.js'

export interface CheckFlags extends ReportFlags {
  readonly catalog?: string
  readonly config?: string
}

/** Every rule that can report, for SARIF's rule list. */
export const CATALOG_RULE_METAS: readonly RuleMeta[] = catalogRules.map((rule) => rule.meta)

export async function runCheck(location: CatalogLocation, options: ReportOptions, read: (path: string) => Promise<Uint8Array>): Promise<ReportRun> {
  const load = loadCatalog(await read(location.path))
  let results = [checkLoaded(location.display, load)]
  if (options.quiet) results = results.map(errorsOnly)
  const output = formatters[options.format](results, {color: options.color, rules: CATALOG_RULE_METAS, tool: 'metrics catalog check'})
  return {output, failure: reportFailure(results, options.maxWarnings), results}
}

/** `metrics catalog check` from parsed flags to output, for the oclif command. */
export async function executeCheck(flags: CheckFlags, io: CommandIo): Promise<void> {
  const options = reportOptions(flags, io.env, io.stdout.isTTY === true)
  const location = locateCatalog({catalog: flags.catalog, config: flags.config, env: io.env, cwd: io.cwd})
  const {output, failure} = await runCheck(location, options, (path) => readInput(path, io.stdin))
  writeReport(io.stdout, output)
  if (failure !== undefined) throw new OperationError(failure)
}
