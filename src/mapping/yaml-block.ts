/**
 * A fast reader for the plain block YAML that mapping configs are written in: nested
 * `key: value` maps and `- ` lists, one-line scalars (plain, 'single', "double" without
 * escapes other than \\ and \"), one-line flow lists of scalars (`[0.1, 0.5]`), blank
 * lines, end-of-line comments, and whole-line comments where the yaml package leaves
 * every range alone. It builds the same nodes, with the same ranges, as the yaml
 * package's composer (schema failsafe), about ten times faster and with far less garbage.
 *
 * Anything else (anchors, aliases, tags, block scalars, multi-line scalars, flow maps,
 * several documents, tabs, CR, anything the yaml package might call an error) makes it
 * answer undefined, and the caller parses the text with the yaml package instead. So it
 * only has to be right about what it accepts; test/mapping/yaml-block.test.ts checks that
 * against the yaml package, node by node.
 */
import type {Node as YamlNode} from 'yaml'
import {Pair, Scalar, YAMLMap, YAMLSeq} from 'yaml'

/** Not in the subset: parse with the yaml package. */
class NotSimple extends Error {}

/** A plain scalar may not start with these (YAML's c-indicator); `-` is allowed before a digit or dot. */
const INDICATORS = new Set([...'-?:,[]{}#&*!|>\'"%@`'])
/** Nesting deeper than this goes to the yaml package, which has its own limits. */
const MAX_DEPTH = 64
const SPACE = 0x20

interface Line {
  /** Offset of the first character. */
  readonly start: number
  /** Offset of the `\n` that ends it, or the text's length. */
  readonly end: number
  /** Offset of the first non-space character. */
  readonly content: number
}

class BlockReader {
  private readonly lines: Line[] = []
  private index = 0

  constructor(private readonly text: string) {
    for (let start = 0; start <= text.length;) {
      const newline = text.indexOf('\n', start)
      const end = newline === -1 ? text.length : newline
      let content = start
      while (content < end && text.charCodeAt(content) === SPACE) content++
      this.lines.push({start, end, content})
      if (newline === -1) break
      start = newline + 1
    }
  }

  read(): YamlNode {
    this.skipComments(0)
    const first = this.current()
    if (first === undefined) throw new NotSimple()
    const root = this.node(this.column(first), 0)
    // Comments after the last value may stretch ranges; leave them to the yaml package.
    for (; this.index < this.lines.length; this.index++) if (!this.isBlank(this.lines[this.index])) throw new NotSimple()
    return root
  }

  private isBlank(line: Line): boolean {
    return line.content === line.end
  }

  private isComment(line: Line): boolean {
    return line.content < line.end && this.text.charCodeAt(line.content) === 0x23
  }

  private current(): Line | undefined {
    return this.lines[this.index]
  }

  private column(line: Line): number {
    return line.content - line.start
  }

  /**
   * Steps over whole-line comments. The yaml package files a comment under the next item
   * (leaving ranges alone) when it sits at that item's column; elsewhere it may stretch a
   * collection's range, so those go to the yaml package.
   */
  private skipComments(column: number): void {
    let comments = false
    for (; this.index < this.lines.length; this.index++) {
      const line = this.lines[this.index]
      if (this.isComment(line)) {
        if (this.column(line) !== column) throw new NotSimple()
        comments = true
      } else if (!this.isBlank(line)) {
        break
      }
    }
    const next = this.current()
    if (next === undefined || (comments && this.column(next) !== column)) throw new NotSimple()
  }

  private commentsBefore(line: Line): boolean {
    for (let i = this.index; this.lines[i] !== line; i++) if (this.isComment(this.lines[i])) return true
    return false
  }

  /** Column of the next content line after comments, or -1 at the end. */
  private nextColumn(): number {
    const line = this.peekContent()
    return line === undefined ? -1 : this.column(line)
  }

  private peekContent(): Line | undefined {
    for (let i = this.index; i < this.lines.length; i++) {
      const line = this.lines[i]
      if (!this.isBlank(line) && !this.isComment(line)) return line
    }
    return undefined
  }

  /** A block node whose first token is at the current line's content, in a collection indented `column`. */
  private node(column: number, depth: number): YamlNode {
    if (depth > MAX_DEPTH) throw new NotSimple()
    const line = this.current() as Line
    return this.isSeqIndicator(line.content) ? this.sequence(column, line.content, depth) : this.map(column, line.content, depth)
  }

  private isSeqIndicator(offset: number): boolean {
    const next = this.text.charCodeAt(offset + 1)
    return this.text.charCodeAt(offset) === 0x2d && (Number.isNaN(next) || next === SPACE || next === 0x0a)
  }

  /** A block list whose items start at `column`; `at` is the first `-`. */
  private sequence(column: number, at: number, depth: number): YAMLSeq {
    const seq = new YAMLSeq()
    let end = at
    for (;;) {
      const line = this.current() as Line
      const dash = line.content
      let content = dash + 1
      while (content < line.end && this.text.charCodeAt(content) === SPACE) content++
      let item: YamlNode
      if (content === line.end) {
        this.index++
        const next = this.peekContent()
        if (next === undefined || this.column(next) <= column) throw new NotSimple()
        this.skipComments(this.column(next))
        item = this.node(this.column(next), depth + 1)
      } else if (this.isSeqIndicator(content) || this.text.charCodeAt(content) === 0x23) {
        throw new NotSimple()
      } else if (this.keyEnd(content, line.end) === -1) {
        item = this.valueScalar(content, line.end)
        this.index++
      } else {
        item = this.map(content - line.start, content, depth + 1)
      }
      seq.items.push(item)
      end = (item.range as [number, number, number])[2]
      const next = this.peekContent()
      const nextColumn = next === undefined ? -1 : this.column(next)
      if (nextColumn > column) throw new NotSimple()
      if (nextColumn < column) break
      if (!this.isSeqIndicator((next as Line).content)) {
        // A key of the map this list sits under, at the list's column: the yaml package
        // stretches the list over comments in between.
        if (this.commentsBefore(next as Line)) throw new NotSimple()
        break
      }
      this.skipComments(column)
    }
    seq.range = [at, end, end]
    return seq
  }

  /** A block map whose keys start at `column`; `at` is the first key. */
  private map(column: number, at: number, depth: number): YAMLMap {
    const map = new YAMLMap()
    let end = at
    let content = at
    for (;;) {
      const line = this.current() as Line
      const colon = this.keyEnd(content, line.end)
      if (colon === -1) throw new NotSimple()
      const key = this.keyScalar(content, colon)
      let valueAt = colon + 1
      while (valueAt < line.end && this.text.charCodeAt(valueAt) === SPACE) valueAt++
      let value: YamlNode
      if (valueAt < line.end) {
        if (this.text.charCodeAt(valueAt) === 0x23) throw new NotSimple()
        value = this.text.charCodeAt(valueAt) === 0x5b ? this.flowSequence(valueAt, line.end) : this.valueScalar(valueAt, line.end)
        this.index++
      } else {
        this.index++
        const next = this.peekContent()
        const nextColumn = next === undefined ? -1 : this.column(next)
        if (next !== undefined && (nextColumn > column || (nextColumn === column && this.isSeqIndicator(next.content)))) {
          this.skipComments(nextColumn)
          value = this.node(nextColumn, depth + 1)
        } else {
          // The yaml package may give an empty value a longer range before blank lines or comments.
          if (this.current() !== next) throw new NotSimple()
          value = emptyScalar(valueAt)
        }
      }
      map.items.push(new Pair(key, value))
      end = (value.range as [number, number, number])[2]
      const nextColumn = this.nextColumn()
      if (nextColumn > column) throw new NotSimple()
      if (nextColumn < column) break
      this.skipComments(column)
      const next = this.current() as Line
      if (this.isSeqIndicator(next.content)) break
      content = next.content
    }
    map.range = [at, end, end]
    return map
  }

  /** Offset of the `:` that ends a key starting at `start`, or -1 when the line holds no key. */
  private keyEnd(start: number, lineEnd: number): number {
    const first = this.text.charCodeAt(start)
    if (first === 0x22 || first === 0x27) {
      const close = this.quotedEnd(start, lineEnd)
      return close < lineEnd && this.text.charCodeAt(close) === 0x3a && this.isSeparator(close + 1, lineEnd) ? close : -1
    }
    for (let i = start; i < lineEnd; i++) {
      const c = this.text.charCodeAt(i)
      if (c === 0x3a && this.isSeparator(i + 1, lineEnd)) return i
      if (c === 0x23 && this.text.charCodeAt(i - 1) === SPACE) return -1
    }
    return -1
  }

  private isSeparator(offset: number, lineEnd: number): boolean {
    return offset === lineEnd || this.text.charCodeAt(offset) === SPACE
  }

  /** Offset just past the closing quote of a one-line quoted scalar at `start`. */
  private quotedEnd(start: number, lineEnd: number): number {
    const quote = this.text.charCodeAt(start)
    for (let i = start + 1; i < lineEnd; i++) {
      const c = this.text.charCodeAt(i)
      if (quote === 0x22 && c === 0x5c) {
        const escaped = this.text.charCodeAt(i + 1)
        if (escaped !== 0x5c && escaped !== 0x22) throw new NotSimple()
        i++
      } else if (c === quote) {
        if (quote === 0x27 && this.text.charCodeAt(i + 1) === 0x27) i++
        else return i + 1
      }
    }
    throw new NotSimple()
  }

  private quotedScalar(start: number, end: number): Scalar {
    const inner = this.text.slice(start + 1, end - 1)
    const double = this.text.charCodeAt(start) === 0x22
    const value = double ? inner.replace(/\\(.)/g, '$1') : inner.replaceAll("''", "'")
    const scalar = new Scalar(value)
    scalar.type = double ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE'
    return scalar
  }

  private keyScalar(start: number, colon: number): Scalar {
    const first = this.text.charCodeAt(start)
    let scalar: Scalar
    let end = colon
    if (first === 0x22 || first === 0x27) {
      scalar = this.quotedScalar(start, colon)
    } else {
      while (this.text.charCodeAt(end - 1) === SPACE) end--
      scalar = this.plainScalar(start, end)
    }
    scalar.range = [start, end, end]
    return scalar
  }

  private plainScalar(start: number, end: number): Scalar {
    const first = this.text[start]
    const second = this.text.charCodeAt(start + 1)
    if (INDICATORS.has(first) && !(first === '-' && ((second >= 0x30 && second <= 0x39) || second === 0x2e))) throw new NotSimple()
    const scalar = new Scalar(this.text.slice(start, end))
    scalar.type = 'PLAIN'
    return scalar
  }

  /** A scalar value that runs to the end of its line (or to an end-of-line comment). */
  private valueScalar(start: number, lineEnd: number): Scalar {
    const first = this.text.charCodeAt(start)
    let scalar: Scalar
    let end: number
    if (first === 0x22 || first === 0x27) {
      end = this.quotedEnd(start, lineEnd)
      scalar = this.quotedScalar(start, end)
      this.expectLineEnd(end, lineEnd)
    } else {
      end = start
      for (let i = start; i < lineEnd; i++) {
        const c = this.text.charCodeAt(i)
        if (c === 0x23 && this.text.charCodeAt(i - 1) === SPACE) break
        // `a: b: c` and friends: the yaml package reports them.
        if (c === 0x3a && this.isSeparator(i + 1, lineEnd)) throw new NotSimple()
        if (c !== SPACE) end = i + 1
      }
      scalar = this.plainScalar(start, end)
    }
    scalar.range = [start, end, this.lineEndAfter(lineEnd)]
    return scalar
  }

  /** `[a, b, c]` on one line: plain scalars only. */
  private flowSequence(start: number, lineEnd: number): YAMLSeq {
    const seq = new YAMLSeq()
    seq.flow = true
    let i = start + 1
    for (;;) {
      while (i < lineEnd && this.text.charCodeAt(i) === SPACE) i++
      if (this.text.charCodeAt(i) === 0x5d && seq.items.length === 0) break
      const itemStart = i
      let itemEnd = i
      for (; i < lineEnd; i++) {
        const c = this.text.charCodeAt(i)
        if (c === 0x2c || c === 0x5d) break
        if (c === 0x5b || c === 0x7b || c === 0x7d || c === 0x23 || c === 0x3a || c === 0x22 || c === 0x27) throw new NotSimple()
        if (c !== SPACE) itemEnd = i + 1
      }
      if (itemEnd === itemStart || i === lineEnd) throw new NotSimple()
      const item = this.plainScalar(itemStart, itemEnd)
      item.range = [itemStart, itemEnd, i]
      seq.items.push(item)
      if (this.text.charCodeAt(i) === 0x5d) break
      i++
    }
    const close = i + 1
    this.expectLineEnd(close, lineEnd)
    seq.range = [start, close, this.lineEndAfter(lineEnd)]
    return seq
  }

  /** After a value: only spaces and an end-of-line comment may follow. */
  private expectLineEnd(offset: number, lineEnd: number): void {
    let i = offset
    while (i < lineEnd && this.text.charCodeAt(i) === SPACE) i++
    if (i < lineEnd && !(this.text.charCodeAt(i) === 0x23 && i > offset)) throw new NotSimple()
  }

  private lineEndAfter(lineEnd: number): number {
    return lineEnd < this.text.length ? lineEnd + 1 : lineEnd
  }
}

function emptyScalar(at: number): Scalar {
  const scalar = new Scalar('')
  scalar.type = 'PLAIN'
  scalar.range = [at, at, at]
  return scalar
}

/**
 * The document's root node when the text is in the simple subset, else undefined (parse
 * it with the yaml package, which also reports any error).
 */
export function readBlockYaml(text: string): YamlNode | undefined {
  // Quick refusals for what the subset never holds: tabs, CR, a BOM, anchors and aliases
  // after a space, tags, directives and document markers at a line start.
  if (/[\t\r\uFEFF]|(^|\n)(---|\.\.\.|%)|[ \n](&|\*|!)/.test(text)) return undefined
  try {
    return new BlockReader(text).read()
  } catch (error) {
    if (error instanceof NotSimple) return undefined
    throw error
  }
}
