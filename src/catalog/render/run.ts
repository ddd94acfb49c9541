/**
 * `metrics catalog docs`: the catalogue as a page (stdout or -o FILE), or as the marked
 * region of an existing page (--update PAGE), or a check that the region is current
 * (--update PAGE --check, for CI: exit 1 and a diff when it is not, nothing written).
 */
import type {CommandIo} from '../../cli/io.js'
import {OperationError, UsageError} from '../../errors.js'
import {writeFileAtomic} from '../../io/files.js'
import {terminalText} from '../../text/visible.js'
import {detectFormat} from '../import/index.js'
import {readCatalogFile, readTextFile} from '../import/read.js'
import {locateCatalog} from '../locate.js'
import {shortDiff} from './diff.js'
import type {DocsFormat, GroupBy} from './index.js'
import {renderDocument} from './index.js'
import {updatePage} from './update.js'

export interface DocsFlags {
  readonly catalog?: string
  readonly config?: string
  readonly format?: string
  readonly 'group-by'?: string
  readonly output?: string
  readonly update?: string
  readonly check?: boolean
}

export async function executeDocs(options: DocsFlags, io: CommandIo): Promise<void> {
  if (options.check === true && options.update === undefined) throw new UsageError('--check needs --update PAGE: it checks the marked region of a page')
  if (options.update !== undefined && options.output !== undefined) throw new UsageError('--update and -o: choose one', '--update rewrites the marked region of PAGE, -o writes a whole page')
  if (options.update === '-') throw new UsageError('--update needs a file to rewrite, not stdin')
  const location = locateCatalog({catalog: options.catalog, config: options.config, env: io.env, cwd: io.cwd})
  const catalog = await readCatalogFile(location.path, location.display, io.stdin)
  const groupBy = (options['group-by'] ?? 'type') as GroupBy

  if (options.update === undefined) {
    const page = renderDocument(catalog, {format: (options.format ?? 'md') as DocsFormat, groupBy})
    if (options.output === undefined || options.output === '-') io.stdout.write(page)
    else await writeFileAtomic(options.output, page)
    return
  }

  const path = options.update
  const text = await readTextFile(path, io.stdin)
  const format = (options.format as DocsFormat | undefined) ?? detectFormat(path, text)
  const updated = updatePage(text, path, catalog, {format, groupBy})
  const name = terminalText(path)
  if (options.check === true) {
    if (!updated.changed) return
    io.stdout.write(shortDiff(text, updated.text, `${path} (as it is)`, `${path} (from the catalogue)`))
    throw new OperationError(`${name} is out of date with the catalogue (lines ${updated.startLine}–${updated.endLine})`, `metrics catalog docs --update ${name} rewrites the region`)
  }
  if (!updated.changed) {
    io.stderr.write(`${name} is up to date\n`)
    return
  }
  await writeFileAtomic(path, updated.text)
  io.stderr.write(`updated ${name} between lines ${updated.startLine} and ${updated.endLine}\n`)
}
