/**
 * reStructuredText simple tables:
 *
 *   ===================  =============================
 *   Name                 Description
 *   ===================  =============================
 *   ``<job_name>_start``  Number of started jobs, of
 *                         every kind.
 *   ===================  =============================
 *
 * Columns are the runs of `=` in the top border. As docutils reads them, a line whose
 * first column is blank continues the row above (a multi-line cell), text in the last
 * column may run past its border, and a border line followed by a blank line (or the
 * end) closes the table; a border before that closes the header. Text in the gap between
 * two columns is a located problem and its row is left out.
 */
import type {ImportProblem} from './problem.js'
import type {SourceLine} from './source.js'
import {TextRun, indentOf} from './source.js'
import type {TableRow, TableScan} from './table.js'

const BORDER = /^=+(?: +=+)+$/
const SPAN_UNDERLINE = /^-+(?: +-+)*$/

/** Whether a line (without its indent) starts a simple table of two columns or more. */
export const isSimpleBorder = (trimmed: string): boolean => BORDER.test(trimmed)

interface Column {
  readonly start: number
  readonly end: number
}

export function scanSimpleTable(lines: readonly SourceLine[], start: number): TableScan {
  const indent = indentOf(lines[start].text)
  const columns: Column[] = []
  for (const match of lines[start].text.slice(indent).matchAll(/=+/g)) columns.push({start: match.index, end: match.index + match[0].length})

  const problems: ImportProblem[] = []
  /** The lines of each row read so far; the header's are joined into one row when its border comes. */
  const groups: SourceLine[][] = []
  let headerLines: SourceLine[] | undefined
  let pending: SourceLine[] = []
  let broken: ImportProblem | undefined
  const endRow = () => {
    while (pending.length > 0 && pending[pending.length - 1].text === '') pending.pop()
    if (broken) problems.push(broken)
    else if (pending.length > 0) groups.push(pending)
    pending = []
    broken = undefined
  }

  let i = start + 1
  let closed = false
  for (; i < lines.length; i++) {
    const line = lines[i]
    const text = line.text.slice(indent)
    if (line.text !== '' && indentOf(line.text) < indent) break
    if (BORDER.test(text) || /^=+$/.test(text)) {
      endRow()
      const next = lines[i + 1]
      if (next === undefined || next.text === '') {
        closed = true
        i++
        break
      }
      if (headerLines === undefined && groups.length > 0) headerLines = groups.splice(0).flat()
      continue
    }
    if (SPAN_UNDERLINE.test(text) && headerLines === undefined) continue
    if (line.text === '') {
      if (pending.length > 0) pending.push(line)
      continue
    }
    const firstColumn = text.slice(columns[0].start, columns[1].start).trim()
    if (firstColumn !== '') endRow()
    const margin = marginText(text, columns)
    if (margin !== undefined) broken ??= {line: line.line, column: indent + margin + 1, message: 'text in the gap between two columns of a simple table; this row is not imported'}
    pending.push(line)
  }
  if (!closed) {
    problems.push({line: lines[start].line, column: indent + 1, message: 'the simple table is not closed by a border line followed by a blank line; its last row is not imported'})
    pending = []
  }
  const header = headerLines && toRow(headerLines, columns, indent)
  return {table: {header, rows: groups.map(group => toRow(group, columns, indent)), line: lines[start].line, problems}, next: i}
}

/** Offset of text in the gap between two columns (docutils' "text in column margin"), or undefined. */
function marginText(text: string, columns: readonly Column[]): number | undefined {
  for (let k = 0; k + 1 < columns.length; k++) {
    for (let i = columns[k].end; i < columns[k + 1].start && i < text.length; i++) if (text[i] !== ' ') return i
  }
  return undefined
}

function toRow(lines: readonly SourceLine[], columns: readonly Column[], indent: number): TableRow {
  const cells = columns.map((column, k) => {
    const from = indent + column.start
    const to = k + 1 < columns.length ? indent + columns[k + 1].start : undefined
    const slices = lines.map(line => ({text: line.text.slice(from, to).trimEnd(), line: line.line}))
    while (slices.length > 0 && slices[0].text === '') slices.shift()
    return {run: new TextRun(slices.map(slice => ({text: slice.text, at: {line: slice.line, column: from + 1}})))}
  })
  return {cells, line: lines[0].line}
}
