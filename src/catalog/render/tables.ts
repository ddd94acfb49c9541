/**
 * Table writers. A cell is a list of paragraphs, already in the format's inline syntax;
 * how paragraphs are separated inside a cell is the column's choice (`separator`), since a
 * Markdown cell has one line: descriptions separate paragraphs with `<br><br>`, tag
 * lists their groups with `<br>`. reStructuredText grid cells wrap long paragraphs at
 * the column's width and separate paragraphs with a blank line.
 */

export interface Column {
  readonly title: string
  /** Wrap paragraphs longer than this (grid tables); absent: never wrapped (names). */
  readonly wrap?: number
  /** Between paragraphs of a Markdown cell. */
  readonly separator: string
}

export type Cell = readonly string[]

export function markdownTable(columns: readonly Column[], rows: readonly (readonly Cell[])[]): string[] {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
  return [
    line(columns.map(column => column.title)),
    line(columns.map(() => '---')),
    ...rows.map(row => line(row.map((cell, k) => cell.join(columns[k].separator)))),
  ]
}

export function gridTable(columns: readonly Column[], rows: readonly (readonly Cell[])[]): string[] {
  const contents = rows.map(row => row.map((cell, k) => cellLines(cell, columns[k].wrap)))
  const widths = columns.map((column, k) => Math.max(column.title.length, ...contents.map(row => Math.max(0, ...row[k].map(text => text.length)))))
  const border = (char: string) => `+${widths.map(width => char.repeat(width + 2)).join('+')}+`
  const rowLines = (cells: readonly (readonly string[])[]) => {
    const height = Math.max(1, ...cells.map(cell => cell.length))
    return Array.from({length: height}, (_, i) => `|${cells.map((cell, k) => ` ${(cell[i] ?? '').padEnd(widths[k])} `).join('|')}|`)
  }
  const out = [border('-'), ...rowLines(columns.map(column => [column.title])), border('=')]
  for (const row of contents) out.push(...rowLines(row), border('-'))
  return out
}

/** A cell's lines: each paragraph wrapped, a blank line between paragraphs. */
function cellLines(cell: Cell, wrap: number | undefined): string[] {
  const lines: string[] = []
  cell.forEach((paragraph, k) => {
    if (k > 0) lines.push('')
    lines.push(...(wrap === undefined ? [paragraph] : wrapText(paragraph, wrap)))
  })
  return lines
}

/**
 * Greedy wrapping at spaces, never at an escaped one (`\ `, which joins inline markup
 * to a word), and never so that a line holds only a run of one punctuation character,
 * which reStructuredText would take for a title underline.
 */
export function wrapText(text: string, width: number): string[] {
  const words = text.split(/(?<!\\) /)
  const lines: string[] = []
  let current = ''
  for (const [k, word] of words.entries()) {
    const candidate = current === '' ? word : `${current} ${word}`
    const alone = k === words.length - 1 && ADORNMENT.test(word)
    if (current !== '' && candidate.length > width && !alone) {
      lines.push(current)
      current = word
    } else {
      current = candidate
    }
  }
  lines.push(current)
  return lines
}

const ADORNMENT = /^([^\p{L}\p{N}\s])\1+$/u
