/**
 * A document as both readers hand it to the interpreter (interpret.ts): headings,
 * paragraphs and tables in order, with indentation kept, code and literal blocks
 * already left out. The two formats differ in how they write these, not in what the docs
 * say with them, so one interpreter reads both.
 */
import type {Flavour, Inline} from './inline.js'
import {scanInline} from './inline.js'
import type {ImportProblem} from './problem.js'
import type {TextRun} from './source.js'
import type {ParsedTable} from './table.js'

export type DocBlock =
  | {
      readonly kind: 'heading'
      readonly title: string
      /** 1 for the top level. */
      readonly depth: number
      readonly line: number
      /** reStructuredText's adornment (`under-`, `over=`), which decides the depth. */
      readonly style?: string
    }
  | {
      readonly kind: 'paragraph'
      readonly run: TextRun
      readonly tokens: readonly Inline[]
      /** Of the paragraph's first line; a list item's is its marker's. */
      readonly indent: number
      readonly line: number
      readonly listItem: boolean
      /** Markdown's indented code: a description right after a reference item, otherwise not read. */
      readonly code: boolean
    }
  | {readonly kind: 'table'; readonly table: ParsedTable}

export interface ScannedDocument {
  readonly flavour: Flavour
  readonly blocks: readonly DocBlock[]
  readonly problems: readonly ImportProblem[]
}

/** A paragraph block of `run`, or undefined for blank text. */
export function paragraphBlock(run: TextRun, flavour: Flavour, indent: number, options: {readonly listItem?: boolean; readonly code?: boolean} = {}): DocBlock | undefined {
  if (run.text.trim() === '') return undefined
  return {kind: 'paragraph', run, tokens: scanInline(run.text, flavour), indent, line: run.positionAt(0).line, listItem: options.listItem ?? false, code: options.code ?? false}
}
