import type {SourceRange} from './model.js'

/**
 * Turns string offsets into 1-based line/column ranges. Lines end at `\n` only, as in
 * go-yaml and statsd_exporter's legacy reader (`strings.Split(s, "\n")`).
 */
export class SourceText {
  private readonly lineStarts: number[] = [0]

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1)
  }

  /** The line of the last lookup: loaders ask about offsets in file order, so it is usually right. */
  private lastLine = 0

  position(offset: number): {line: number; column: number} {
    const clamped = Math.max(0, Math.min(offset, this.text.length))
    const hint = this.lastLine
    if (this.lineStarts[hint] <= clamped && (hint + 1 === this.lineStarts.length || clamped < this.lineStarts[hint + 1])) {
      return {line: hint + 1, column: clamped - this.lineStarts[hint] + 1}
    }
    let low = 0
    let high = this.lineStarts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (this.lineStarts[mid] <= clamped) low = mid
      else high = mid - 1
    }
    this.lastLine = low
    return {line: low + 1, column: clamped - this.lineStarts[low] + 1}
  }

  range(start: number, end: number = start): SourceRange {
    const from = this.position(start)
    const to = this.position(Math.max(start, end))
    return {line: from.line, column: from.column, endLine: to.line, endColumn: to.column}
  }
}
