/**
 * `metrics catalog diff OLD NEW` from flags to printed report, with reading injected so
 * that the whole flow runs in tests without the disk. Breaking changes are errors, and
 * fail the run (exit 1) unless --allow-breaking; a catalogue that does not load fails it
 * whatever the flags, with its loader errors.
 */
import type {CommandIo} from '../cli/io.js'
import {OperationError, UsageError} from '../errors.js'
import {readInput} from '../io/files.js'
import {toMessage} from '../lint/collect.js'
import {formatters} from '../lint/formatters/index.js'
import {displayPath, plural, toResult, totals} from '../lint/result.js'
import type {ReportFlags, ReportRun} from '../lint/report.js'
import {reportOptions, writeReport} from '../lint/report.js'
import {checkLoaded} from './check.js'
import {CHANGE_METAS, CHANGES} from './changes.js'
import {diffCatalogs} from './diff.js'
import {loadCatalog} from './load.js'
import {locateCatalog} from './locate.js'
import {catalogRules} from './rules/index.js'
import {terminalText} from '../text/visible.js'

export interface DiffFlags extends Pick<ReportFlags, 'format'> {
  readonly 'allow-breaking'?: boolean
  readonly config?: string
}

const LOADER_RULES = catalogRules.filter((rule) => rule.stage === 'load')

export async function runDiff(oldPath: string, newPath: string, flags: DiffFlags, env: NodeJS.ProcessEnv, isTTY: boolean, read: (path: string) => Promise<Uint8Array>): Promise<ReportRun> {
  if (oldPath === '-' && newPath === '-') throw new UsageError('stdin (-) can be read only once; give at least one of OLD and NEW as a file')
  const {format, color} = reportOptions(flags, env, isTTY)
  const [oldName, newName] = [displayPath(oldPath), displayPath(newPath)]
  const [before, after] = [loadCatalog(await read(oldPath)), loadCatalog(await read(newPath))]
  const context = {color, rules: [...LOADER_RULES.map((rule) => rule.meta), ...CHANGE_METAS], tool: 'metrics catalog diff'}
  if (before.catalog === undefined || after.catalog === undefined) {
    const results = [checkLoaded(oldName, before, LOADER_RULES), checkLoaded(newName, after, LOADER_RULES)]
    const broken = results.filter((result) => result.errorCount > 0).map((result) => terminalText(result.filePath))
    return {output: formatters[format](results, context), failure: `${broken.join(' and ')} ${broken.length > 1 ? 'do' : 'does'} not load; nothing was compared`, results}
  }
  const changes = diffCatalogs(before.catalog, after.catalog)
  const messagesOf = (side: 'old' | 'new') => changes
    .filter((change) => change.side === side)
    .map((change) => toMessage({stage: 'diff', meta: CHANGES[change.kind]}, {messageId: 'change', data: change.data, at: change.at, ...(change.severity ? {severity: change.severity} : {})}))
  const results = [toResult(oldName, messagesOf('old')), toResult(newName, messagesOf('new'))]
  const breaking = totals(results).errorCount
  const failure = breaking > 0 && flags['allow-breaking'] !== true ? `${plural(breaking, 'breaking change')} from ${terminalText(oldName)} to ${terminalText(newName)}; --allow-breaking accepts them` : undefined
  return {output: formatters[format](results, context), failure, results}
}

/** `metrics catalog diff` from parsed arguments to output; without NEW, the catalogue the other catalog commands find. */
export async function executeDiff(oldPath: string, newPath: string | undefined, flags: DiffFlags, io: CommandIo): Promise<void> {
  // The display form is a path from the working directory too, and the one messages should show.
  const after = newPath ?? locateCatalog({config: flags.config, env: io.env, cwd: io.cwd}).display
  const {output, failure} = await runDiff(oldPath, after, flags, io.env, io.stdout.isTTY === true, (path) => readInput(path, io.stdin))
  writeReport(io.stdout, output)
  if (failure !== undefined) throw new OperationError(failure)
}
