/**
 * Metric docs to a catalogue. One reader per format, each a pure function of the text
 * and the file's name (for `source:`); `importDocuments` makes one catalogue of several.
 */
import type {ImportResult} from './assemble.js'
import {assembleCatalog} from './assemble.js'
import type {DocumentReading} from './interpret.js'
import {interpret} from './interpret.js'
import {scanMarkdown} from './markdown.js'
import {scanRst} from './rst.js'

export type {FileProblems, ImportResult} from './assemble.js'
export type {DocumentReading} from './interpret.js'
export type {ImportProblem} from './problem.js'

export type DocFormat = 'rst' | 'md'
export const DOC_FORMATS: readonly DocFormat[] = ['rst', 'md']

export function readRst(text: string, fileName: string): DocumentReading {
  return interpret(scanRst(text), fileName)
}

export function readMarkdown(text: string, fileName: string): DocumentReading {
  return interpret(scanMarkdown(text), fileName)
}

const EXTENSIONS: Readonly<Record<string, DocFormat>> = {rst: 'rst', rest: 'rst', md: 'md', markdown: 'md', mdown: 'md', mkd: 'md', mdx: 'md'}

/**
 * The format of a document: by its extension, else by what its text looks like (RST
 * title underlines, ``literals``, `.. directives`, grid tables; Markdown `#` headings,
 * pipe-table alignment rows, fenced code). A tie reads as reStructuredText, the format of
 * Sphinx docs, where metric references are most often kept.
 */
export function detectFormat(fileName: string, text: string): DocFormat {
  const extension = /\.([A-Za-z]+)$/.exec(fileName)?.[1]?.toLowerCase()
  if (extension !== undefined && EXTENSIONS[extension] !== undefined) return EXTENSIONS[extension]
  const count = (pattern: RegExp) => (text.match(pattern) ?? []).length
  const markdown = count(/^#{1,6}[ \t]+\S/gm) + count(/^\s*\|?\s*:?-{3,}:?\s*\|/gm) + count(/^```/gm) + count(/(?<!`)`[^`\n]+`(?!`)/g) / 10
  const rst = count(/^\S.*\n(?:={3,}|-{3,}|~{3,}|\^{3,})\s*$/gm) + count(/^\.\. /gm) + count(/^\s*\+[-=]{3,}\+/gm) + count(/``[^`\n]+``/g) / 10
  return markdown > rst ? 'md' : 'rst'
}

export interface SourceDocument {
  readonly text: string
  /** As the user named it: what `source:` and problems say. */
  readonly fileName: string
  readonly format: DocFormat | 'auto'
}

export function readDocument(document: SourceDocument): DocumentReading {
  const format = document.format === 'auto' ? detectFormat(document.fileName, document.text) : document.format
  return format === 'rst' ? readRst(document.text, document.fileName) : readMarkdown(document.text, document.fileName)
}

export function importDocuments(documents: readonly SourceDocument[]): ImportResult {
  return assembleCatalog(documents.map(readDocument))
}
