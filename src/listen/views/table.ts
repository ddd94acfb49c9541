/**
 * Aligned text tables for --aggregate and --top. Widths are measured on the plain text and
 * colour is applied afterwards, so alignment holds with colour on; a line wider than the
 * screen is cut at its edge rather than wrapped, which would break a redraw in place.
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

export function renderTable(columns: readonly Column[], rows: readonly (readonly (string | Cell)[])[], options: TableOptions = {}): string[] {
  const cells = rows.map(row => row.map(cell => (typeof cell === 'string' ? {text: cell} : cell)))
  const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map(row => row[i]?.text.length ?? 0)))
  const header = columns.map(column => ({text: column.header, paint: options.headerPaint}))
  return [header, ...cells].map(row => renderLine(columns, widths, row, options.maxWidth))
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
