/**
 * reStructuredText grid tables:
 *
 *   +--------------------+---------------------+
 *   | Name               | Description         |
 *   +====================+=====================+
 *   | <PREFIX>.feed.read | Reads of a feed,    |
 *   |                    | over several lines. |
 *   +--------------------+---------------------+
 *
 * The column borders are the `+` of the top border. Every line must have `|` (or `+` on
 * a border) exactly there and be as wide as the top border; a line that is not (a
 * ragged border, a cell spanning columns or rows) is a located problem and its row is
 * left out, the rest of the table is still read.
 */
import type {ImportProblem} from './problem.js'
import type {SourceLine} from './source.js'
import {TextRun, indentOf} from './source.js'
import type {TableCell, TableRow, TableScan} from './table.js'

const BORDER = /^\+(?:[-=]+\+)+$/

/** Whether a line (without its indent) starts a grid table. */
export const isGridBorder = (trimmed: string): boolean => /^\+-+\+/.test(trimmed) && BORDER.test(trimmed)

export function scanGridTable(lines: readonly SourceLine[], start: number): TableScan {
  const indent = indentOf(lines[start].text)
  const top = lines[start].text.slice(indent)
  const borders: number[] = []
  for (let i = 0; i < top.length; i++) if (top[i] === '+') borders.push(i)

  let end = start + 1
  while (end < lines.length && indentOf(lines[end].text) === indent && /^[+|]/.test(lines[end].text.slice(indent))) end++

  const problems: ImportProblem[] = []
  const rows: TableRow[] = []
  let header: TableRow | undefined
  let pending: SourceLine[] = []
  let broken: ImportProblem | undefined
  const endRow = () => {
    if (broken) problems.push(broken)
    else if (pending.length > 0) rows.push(toRow(pending, borders, indent))
    pending = []
    broken = undefined
  }
  for (let i = start + 1; i < end; i++) {
    const line = lines[i]
    const text = line.text.slice(indent)
    const fault = lineFault(text, top, borders)
    if (text[0] === '+' && /^\+[-=+]+$/.test(text)) {
      // A border out of line still ends the row above, whose own lines may be fine: report it, read on.
      if (fault !== undefined) problems.push({line: line.line, column: indent + fault.column + 1, message: `${fault.message}; docutils refuses the table`})
      endRow()
      if (text.includes('=')) {
        if (header !== undefined || rows.length === 0) problems.push({line: line.line, column: indent + 1, message: headerMessage(header !== undefined)})
        else header = rows.pop()
      }
      continue
    }
    if (fault !== undefined) broken ??= {line: line.line, column: indent + fault.column + 1, message: `${fault.message}; this row of the grid table is not imported`}
    pending.push(line)
  }
  if (pending.length > 0) {
    const last = lines[end - 1]
    broken ??= {line: last.line, column: indent + 1, message: 'the grid table ends without a border line; its last row is not imported'}
    endRow()
  }
  return {table: {header, rows, line: lines[start].line, problems}, next: end}
}

function headerMessage(second: boolean): string {
  return second ? 'a second header separator (+===+) in one grid table; read as a row border' : 'a header separator (+===+) with no header row above it; read as a row border'
}

/** Why a table line does not fit the table's borders, or undefined when it does. */
function lineFault(text: string, top: string, borders: readonly number[]): {column: number; message: string} | undefined {
  if (text.length !== top.length) {
    return {column: Math.min(text.length, top.length), message: `ragged border: the line is ${text.length} characters wide, the table ${top.length}`}
  }
  const separator = text.startsWith('+')
  if (!separator) {
    // A row's line: only the column borders matter.
    const wrong = borders.find(at => text[at] !== '|')
    return wrong === undefined ? undefined : {column: wrong, message: `expected "|" at a column border, found ${JSON.stringify(text[wrong])} (a ragged row, or a cell spanning columns)`}
  }
  for (let i = 0; i < text.length; i++) {
    const border = top[i] === '+'
    const char = text[i]
    if (border && char !== '+') return {column: i, message: `expected "+" at a column border, found ${JSON.stringify(char)} (a cell spanning columns or rows is not read)`}
    if (!border && char !== '-' && char !== '=') return {column: i, message: `expected "-" or "=" in a border line, found ${JSON.stringify(char)} (a cell spanning rows is not read)`}
  }
  return undefined
}

function toRow(lines: readonly SourceLine[], borders: readonly number[], indent: number): TableRow {
  const cells: TableCell[] = []
  for (let k = 0; k + 1 < borders.length; k++) {
    const from = indent + borders[k] + 1
    const to = indent + borders[k + 1]
    // The cell's lines, dedented together (docutils strips the common indentation of a cell).
    const texts = lines.map(line => line.text.slice(from, to).trimEnd())
    let cut = Infinity
    for (const text of texts) if (text !== '') cut = Math.min(cut, indentOf(text))
    if (cut === Infinity) cut = 0
    cells.push({run: new TextRun(texts.map((text, j) => ({text: cut === 0 ? text : text.slice(cut), at: {line: lines[j].line, column: from + cut + 1}})))})
  }
  return {cells, line: lines[0].line}
}
