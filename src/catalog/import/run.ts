/**
 * `metrics catalog import`: docs in, a catalogue file out, what could not be read on
 * stderr. The catalogue holds what was understood even when some lines were not (exit
 * 1 then), so a long page is not all-or-nothing; a page with no metric at all writes
 * nothing. It writes the catalogue the other catalog commands find (locate.ts) unless
 * -o names another.
 */
import {existsSync} from 'node:fs'
import {dirname, relative, resolve, sep} from 'node:path'
import type {CommandIo} from '../../cli/io.js'
import {OperationError, UsageError} from '../../errors.js'
import {writeFileAtomic} from '../../io/files.js'
import {stylish} from '../../lint/formatters/stylish.js'
import {displayPath, plural, toResult} from '../../lint/result.js'
import {terminalText} from '../../text/visible.js'
import {CATALOG_FILE_NAME} from '../format.js'
import {catalogTarget, type CatalogLocation} from '../locate.js'
import type {Catalog} from '../model.js'
import {SCHEMA_PATH} from '../schema.js'
import {writeCatalog} from '../write.js'
import type {DocFormat, FileProblems, SourceDocument} from './index.js'
import {importDocuments} from './index.js'
import {mergeCatalogs} from './merge.js'
import {readCatalogFile, readTextFile} from './read.js'

export interface ImportFlags {
  readonly output?: string
  readonly config?: string
  readonly format?: string
  readonly merge?: boolean
  readonly force?: boolean
}

/** The rule id the import's problems carry in lint's formats. */
export const IMPORT_PROBLEM_ID = 'catalog-import'

/** `-o -`: the catalogue goes to stdout. */
const STDOUT: CatalogLocation = {path: '-', display: 'stdout'}

export async function executeImport(docs: readonly string[], flags: ImportFlags, io: CommandIo): Promise<void> {
  if (docs.length === 0) throw new UsageError('no docs to import', `metrics catalog import docs/metrics.rst -o ${CATALOG_FILE_NAME}`)
  if (docs.filter(doc => doc === '-').length > 1) throw new UsageError('"-" (stdin) can be given once')
  if (flags.merge === true && flags.force === true) throw new UsageError('--merge and --force: choose one', '--merge keeps what was written by hand, --force replaces the file')
  if (flags.output === '') throw new UsageError('-o: expected a file name, got ""')
  if (flags.output === '-' && flags.merge === true) throw new UsageError('--merge needs a catalogue file to merge into, not stdout (-o -)')
  const output = flags.output === '-' ? STDOUT : catalogTarget({catalog: flags.output, config: flags.config, env: io.env, cwd: io.cwd})
  const exists = output !== STDOUT && existsSync(output.path)
  if (exists && flags.merge !== true && flags.force !== true) {
    throw new UsageError(`${terminalText(output.display)} exists; not replaced`, '--merge merges the docs into it, --force replaces it')
  }
  const existing = exists && flags.merge === true ? await readCatalogFile(output.path, output.display, io.stdin) : undefined

  const documents: SourceDocument[] = []
  for (const doc of docs) documents.push({text: await readTextFile(doc, io.stdin), fileName: displayPath(doc), format: (flags.format ?? 'auto') as DocFormat | 'auto'})
  const {catalog: imported, problems} = importDocuments(documents)

  const report = problemReport(problems, io.stderr.isTTY === true && io.env.NO_COLOR === undefined)
  if (report !== '') io.stderr.write(report)
  const unread = problems.reduce((count, file) => count + file.problems.length, 0)
  const names = docs.map(doc => terminalText(displayPath(doc))).join(', ')
  if (imported.metrics.length === 0) {
    throw new OperationError(`no metrics found in ${names}; nothing written`, 'metrics catalog import reads tables of names, and lists of ``names`` : type; see the README')
  }

  const merged = existing === undefined ? {catalog: imported, notes: []} : mergeCatalogs(existing, imported)
  // A file gets the line that points editors at the JSON Schema, relative to where the file is.
  const schema = output === STDOUT ? undefined : relative(dirname(resolve(output.path)), SCHEMA_PATH).split(sep).join('/')
  const yaml = writeCatalog(merged.catalog, {schema})
  if (output === STDOUT) io.stdout.write(yaml)
  else await writeFileAtomic(output.path, yaml)
  for (const note of merged.notes) io.stderr.write(`${terminalText(note)}\n`)
  io.stderr.write(`${summary(output, imported, merged.catalog, existing !== undefined)}\n`)
  if (unread > 0) throw new OperationError(`${plural(unread, 'place')} in ${names} could not be read (above); the catalogue holds what could`)
}

function problemReport(problems: readonly FileProblems[], color: boolean): string {
  const results = problems.map(file =>
    toResult(
      file.fileName,
      file.problems.map(problem => ({ruleId: IMPORT_PROBLEM_ID, severity: 'error' as const, message: problem.message, line: problem.line, column: problem.column ?? 1})),
    ),
  )
  return stylish(results, {color})
}

function summary(output: CatalogLocation, imported: Catalog, written: Catalog, merged: boolean): string {
  const guessed = imported.metrics.filter(entry => entry.guessed?.type !== undefined).length
  const untyped = imported.metrics.filter(entry => entry.type === 'unknown').length
  const where = terminalText(output.display)
  const what = merged ? `merged ${plural(imported.metrics.length, 'metric')} into ${where} (${written.metrics.length} in all)` : `wrote ${plural(imported.metrics.length, 'metric')} to ${where}`
  const review = [guessed > 0 ? `${guessed} with a guessed type (see their guessed: key)` : '', untyped > 0 ? `${untyped} of unknown type` : ''].filter(part => part !== '')
  return review.length === 0 ? what : `${what}; ${review.join(', ')}`
}
