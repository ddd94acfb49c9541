/**
 * A table as the three table readers (grid, simple, pipe) hand it over: rows of cells,
 * each cell its text with where it came from. What the columns mean is decided later
 * (table-items.ts), the same way for every format.
 */
import type {ImportProblem} from './problem.js'
import type {TextRun} from './source.js'

export interface TableCell {
  /** The cell's lines, dedented; blank lines separate paragraphs. */
  readonly run: TextRun
}

export interface TableRow {
  readonly cells: readonly TableCell[]
  /** The row's first line. */
  readonly line: number
}

export interface ParsedTable {
  readonly header?: TableRow
  readonly rows: readonly TableRow[]
  readonly line: number
  /** Malformed rows, reported and left out of `rows`. */
  readonly problems: readonly ImportProblem[]
}

/** A table reader's answer: the table, and the index of the first line after it. */
export interface TableScan {
  readonly table: ParsedTable
  readonly next: number
}
