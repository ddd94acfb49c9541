/**
 * Markdown pipe tables (GitHub Flavored Markdown): a header row, an alignment row
 * (`|---|:--:|`), then rows until a blank line or a line without a `|`. Leading and
 * trailing pipes are optional; `\|` is a pipe inside a cell (also inside code spans, as
 * GFM requires). A row with more cells than the header would lose the extra cells (GitHub
 * drops them): it is a located problem and the row is left out. Fewer cells are empty
 * cells, as GitHub shows them.
 */
import type {ImportProblem} from './problem.js'
import type {SourceLine} from './source.js'
import {TextRun, indentOf} from './source.js'
import type {TableRow, TableScan} from './table.js'

const ALIGNMENT_CELL = /^:?-+:?$/

/** Whether `lines[start]` and the line after it open a pipe table. */
export function isPipeTableStart(lines: readonly SourceLine[], start: number): boolean {
  const head = lines[start]
  const rule = lines[start + 1]
  if (head === undefined || rule === undefined || !head.text.includes('|') || !rule.text.includes('|')) return false
  const ruleCells = splitRow(rule.text).map(cell => cell.text.trim())
  return ruleCells.every(cell => ALIGNMENT_CELL.test(cell)) && ruleCells.length === splitRow(head.text).length
}

export function scanPipeTable(lines: readonly SourceLine[], start: number): TableScan {
  const header = toRow(lines[start])
  const width = header.cells.length
  const problems: ImportProblem[] = []
  const rows: TableRow[] = []
  let i = start + 2
  for (; i < lines.length && lines[i].text.trim() !== '' && lines[i].text.includes('|'); i++) {
    const row = toRow(lines[i])
    if (row.cells.length > width) {
      const extra = splitRow(lines[i].text)[width]
      problems.push({line: lines[i].line, column: extra.column, message: `the row has ${row.cells.length} cells, the header ${width}: an unescaped "|" in a cell? (write it \\|); this row is not imported`})
      continue
    }
    // GitHub shows missing cells as empty ones.
    const padding = Array.from({length: width - row.cells.length}, () => ({run: new TextRun([{text: '', at: {line: lines[i].line, column: lines[i].text.length + 1}}])}))
    rows.push({...row, cells: [...row.cells, ...padding]})
  }
  return {table: {header, rows, line: lines[start].line, problems}, next: i}
}

function toRow(line: SourceLine): TableRow {
  return {
    cells: splitRow(line.text).map(cell => ({run: new TextRun([{text: cell.text.trim().replace(/\\\|/g, '|'), at: {line: line.line, column: cell.column + indentOf(cell.text)}}])})),
    line: line.line,
  }
}

/** Cells of a row split at unescaped pipes, leading and trailing pipes dropped; columns are 1-based. */
function splitRow(text: string): {text: string; column: number}[] {
  const cells: {text: string; column: number}[] = []
  let from = 0
  for (let i = 0; i <= text.length; i++) {
    if (text[i] === '\\') {
      i++
      continue
    }
    if (i === text.length || text[i] === '|') {
      cells.push({text: text.slice(from, i), column: from + 1})
      from = i + 1
    }
  }
  if (cells.length > 1 && cells[0].text.trim() === '' && text.trimStart().startsWith('|')) cells.shift()
  if (cells.length > 1 && cells[cells.length - 1].text.trim() === '' && text.trimEnd().endsWith('|') && !text.trimEnd().endsWith('\\|')) cells.pop()
  return cells
}
