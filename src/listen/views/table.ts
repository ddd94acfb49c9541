/**
 * Aligned text tables for --aggregate and --top. Widths are measured on the plain text and
 * colour is applied afterwards, so alignment holds with colour on; a line wider than the
 * screen is cut at its edge rather than wrapped, which would break a redraw in place.
 * A column is padded to MAX_COLUMN_WIDTH at most: padding every row to one long cell is
 * what turned a 60 KB name into a 60 MB table. The views shorten cells well below it.
 */
import type {Paint} from './style.js'

export interface Column {
  readonly header: string
  readonly align?: 'left' | 'right'
}

export interface Cell {
  readonly text: string
  readonly paint?: Paint
}

export interface TableOptions {
  /** Cut every line at this many characters. */
  readonly maxWidth?: number
  readonly headerPaint?: Paint
}

const GAP = '  '
export const MAX_COLUMN_WIDTH = 250

export function renderTable(columns: readonly Column[], rows: readonly (readonly (string | Cell)[])[], options: TableOptions = {}): string[] {
  const cells = rows.map(row => row.map(cell => (typeof cell === 'string' ? {text: cell} : cell)))
  const widths = columns.map((column, i) => Math.min(MAX_COLUMN_WIDTH, widest(column.header, cells, i)))
  const header = columns.map(column => ({text: column.header, paint: options.headerPaint}))
  return [header, ...cells].map(row => renderLine(columns, widths, row, options.maxWidth))
}

/** A loop, not Math.max(...cells): spreading more than about 120,000 rows overflows the stack. */
function widest(header: string, cells: readonly (readonly Cell[])[], column: number): number {
  let width = header.length
  for (const row of cells) width = Math.max(width, row[column]?.text.length ?? 0)
  return width
}

function renderLine(columns: readonly Column[], widths: readonly number[], row: readonly Cell[], maxWidth = Number.POSITIVE_INFINITY): string {
  let line = ''
  let used = 0
  const last = columns.length - 1
  for (let i = 0; i <= last && used < maxWidth; i++) {
    const cell = row[i] ?? {text: ''}
    const gap = i === 0 ? '' : GAP
    // The last column is not padded: trailing spaces would only wrap narrow terminals.
    let text = i === last ? cell.text : columns[i].align === 'right' ? cell.text.padStart(widths[i]) : cell.text.padEnd(widths[i])
    const room = maxWidth - used - gap.length
    if (room <= 0) break
    if (text.length > room) text = text.slice(0, room)
    line += gap + (cell.paint ? cell.paint(text) : text)
    used += gap.length + text.length
  }
  return line.trimEnd()
}
