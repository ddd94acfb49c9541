/**
 * Reading the files the catalogue commands take: documents as UTF-8 text, and an
 * existing catalogue, which must load without errors for the command to go on.
 */
import type {Readable} from 'node:stream'
import {UsageError} from '../../errors.js'
import {readInput} from '../../io/files.js'
import {displayPath} from '../../lint/result.js'
import {terminalText} from '../../text/visible.js'
import {loadCatalog} from '../load.js'
import type {Catalog} from '../model.js'

/** A document's text; one that is not UTF-8 text cannot be read (exit 2). */
export async function readTextFile(path: string, stdin: Readable): Promise<string> {
  const bytes = await readInput(path, stdin)
  const name = terminalText(displayPath(path))
  if (bytes.includes(0)) throw new UsageError(`${name} is not a text document (it holds NUL bytes)`)
  try {
    return new TextDecoder('utf-8', {fatal: true}).decode(bytes)
  } catch {
    throw new UsageError(`${name} is not UTF-8 text`, 'convert it first, e.g. iconv -f latin1 -t utf-8')
  }
}

/** A catalogue that loads without errors, or exit 2 with its first error (`catalog check` lists them all). */
export async function readCatalogFile(path: string, display: string, stdin: Readable): Promise<Catalog> {
  const result = loadCatalog(await readInput(path, stdin))
  if (result.catalog !== undefined) return result.catalog
  const first = result.diagnostics.find(diagnostic => diagnostic.severity === 'error') ?? result.diagnostics[0]
  const where = first === undefined ? '' : `:${first.line}:${first.column}: ${first.message}`
  throw new UsageError(`${terminalText(display)}${terminalText(where)}`, `metrics catalog check --catalog ${terminalText(display)} lists every problem`)
}
