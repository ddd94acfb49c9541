/**
 * The lines of a document as the readers see them: 1-based line numbers, tabs expanded
 * to the format's tab stops (8 in reStructuredText, 4 in Markdown, as their parsers do,
 * so that table columns line up as the author saw them), trailing whitespace dropped.
 */

export interface SourceLine {
  readonly text: string
  /** 1-based. */
  readonly line: number
}

export interface Position {
  readonly line: number
  /** 1-based, after tab expansion. */
  readonly column: number
}

export function sourceLines(text: string, tabSize: number): SourceLine[] {
  const body = text.startsWith('\ufeff') ? text.slice(1) : text
  return body.split(/\r\n|\r|\n/).map((raw, index) => ({text: expandTabs(raw, tabSize).trimEnd(), line: index + 1}))
}

function expandTabs(text: string, tabSize: number): string {
  if (!text.includes('\t')) return text
  let out = ''
  for (const char of text) out += char === '\t' ? ' '.repeat(tabSize - (out.length % tabSize)) : char
  return out
}

export function indentOf(text: string): number {
  return text.length - text.trimStart().length
}

export const isBlank = (line: SourceLine | undefined): boolean => line === undefined || line.text === ''

/**
 * Text gathered from several lines (a paragraph, a table cell), joined with "\n", that
 * still knows where each character came from.
 */
export class TextRun {
  readonly text: string
  private readonly starts: number[] = []

  constructor(private readonly pieces: readonly {readonly text: string; readonly at: Position}[]) {
    let offset = 0
    for (const piece of pieces) {
      this.starts.push(offset)
      offset += piece.text.length + 1
    }
    this.text = pieces.map(piece => piece.text).join('\n')
  }

  /** A run of lines, each with its first `indent` columns cut off. */
  static fromLines(lines: readonly SourceLine[], indent: number): TextRun {
    return new TextRun(lines.map(line => ({text: line.text.slice(indent), at: {line: line.line, column: indent + 1}})))
  }

  positionAt(offset: number): Position {
    // The last piece that starts at or before the offset (binary search: a run may be a whole long list).
    let low = 0
    let high = this.starts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (this.starts[middle] <= offset) low = middle
      else high = middle - 1
    }
    const index = low
    const piece = this.pieces[index]
    if (piece === undefined) return {line: 1, column: 1}
    return {line: piece.at.line, column: piece.at.column + Math.min(offset - this.starts[index], piece.text.length)}
  }
}
