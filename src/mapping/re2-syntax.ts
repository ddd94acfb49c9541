/**
 * A checker for Go's regexp/syntax (RE2, Perl flags), the dialect of a `match_type: regex`
 * rule. It accepts and refuses what Go's regexp.Compile does, with Go's error text
 * (`missing argument to repetition operator: `*``), and finds the capture groups and their
 * names, which Go allows and RE2JS refuses to repeat (`(?P<x>a)|(?P<x>b)`). Matching is
 * re2js's (regex.ts); this only reads the pattern.
 */
import {re2js} from './re2js.js'

export interface NamedGroupOpening {
  /** Where `(?P<name>` or `(?<name>` starts in the pattern, and its length. */
  readonly at: number
  readonly length: number
}

export type Re2ParseResult =
  | {
    readonly ok: true
    /** Name of each group by index (0 is the whole match); "" for unnamed groups. */
    readonly groupNames: readonly string[]
    readonly namedGroupOpenings: readonly NamedGroupOpening[]
  }
  | {readonly ok: false; readonly message: string}

/** What Go's repeat-size check needs to know of the expression: its shape and its counted repeats. */
type Node =
  | {readonly type: 'atom'}
  | {readonly type: 'group'; readonly body: Node}
  | {readonly type: 'concat' | 'alternate'; readonly items: readonly Node[]}
  | {readonly type: 'repeat'; readonly min: number; readonly max: number; readonly counted: boolean; readonly body: Node}

/** A literal, a class, `.` or an assertion: one thing a repetition operator can apply to. */
const ATOM: Node = {type: 'atom'}

/** Go's regexp/syntax ErrorCode strings. */
const ERR = {
  trailingBackslash: 'trailing backslash at end of expression',
  invalidEscape: 'invalid escape sequence',
  invalidCharRange: 'invalid character class range',
  missingBracket: 'missing closing ]',
  missingParen: 'missing closing )',
  unexpectedParen: 'unexpected )',
  missingRepeatArgument: 'missing argument to repetition operator',
  invalidRepeatOp: 'invalid nested repetition operator',
  invalidRepeatSize: 'invalid repeat count',
  invalidPerlOp: 'invalid or unsupported Perl syntax',
  invalidNamedCapture: 'invalid named capture',
  nestingDepth: 'expression nests too deeply',
} as const

class Re2Error extends Error {
  constructor(code: string, expr: string) {
    super(`error parsing regexp: ${code}: \`${expr}\``)
  }
}

const MAX_RUNE = 0x10ffff
const MAX_DEPTH = 1000

const POSIX_CLASSES = new Set(['alnum', 'alpha', 'ascii', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space', 'upper', 'word', 'xdigit'])

/**
 * Whether `\p{name}` names a Unicode category or script. The engine's tables decide, as
 * Go's decide in Go: JavaScript's own (`Latn`, `Script=…`) know names Go does not.
 */
function isUnicodeClass(name: string): boolean {
  if (!/^[A-Za-z_]+$/.test(name)) return false
  const {RE2JS} = re2js()
  try {
    RE2JS.compile(`\\p{${name}}`)
    return true
  } catch {
    return false
  }
}

function isHex(c: string): boolean {
  return /^[0-9a-fA-F]$/.test(c)
}

interface Frame {
  readonly alternatives: Node[]
  items: Node[]
  /** False for the implicit top frame. */
  readonly isGroup: boolean
}

class Parser {
  private pos = 0
  private readonly frames: Frame[] = [{alternatives: [], items: [], isGroup: false}]
  readonly groupNames: string[] = ['']
  readonly namedGroupOpenings: NamedGroupOpening[] = []

  constructor(private readonly source: string) {}

  private get frame(): Frame {
    return this.frames[this.frames.length - 1]
  }

  private rest(at: number = this.pos): string {
    return this.source.slice(at)
  }

  /** The character (code point) at `at`, "" past the end: Go reads the pattern rune by rune. */
  private char(at: number): string {
    const code = this.source.codePointAt(at)
    return code === undefined ? '' : String.fromCodePoint(code)
  }

  parse(): void {
    let lastRepeat = ''
    while (this.pos < this.source.length) {
      let repeat = ''
      const c = this.source[this.pos]
      switch (c) {
        case '(':
          if (this.source[this.pos + 1] === '?') this.parsePerlGroup()
          else {
            this.groupNames.push('')
            this.openGroup(1)
          }
          break
        case '|':
          this.frame.alternatives.push(concat(this.frame.items))
          this.frame.items = []
          this.pos++
          break
        case ')':
          this.closeGroup()
          break
        case '*':
        case '+':
        case '?': {
          const before = this.rest()
          const [min, max] = c === '*' ? [0, -1] : c === '+' ? [1, -1] : [0, 1]
          this.pos++
          this.repeat(min, max, false, before, lastRepeat)
          repeat = before
          break
        }
        case '{': {
          const before = this.rest()
          const counted = parseRepeatBraces(before)
          if (counted === undefined) {
            this.push(ATOM)
            this.pos++
            break
          }
          const {min, max, length} = counted
          if (min < 0 || min > 1000 || max > 1000 || (max >= 0 && min > max)) {
            throw new Re2Error(ERR.invalidRepeatSize, before.slice(0, length))
          }
          this.pos += length
          this.repeat(min, max, true, before, lastRepeat)
          repeat = before
          break
        }
        case '[':
          this.parseClass()
          break
        case '\\':
          this.parseBackslash()
          break
        default:
          // A literal, `.`, `^` or `$`.
          this.push(ATOM)
          this.pos += this.char(this.pos).length
      }
      lastRepeat = repeat
    }
    if (this.frames.length > 1) throw new Re2Error(ERR.missingParen, this.source)
  }

  private push(node: Node): void {
    this.frame.items.push(node)
  }

  /** Opens a group whose opening syntax is `length` characters long. */
  private openGroup(length: number): void {
    if (this.frames.length > MAX_DEPTH) throw new Re2Error(ERR.nestingDepth, this.source)
    this.frames.push({alternatives: [], items: [], isGroup: true})
    this.pos += length
  }

  private closeGroup(): void {
    const frame = this.frame
    if (!frame.isGroup) throw new Re2Error(ERR.unexpectedParen, this.source)
    this.frames.pop()
    const body = frame.alternatives.length === 0 ? concat(frame.items) : {type: 'alternate', items: [...frame.alternatives, concat(frame.items)]} as const
    this.push({type: 'group', body})
    this.pos++
  }

  /** `(?P<name>`, `(?<name>`, `(?flags)`, `(?flags:`; anything else is unsupported Perl syntax. */
  private parsePerlGroup(): void {
    const t = this.rest()
    const startsWithP = t.length > 4 && t[2] === 'P' && t[3] === '<'
    const startsWithName = t.length > 3 && t[2] === '<'
    if (startsWithP || startsWithName) {
      const end = t.indexOf('>')
      if (end < 0) throw new Re2Error(ERR.invalidNamedCapture, t)
      const capture = t.slice(0, end + 1)
      const name = t.slice(startsWithP ? 4 : 3, end)
      if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Re2Error(ERR.invalidNamedCapture, capture)
      this.groupNames.push(name)
      this.namedGroupOpenings.push({at: this.pos, length: capture.length})
      this.openGroup(capture.length)
      return
    }
    let negated = false
    let sawFlag = false
    let i = 2
    while (i < t.length) {
      // By code point, as Go reads runes: the message quotes the whole character that stopped it.
      const c = String.fromCodePoint(t.codePointAt(i) as number)
      i += c.length
      if ('imsU'.includes(c)) {
        sawFlag = true
      } else if (c === '-' && !negated) {
        negated = true
        sawFlag = false
      } else if ((c === ':' || c === ')') && !(negated && !sawFlag)) {
        if (c === ':') this.openGroup(i)
        else this.pos += i
        return
      } else break
    }
    throw new Re2Error(ERR.invalidPerlOp, t.slice(0, i))
  }

  private repeat(min: number, max: number, counted: boolean, before: string, lastRepeat: string): void {
    if (this.source[this.pos] === '?') this.pos++
    const after = this.rest()
    if (lastRepeat !== '') throw new Re2Error(ERR.invalidRepeatOp, lastRepeat.slice(0, lastRepeat.length - after.length))
    const items = this.frame.items
    const operator = before.slice(0, before.length - after.length)
    if (items.length === 0) throw new Re2Error(ERR.missingRepeatArgument, operator)
    const node: Node = {type: 'repeat', min, max, counted, body: items[items.length - 1]}
    if (counted && (min >= 2 || max >= 2) && !repeatIsValid(node, 1000)) throw new Re2Error(ERR.invalidRepeatSize, operator)
    items[items.length - 1] = node
  }

  private parseBackslash(): void {
    const next = this.source[this.pos + 1]
    if (next !== undefined && 'AzbB'.includes(next)) {
      this.push(ATOM)
      this.pos += 2
      return
    }
    if (next === 'C') throw new Re2Error(ERR.invalidEscape, '\\C')
    if (next === 'Q') {
      const end = this.source.indexOf('\\E', this.pos + 2)
      const text = this.source.slice(this.pos + 2, end === -1 ? undefined : end)
      for (const _char of text) this.push(ATOM)
      this.pos = end === -1 ? this.source.length : end + 2
      return
    }
    const classEnd = this.classEscape(this.pos)
    this.pos = classEnd ?? this.parseEscape(this.pos).end
    this.push(ATOM)
  }

  /** `\pN`, `\p{Name}`, `\PN`, `\d`, `\W`…: where a class escape starting at `at` ends, or undefined. */
  private classEscape(at: number): number | undefined {
    const letter = this.source[at + 1]
    if (letter === 'p' || letter === 'P') return this.unicodeClass(at)
    return letter !== undefined && 'dswDSW'.includes(letter) ? at + 2 : undefined
  }

  private unicodeClass(at: number): number {
    const s = this.rest(at)
    let seq: string
    let name: string
    if (s[2] === '{') {
      const end = s.indexOf('}')
      if (end < 0) throw new Re2Error(ERR.invalidCharRange, s)
      seq = s.slice(0, end + 1)
      name = s.slice(3, end)
    } else {
      seq = s.slice(0, 2 + this.char(at + 2).length)
      name = seq.slice(2)
    }
    if (name.startsWith('^')) name = name.slice(1)
    if (name !== 'Any' && !isUnicodeClass(name)) throw new Re2Error(ERR.invalidCharRange, seq)
    return at + seq.length
  }

  /** Go's parseEscape: one escaped character starting at the backslash at `at`. */
  private parseEscape(at: number): {codePoint: number; end: number} {
    const s = this.rest(at)
    if (s.length === 1) throw new Re2Error(ERR.trailingBackslash, '')
    const c = this.char(at + 1)
    let end = at + 1 + c.length
    const invalid = (): never => {
      throw new Re2Error(ERR.invalidEscape, this.source.slice(at, end))
    }
    const simple: Readonly<Record<string, number>> = {a: 7, f: 12, n: 10, r: 13, t: 9, v: 11}
    if (simple[c] !== undefined) return {codePoint: simple[c], end}
    if (c.length === 1 && c.charCodeAt(0) < 0x80 && !/[0-9A-Za-z]/.test(c)) return {codePoint: c.charCodeAt(0), end}
    if (/[0-7]/.test(c)) {
      // A lone \1-\7 would be a backreference, which RE2 does not have.
      if (c !== '0' && !/[0-7]/.test(this.source[end] ?? '')) return invalid()
      let value = Number(c)
      for (let digits = 1; digits < 3 && /[0-7]/.test(this.source[end] ?? ''); digits++) value = value * 8 + Number(this.source[end++])
      return {codePoint: value, end}
    }
    if (c === 'x') {
      if (this.source[end] === '{') {
        end++
        let value = 0
        let digits = 0
        for (;;) {
          const d = this.char(end)
          if (d === '') return invalid()
          end += d.length
          if (d === '}') break
          if (!isHex(d)) return invalid()
          value = value * 16 + parseInt(d, 16)
          if (value > MAX_RUNE) return invalid()
          digits++
        }
        if (digits === 0) return invalid()
        return {codePoint: value, end}
      }
      const x = this.char(end)
      end += x.length
      const y = this.char(end)
      end += y.length
      if (!isHex(x) || !isHex(y)) return invalid()
      return {codePoint: parseInt(`${x}${y}`, 16), end}
    }
    return invalid()
  }

  private parseClass(): void {
    const whole = this.rest()
    let at = this.pos + 1
    if (this.source[at] === '^') at++
    let first = true
    while (at >= this.source.length || this.source[at] !== ']' || first) {
      first = false
      if (this.source.startsWith('[:', at)) {
        const close = this.source.indexOf(':]', at + 2)
        if (close >= 0) {
          const name = this.source.slice(at, close + 2)
          if (!POSIX_CLASSES.has(name.slice(2, -2).replace(/^\^/, ''))) throw new Re2Error(ERR.invalidCharRange, name)
          at = close + 2
          continue
        }
      }
      if (this.source[at] === '\\') {
        const escapeEnd = this.classEscape(at)
        if (escapeEnd !== undefined) {
          at = escapeEnd
          continue
        }
      }
      const start = at
      const lo = this.classChar(at, whole)
      at = lo.end
      if (this.source[at] === '-' && at + 1 < this.source.length && this.source[at + 1] !== ']') {
        const hi = this.classChar(at + 1, whole)
        at = hi.end
        if (hi.codePoint < lo.codePoint) throw new Re2Error(ERR.invalidCharRange, this.source.slice(start, at))
      }
    }
    this.push(ATOM)
    this.pos = at + 1
  }

  private classChar(at: number, wholeClass: string): {codePoint: number; end: number} {
    if (at >= this.source.length) throw new Re2Error(ERR.missingBracket, wholeClass)
    if (this.source[at] === '\\') return this.parseEscape(at)
    const char = this.char(at)
    return {codePoint: char.codePointAt(0) as number, end: at + char.length}
  }
}

function concat(items: readonly Node[]): Node {
  return items.length === 1 ? items[0] : {type: 'concat', items}
}

/** Go's parseRepeat: `{n}`, `{n,}`, `{n,m}` at the start of `s`; undefined means `{` is a literal. */
function parseRepeatBraces(s: string): {min: number; max: number; length: number} | undefined {
  const match = /^\{(\d+)(,(\d*))?\}/.exec(s)
  if (match === null) return undefined
  const [, minText, comma, maxText] = match
  const leadingZero = (text: string) => text.length >= 2 && text.startsWith('0')
  if (leadingZero(minText) || (maxText !== undefined && leadingZero(maxText))) return undefined
  const value = (text: string) => (text.length > 9 ? -1 : Number(text))
  const min = value(minText)
  if (comma === undefined) return {min, max: min, length: match[0].length}
  if (maxText === '') return {min, max: -1, length: match[0].length}
  const max = value(maxText)
  return {min: max < 0 ? -1 : min, max, length: match[0].length}
}

/** Go's repeatIsValid: nested counted repeats may not multiply past `n`. */
function repeatIsValid(node: Node, n: number): boolean {
  let budget = n
  if (node.type === 'repeat' && node.counted) {
    if (node.max === 0) return true
    const m = node.max < 0 ? node.min : node.max
    if (m > budget) return false
    if (m > 0) budget = Math.floor(budget / m)
  }
  switch (node.type) {
    case 'group':
    case 'repeat':
      return repeatIsValid(node.body, budget)
    case 'concat':
    case 'alternate':
      return node.items.every((item) => repeatIsValid(item, budget))
    default:
      return true
  }
}

export function parseRe2(pattern: string): Re2ParseResult {
  const parser = new Parser(pattern)
  try {
    parser.parse()
    return {ok: true, groupNames: parser.groupNames, namedGroupOpenings: parser.namedGroupOpenings}
  } catch (error) {
    if (error instanceof Re2Error) return {ok: false, message: error.message}
    throw error
  }
}
