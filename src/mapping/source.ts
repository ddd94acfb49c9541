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

  /** The line of the last lookup: loaders ask about offsets in file order, so it is usually right or just short. */
  private lastLine = 0

  /** 0-based line of an offset already clamped to the text. */
  private lineIndex(offset: number): number {
    const starts = this.lineStarts
    // The hinted line or one of the next few: a binary search for each key and value costs.
    for (let line = this.lastLine; line < this.lastLine + 4 && starts[line] <= offset; line++) {
      if (line + 1 === starts.length || offset < starts[line + 1]) {
        this.lastLine = line
        return line
      }
    }
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (starts[mid] <= offset) low = mid
      else high = mid - 1
    }
    this.lastLine = low
    return low
  }

  private clamp(offset: number): number {
    return Math.max(0, Math.min(offset, this.text.length))
  }

  range(start: number, end: number = start): SourceRange {
    const from = this.clamp(start)
    const to = this.clamp(Math.max(start, end))
    const fromLine = this.lineIndex(from)
    const toLine = this.lineIndex(to)
    return {line: fromLine + 1, column: from - this.lineStarts[fromLine] + 1, endLine: toLine + 1, endColumn: to - this.lineStarts[toLine] + 1}
  }
}

const EXCERPT_LENGTH = 100

/**
 * Config text quoted in a message, cut short: a 100 KB line or name must not make a
 * 100 KB message. The cut never splits a surrogate pair.
 */
export function excerpt(text: string): string {
  if (text.length <= EXCERPT_LENGTH) return text
  const end = /[\ud800-\udbff]/.test(text[EXCERPT_LENGTH - 1]) ? EXCERPT_LENGTH - 1 : EXCERPT_LENGTH
  return `${text.slice(0, end)}… (${text.length.toLocaleString('en-US')} characters)`
}
