/**
 * A fast reader for the plain block YAML that mapping configs are written in: nested
 * `key: value` maps and `- ` lists, one-line scalars (plain, 'single', "double" without
 * escapes other than \\ and \"), one-line flow lists of those scalars (`[0.1, "a"]`), empty
 * flow maps (`{}`) and literal blocks (`|`, `|-`) as values, blank lines, end-of-line
 * comments, and whole-line comments where the yaml package leaves every range alone. It builds the nodes, with the same
 * ranges, that yaml-input.ts makes of the yaml package's document (schema failsafe),
 * many times faster and with far less garbage.
 *
 * Anything else (anchors, aliases, tags, other block scalars, multi-line plain or quoted scalars, other flow maps,
 * several documents, tabs, CR, anything the yaml package might call an error) makes it
 * answer undefined, and the caller parses the text with the yaml package instead. So it
 * only has to be right about what it accepts; test/mapping/yaml-block.test.ts checks that
 * against the yaml package, node by node.
 */
import type {DocNode} from './yaml-decode.js'
import {DocTree} from './yaml-decode.js'

/** Not in the subset: parse with the yaml package. */
class NotSimple extends Error {}

/** A plain scalar may not start with these (YAML's c-indicator); `-` is allowed before a digit or dot. */
const INDICATORS = new Set([...'-?:,[]{}#&*!|>\'"%@`'])
/** Nesting deeper than this goes to the yaml package, which has its own limits. */
const MAX_DEPTH = 64
const SPACE = 0x20

/**
 * The text's lines as three offsets each, in typed arrays (a large config has tens of
 * thousands of lines, and an object per line is garbage). A line is named by its index.
 */
class Lines {
  /** Offset of each line's first character. */
  readonly start: Int32Array
  /** Offset of the `\n` that ends each line, or the text's length. */
  readonly end: Int32Array
  /** Offset of each line's first non-space character. */
  readonly content: Int32Array
  readonly count: number

  constructor(text: string) {
    let count = 1
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++
    this.count = count
    this.start = new Int32Array(count)
    this.end = new Int32Array(count)
    this.content = new Int32Array(count)
    let start = 0
    for (let line = 0; line < count; line++) {
      const newline = text.indexOf('\n', start)
      const end = newline === -1 ? text.length : newline
      let content = start
      while (content < end && text.charCodeAt(content) === SPACE) content++
      this.start[line] = start
      this.end[line] = end
      this.content[line] = content
      start = newline + 1
    }
  }
}

/** No line: past the last one. */
const NONE = -1

class BlockReader {
  private readonly lines: Lines
  readonly tree: DocTree
  /** The line being read. */
  private index = 0
  /**
   * Where the node built last ends including what the yaml package counts with it (the
   * rest of its line): its range[2], which ends the collection it closes.
   */
  private after = 0

  constructor(private readonly text: string) {
    this.lines = new Lines(text)
    // A config line holds a key and a value, sometimes a collection too; a flow list more.
    this.tree = new DocTree(text, 3 * this.lines.count)
  }

  read(): DocNode {
    this.skipComments(0)
    const first = this.current()
    if (first === NONE) throw new NotSimple()
    const root = this.node(this.column(first), 0)
    // Comments after the last value may stretch ranges; leave them to the yaml package.
    for (; this.index < this.lines.count; this.index++) if (!this.isBlank(this.index)) throw new NotSimple()
    return root
  }

  private isBlank(line: number): boolean {
    return this.lines.content[line] === this.lines.end[line]
  }

  private isComment(line: number): boolean {
    const content = this.lines.content[line]
    return content < this.lines.end[line] && this.text.charCodeAt(content) === 0x23
  }

  private current(): number {
    return this.index < this.lines.count ? this.index : NONE
  }

  private column(line: number): number {
    return this.lines.content[line] - this.lines.start[line]
  }

  /**
   * Steps over whole-line comments. The yaml package files a comment under the next item
   * (leaving ranges alone) when it sits at that item's column; elsewhere it may stretch a
   * collection's range, so those go to the yaml package.
   */
  private skipComments(column: number): void {
    let comments = false
    for (; this.index < this.lines.count; this.index++) {
      if (this.isComment(this.index)) {
        if (this.column(this.index) !== column) throw new NotSimple()
        comments = true
      } else if (!this.isBlank(this.index)) {
        break
      }
    }
    const next = this.current()
    if (next === NONE || (comments && this.column(next) !== column)) throw new NotSimple()
  }

  private commentsBefore(line: number): boolean {
    for (let i = this.index; i !== line; i++) if (this.isComment(i)) return true
    return false
  }

  /** Column of the next content line after comments, or -1 at the end. */
  private nextColumn(): number {
    const line = this.peekContent()
    return line === NONE ? -1 : this.column(line)
  }

  private peekContent(): number {
    for (let i = this.index; i < this.lines.count; i++) {
      if (!this.isBlank(i) && !this.isComment(i)) return i
    }
    return NONE
  }

  /** A block node whose first token is at the current line's content, in a collection indented `column`. */
  private node(column: number, depth: number): DocNode {
    if (depth > MAX_DEPTH) throw new NotSimple()
    const content = this.lines.content[this.index]
    return this.isSeqIndicator(content) ? this.sequence(column, content, depth) : this.map(column, content, depth)
  }

  private isSeqIndicator(offset: number): boolean {
    const next = this.text.charCodeAt(offset + 1)
    return this.text.charCodeAt(offset) === 0x2d && (Number.isNaN(next) || next === SPACE || next === 0x0a)
  }

  /** A block list whose items start at `column`; `at` is the first `-`. */
  private sequence(column: number, at: number, depth: number): DocNode {
    const seq = this.tree.open('seq', at)
    const items: DocNode[] = []
    for (;;) {
      const lineEnd = this.lines.end[this.index]
      const dash = this.lines.content[this.index]
      let content = dash + 1
      while (content < lineEnd && this.text.charCodeAt(content) === SPACE) content++
      if (content === lineEnd) {
        this.index++
        const next = this.peekContent()
        if (next === NONE || this.column(next) <= column) throw new NotSimple()
        this.skipComments(this.column(next))
        items.push(this.node(this.column(next), depth + 1))
      } else if (this.isSeqIndicator(content) || this.text.charCodeAt(content) === 0x23) {
        throw new NotSimple()
      } else if (this.keyEnd(content, lineEnd) === -1) {
        items.push(this.valueScalar(content, lineEnd))
        this.index++
      } else {
        items.push(this.map(content - this.lines.start[this.index], content, depth + 1))
      }
      const next = this.peekContent()
      const nextColumn = next === NONE ? -1 : this.column(next)
      if (nextColumn > column) throw new NotSimple()
      if (nextColumn < column) break
      if (!this.isSeqIndicator(this.lines.content[next])) {
        // A key of the map this list sits under, at the list's column: the yaml package
        // stretches the list over comments in between.
        if (this.commentsBefore(next)) throw new NotSimple()
        break
      }
      this.skipComments(column)
    }
    this.tree.close(seq, this.after, items)
    return seq
  }

  /** A block map whose keys start at `column`; `at` is the first key. */
  private map(column: number, at: number, depth: number): DocNode {
    const map = this.tree.open('map', at)
    const children: DocNode[] = []
    let content = at
    for (;;) {
      const lineEnd = this.lines.end[this.index]
      const colon = this.keyEnd(content, lineEnd)
      if (colon === -1) throw new NotSimple()
      const key = this.keyScalar(content, colon)
      let valueAt = colon + 1
      while (valueAt < lineEnd && this.text.charCodeAt(valueAt) === SPACE) valueAt++
      let value: DocNode
      if (valueAt < lineEnd) {
        if (this.text.charCodeAt(valueAt) === 0x23) throw new NotSimple()
        const first = this.text.charCodeAt(valueAt)
        if (first === 0x7c) {
          value = this.literalBlock(valueAt, lineEnd, column)
        } else {
          value = first === 0x5b ? this.flowSequence(valueAt, lineEnd) : first === 0x7b ? this.emptyFlowMap(valueAt, lineEnd) : this.valueScalar(valueAt, lineEnd)
          this.index++
        }
      } else {
        this.index++
        const next = this.peekContent()
        const nextColumn = next === NONE ? -1 : this.column(next)
        if (next !== NONE && (nextColumn > column || (nextColumn === column && this.isSeqIndicator(this.lines.content[next])))) {
          this.skipComments(nextColumn)
          value = this.node(nextColumn, depth + 1)
        } else {
          // The yaml package may give an empty value a longer range before blank lines or comments.
          if (this.current() !== next) throw new NotSimple()
          value = this.tree.addScalar('PLAIN', valueAt, valueAt)
          this.after = valueAt
        }
      }
      children.push(key, value)
      const nextColumn = this.nextColumn()
      if (nextColumn > column) throw new NotSimple()
      if (nextColumn < column) break
      this.skipComments(column)
      content = this.lines.content[this.index]
      if (this.isSeqIndicator(content)) break
    }
    this.tree.close(map, this.after, children)
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

  /** Adds the quoted scalar spanning `start` to `end`, quotes included, with its value when escapes change it. */
  private quotedScalar(start: number, end: number): DocNode {
    const inner = this.text.slice(start + 1, end - 1)
    if (this.text.charCodeAt(start) === 0x22) {
      return this.tree.addScalar('QUOTE_DOUBLE', start, end, inner.includes('\\') ? inner.replace(/\\(.)/g, '$1') : undefined)
    }
    return this.tree.addScalar('QUOTE_SINGLE', start, end, inner.includes("'") ? inner.replaceAll("''", "'") : undefined)
  }

  private keyScalar(start: number, colon: number): DocNode {
    const first = this.text.charCodeAt(start)
    if (first === 0x22 || first === 0x27) return this.quotedScalar(start, colon)
    let end = colon
    while (this.text.charCodeAt(end - 1) === SPACE) end--
    return this.plainScalar(start, end)
  }

  private plainScalar(start: number, end: number): DocNode {
    const first = this.text[start]
    const second = this.text.charCodeAt(start + 1)
    if (INDICATORS.has(first) && !(first === '-' && ((second >= 0x30 && second <= 0x39) || second === 0x2e))) throw new NotSimple()
    return this.tree.addScalar('PLAIN', start, end)
  }

  /** A scalar value that runs to the end of its line (or to an end-of-line comment). */
  private valueScalar(start: number, lineEnd: number): DocNode {
    const first = this.text.charCodeAt(start)
    this.after = this.lineEndAfter(lineEnd)
    if (first === 0x22 || first === 0x27) {
      const end = this.quotedEnd(start, lineEnd)
      this.expectLineEnd(end, lineEnd)
      return this.quotedScalar(start, end)
    }
    let end = start
    for (let i = start; i < lineEnd; i++) {
      const c = this.text.charCodeAt(i)
      if (c === 0x23 && this.text.charCodeAt(i - 1) === SPACE) break
      // `a: b: c` and friends: the yaml package reports them.
      if (c === 0x3a && this.isSeparator(i + 1, lineEnd)) throw new NotSimple()
      if (c !== SPACE) end = i + 1
    }
    return this.plainScalar(start, end)
  }

  /** `[a, "b", 'c']` on one line: scalars only. */
  private flowSequence(start: number, lineEnd: number): DocNode {
    const seq = this.tree.open('seq', start)
    const items: DocNode[] = []
    let i = start + 1
    for (;;) {
      while (i < lineEnd && this.text.charCodeAt(i) === SPACE) i++
      if (this.text.charCodeAt(i) === 0x5d && items.length === 0) break
      const first = this.text.charCodeAt(i)
      if (first === 0x22 || first === 0x27) {
        const end = this.quotedEnd(i, lineEnd)
        items.push(this.quotedScalar(i, end))
        i = end
        while (i < lineEnd && this.text.charCodeAt(i) === SPACE) i++
        if (i === lineEnd || (this.text.charCodeAt(i) !== 0x2c && this.text.charCodeAt(i) !== 0x5d)) throw new NotSimple()
      } else {
        const itemStart = i
        let itemEnd = i
        for (; i < lineEnd; i++) {
          const c = this.text.charCodeAt(i)
          if (c === 0x2c || c === 0x5d) break
          if (c === 0x5b || c === 0x7b || c === 0x7d || c === 0x23 || c === 0x3a || c === 0x22 || c === 0x27) throw new NotSimple()
          if (c !== SPACE) itemEnd = i + 1
        }
        if (itemEnd === itemStart || i === lineEnd) throw new NotSimple()
        items.push(this.plainScalar(itemStart, itemEnd))
      }
      if (this.text.charCodeAt(i) === 0x5d) break
      i++
    }
    const close = i + 1
    this.expectLineEnd(close, lineEnd)
    this.after = this.lineEndAfter(lineEnd)
    this.tree.close(seq, close, items)
    return seq
  }

  /**
   * A literal block scalar (`|` or `|-`) as a map's value, its lines indented more than
   * the map's keys at `column`: the catalogue's multi-line descriptions. Other chomping,
   * an indentation indicator, a comment after the indicator, or lines of spaces longer
   * than the indentation go to the yaml package.
   */
  private literalBlock(start: number, lineEnd: number, column: number): DocNode {
    let indicatorEnd = lineEnd
    while (this.text.charCodeAt(indicatorEnd - 1) === SPACE) indicatorEnd--
    const indicator = this.text.slice(start, indicatorEnd)
    if (indicator !== '|' && indicator !== '|-') throw new NotSimple()
    const lines = this.lines
    let indent = -1
    let last = NONE
    for (let line = this.index + 1; line < lines.count; line++) {
      const width = lines.content[line] - lines.start[line]
      if (lines.content[line] === lines.end[line]) {
        if (width > (indent === -1 ? 0 : indent)) throw new NotSimple()
        continue
      }
      if (width <= column) break
      if (indent === -1) indent = width
      else if (width < indent) throw new NotSimple()
      last = line
    }
    if (last === NONE) throw new NotSimple()
    const body: string[] = []
    for (let line = this.index + 1; line <= last; line++) body.push(lines.content[line] === lines.end[line] ? '' : this.text.slice(lines.start[line] + indent, lines.end[line]))
    const end = this.lineEndAfter(lines.end[last])
    this.after = end
    this.index = last + 1
    return this.tree.addScalar('BLOCK_LITERAL', start, end, body.join('\n') + (indicator === '|' ? '\n' : ''))
  }

  /** `{}` on one line (the catalogue's open tag); a flow map with keys goes to the yaml package. */
  private emptyFlowMap(start: number, lineEnd: number): DocNode {
    let close = start + 1
    while (close < lineEnd && this.text.charCodeAt(close) === SPACE) close++
    if (this.text.charCodeAt(close) !== 0x7d) throw new NotSimple()
    this.expectLineEnd(close + 1, lineEnd)
    this.after = this.lineEndAfter(lineEnd)
    const map = this.tree.open('map', start)
    this.tree.close(map, close + 1, [])
    return map
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

/**
 * The document's root node when the text is in the simple subset, else undefined (parse
 * it with the yaml package, which also reports any error).
 */
export function readBlockYaml(text: string): {tree: DocTree; root: DocNode} | undefined {
  // Quick refusals for what the subset never holds: tabs, CR, a BOM, anchors and aliases
  // after a space, tags, directives and document markers at a line start.
  if (/[\t\r\uFEFF]|(^|\n)(---|\.\.\.|%)|[ \n](&|\*|!)/.test(text)) return undefined
  try {
    const reader = new BlockReader(text)
    return {tree: reader.tree, root: reader.read()}
  } catch (error) {
    if (error instanceof NotSimple) return undefined
    throw error
  }
}
