/**
 * A parser for Go's regexp/syntax (RE2, Perl flags), the dialect of a `match_type: regex`
 * rule. It accepts and refuses what Go's regexp.Compile does, with Go's error text
 * (`missing argument to repetition operator: `*``), and produces a small tree that
 * regex.ts turns into a JavaScript RegExp. Flags are resolved onto the nodes here, so
 * `(?i:…)`, `(?s)`, `(?m)` and `(?U)` keep their Go scope.
 */

export interface Flags {
  readonly fold: boolean
  /** `(?m)`: `^`/`$` match at line boundaries. */
  readonly multiLine: boolean
  /** `(?s)`: `.` matches `\n`. */
  readonly dotNewline: boolean
  /** `(?U)`: `*` is lazy and `*?` greedy. */
  readonly ungreedy: boolean
}

/** Code point ranges, inclusive, or a Unicode property (`\p{Greek}`) with its JS spelling. */
export type ClassItem =
  | {readonly type: 'range'; readonly lo: number; readonly hi: number}
  | {readonly type: 'property'; readonly property: string; readonly negated: boolean}

export type Re2Node =
  | {readonly type: 'literal'; readonly codePoint: number; readonly fold: boolean}
  | {readonly type: 'class'; readonly negated: boolean; readonly items: readonly ClassItem[]; readonly fold: boolean}
  | {readonly type: 'any'; readonly newline: boolean}
  | {readonly type: 'assert'; readonly kind: 'beginText' | 'endText' | 'beginLine' | 'endLine' | 'wordBoundary' | 'notWordBoundary'}
  | {readonly type: 'group'; readonly capture: number | undefined; readonly body: Re2Node}
  | {readonly type: 'concat'; readonly items: readonly Re2Node[]}
  | {readonly type: 'alternate'; readonly items: readonly Re2Node[]}
  | {readonly type: 'repeat'; readonly min: number; readonly max: number; readonly greedy: boolean; readonly counted: boolean; readonly body: Re2Node}

export type Re2ParseResult =
  | {readonly ok: true; readonly root: Re2Node; readonly groupNames: readonly string[]}
  | {readonly ok: false; readonly message: string}

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

const PERL_GROUPS: Readonly<Record<string, readonly [number, number][]>> = {
  d: [[0x30, 0x39]],
  s: [[0x09, 0x0a], [0x0c, 0x0d], [0x20, 0x20]],
  w: [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]],
}

const POSIX_GROUPS: Readonly<Record<string, readonly [number, number][]>> = {
  alnum: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]],
  alpha: [[0x41, 0x5a], [0x61, 0x7a]],
  ascii: [[0x00, 0x7f]],
  blank: [[0x09, 0x09], [0x20, 0x20]],
  cntrl: [[0x00, 0x1f], [0x7f, 0x7f]],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [[0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]],
  space: [[0x09, 0x0d], [0x20, 0x20]],
  upper: [[0x41, 0x5a]],
  word: [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]],
  xdigit: [[0x30, 0x39], [0x41, 0x46], [0x61, 0x66]],
}

/** Go's unicode.Categories keys; any other name must be a script. */
const CATEGORIES = new Set(['C', 'Cc', 'Cf', 'Co', 'Cs', 'L', 'Ll', 'Lm', 'Lo', 'Lt', 'Lu', 'M', 'Mc', 'Me', 'Mn', 'N', 'Nd', 'Nl', 'No',
  'P', 'Pc', 'Pd', 'Pe', 'Pf', 'Pi', 'Po', 'Ps', 'S', 'Sc', 'Sk', 'Sm', 'So', 'Z', 'Zl', 'Zp', 'Zs'])

function rangesOf(pairs: readonly [number, number][], negated: boolean): ClassItem[] {
  const ranges = negated ? complement(pairs) : pairs
  return ranges.map(([lo, hi]) => ({type: 'range', lo, hi}))
}

function complement(pairs: readonly [number, number][]): [number, number][] {
  const out: [number, number][] = []
  let next = 0
  for (const [lo, hi] of pairs) {
    if (lo > next) out.push([next, lo - 1])
    next = hi + 1
  }
  if (next <= MAX_RUNE) out.push([next, MAX_RUNE])
  return out
}

/** The JS property expression for a Go `\p{name}`, or undefined when Go does not know the name. */
function unicodeProperty(name: string): string | undefined {
  if (name === 'Any') return 'Any'
  const property = CATEGORIES.has(name) ? name : /^[A-Z][A-Za-z_]*$/.test(name) ? `Script=${name}` : undefined
  if (property === undefined) return undefined
  try {
    new RegExp(`\\p{${property}}`, 'u')
    return property
  } catch {
    return undefined
  }
}

function isHex(c: string | undefined): boolean {
  return c !== undefined && /^[0-9a-fA-F]$/.test(c)
}

interface Frame {
  readonly alternatives: Re2Node[]
  items: Re2Node[]
  /** Flags in force before the group opened, restored at its `)`. */
  readonly outerFlags: Flags
  readonly capture: number | undefined
  /** False for the implicit top frame. */
  readonly isGroup: boolean
}

class Parser {
  private pos = 0
  private flags: Flags = {fold: false, multiLine: false, dotNewline: false, ungreedy: false}
  private readonly frames: Frame[]
  readonly groupNames: string[] = ['']

  constructor(private readonly source: string) {
    this.frames = [{alternatives: [], items: [], outerFlags: this.flags, capture: undefined, isGroup: false}]
  }

  private get frame(): Frame {
    return this.frames[this.frames.length - 1]
  }

  private rest(at: number = this.pos): string {
    return this.source.slice(at)
  }

  /** The code point at `at` and its length in UTF-16 units. */
  private charAt(at: number): [string, number] {
    const code = this.source.codePointAt(at)
    if (code === undefined) return ['', 0]
    const char = String.fromCodePoint(code)
    return [char, char.length]
  }

  parse(): Re2Node {
    let lastRepeat = ''
    while (this.pos < this.source.length) {
      let repeat = ''
      const c = this.source[this.pos]
      switch (c) {
        case '(':
          if (this.source[this.pos + 1] === '?') this.parsePerlGroup()
          else this.openGroup(this.groupNames.push('') - 1, this.flags, 1)
          break
        case '|':
          this.frame.alternatives.push(concat(this.frame.items))
          this.frame.items = []
          this.pos++
          break
        case ')':
          this.closeGroup()
          break
        case '^':
          this.push({type: 'assert', kind: this.flags.multiLine ? 'beginLine' : 'beginText'})
          this.pos++
          break
        case '$':
          this.push({type: 'assert', kind: this.flags.multiLine ? 'endLine' : 'endText'})
          this.pos++
          break
        case '.':
          this.push({type: 'any', newline: this.flags.dotNewline})
          this.pos++
          break
        case '[':
          this.parseClass()
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
            this.literal(0x7b)
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
        case '\\':
          this.parseBackslash()
          break
        default: {
          const [char, size] = this.charAt(this.pos)
          this.literal(char.codePointAt(0) as number)
          this.pos += size
        }
      }
      lastRepeat = repeat
    }
    if (this.frames.length > 1) throw new Re2Error(ERR.missingParen, this.source)
    const top = this.frame
    return top.alternatives.length === 0 ? concat(top.items) : {type: 'alternate', items: [...top.alternatives, concat(top.items)]}
  }

  private push(node: Re2Node): void {
    this.frame.items.push(node)
  }

  private literal(codePoint: number): void {
    this.push({type: 'literal', codePoint, fold: this.flags.fold})
  }

  /** Opens a group whose opening syntax is `length` characters long. */
  private openGroup(capture: number | undefined, outerFlags: Flags, length: number): void {
    if (this.frames.length > MAX_DEPTH) throw new Re2Error(ERR.nestingDepth, this.source)
    this.frames.push({alternatives: [], items: [], outerFlags, capture, isGroup: true})
    this.pos += length
  }

  private closeGroup(): void {
    const frame = this.frame
    if (!frame.isGroup) throw new Re2Error(ERR.unexpectedParen, this.source)
    this.frames.pop()
    const body = frame.alternatives.length === 0 ? concat(frame.items) : {type: 'alternate', items: [...frame.alternatives, concat(frame.items)]} as const
    this.flags = frame.outerFlags
    this.push({type: 'group', capture: frame.capture, body})
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
      this.openGroup(this.groupNames.push(name) - 1, this.flags, capture.length)
      return
    }
    let fold = this.flags.fold
    let multiLine = this.flags.multiLine
    let dotNewline = this.flags.dotNewline
    let ungreedy = this.flags.ungreedy
    let negate = false
    let sawFlag = false
    let i = 2
    while (i < t.length) {
      const c = t[i++]
      const on = !negate
      if (c === 'i') fold = on
      else if (c === 'm') multiLine = on
      else if (c === 's') dotNewline = on
      else if (c === 'U') ungreedy = on
      else if (c === '-' && !negate) {
        negate = true
        sawFlag = false
        continue
      } else if ((c === ':' || c === ')') && !(negate && !sawFlag)) {
        if (c === ':') this.openGroup(undefined, this.flags, i)
        else this.pos += i
        this.flags = {fold, multiLine, dotNewline, ungreedy}
        return
      } else break
      sawFlag = true
    }
    throw new Re2Error(ERR.invalidPerlOp, t.slice(0, i))
  }

  private repeat(min: number, max: number, counted: boolean, before: string, lastRepeat: string): void {
    let greedy = !this.flags.ungreedy
    if (this.source[this.pos] === '?') {
      greedy = !greedy
      this.pos++
    }
    const after = this.rest()
    if (lastRepeat !== '') throw new Re2Error(ERR.invalidRepeatOp, lastRepeat.slice(0, lastRepeat.length - after.length))
    const items = this.frame.items
    const operator = before.slice(0, before.length - after.length)
    if (items.length === 0) throw new Re2Error(ERR.missingRepeatArgument, operator)
    const node: Re2Node = {type: 'repeat', min, max, greedy, counted, body: items[items.length - 1]}
    if (counted && (min >= 2 || max >= 2) && !repeatIsValid(node, 1000)) throw new Re2Error(ERR.invalidRepeatSize, operator)
    items[items.length - 1] = node
  }

  private parseBackslash(): void {
    const next = this.source[this.pos + 1]
    const assertion = next === undefined ? undefined : ({A: 'beginText', z: 'endText', b: 'wordBoundary', B: 'notWordBoundary'} as const)[next as 'A']
    if (assertion !== undefined) {
      this.push({type: 'assert', kind: assertion})
      this.pos += 2
      return
    }
    if (next === 'C') throw new Re2Error(ERR.invalidEscape, '\\C')
    if (next === 'Q') {
      const end = this.source.indexOf('\\E', this.pos + 2)
      const text = this.source.slice(this.pos + 2, end === -1 ? undefined : end)
      for (const char of text) this.literal(char.codePointAt(0) as number)
      this.pos = end === -1 ? this.source.length : end + 2
      return
    }
    const items = this.classEscape(this.pos)
    if (items !== undefined) {
      this.push({type: 'class', negated: false, items: items.items, fold: this.flags.fold})
      this.pos = items.end
      return
    }
    const escaped = this.parseEscape(this.pos)
    this.literal(escaped.codePoint)
    this.pos = escaped.end
  }

  /** `\pN`, `\p{Name}`, `\PN`, `\d`, `\W`…: a class escape starting at `at`, or undefined. */
  private classEscape(at: number): {items: ClassItem[]; end: number} | undefined {
    const letter = this.source[at + 1]
    if (letter === 'p' || letter === 'P') return this.unicodeClass(at)
    const perl = letter === undefined ? undefined : PERL_GROUPS[letter.toLowerCase()]
    if (perl === undefined || !'dswDSW'.includes(letter)) return undefined
    return {items: rangesOf(perl, letter !== letter.toLowerCase()), end: at + 2}
  }

  private unicodeClass(at: number): {items: ClassItem[]; end: number} {
    const s = this.rest(at)
    let negated = s[1] === 'P'
    let seq: string
    let name: string
    if (s[2] === '{') {
      const end = s.indexOf('}')
      if (end < 0) throw new Re2Error(ERR.invalidCharRange, s)
      seq = s.slice(0, end + 1)
      name = s.slice(3, end)
    } else {
      const [char] = this.charAt(at + 2)
      seq = s.slice(0, 2 + char.length)
      name = char
    }
    if (name.startsWith('^')) {
      negated = !negated
      name = name.slice(1)
    }
    const property = unicodeProperty(name)
    if (property === undefined) throw new Re2Error(ERR.invalidCharRange, seq)
    return {items: [{type: 'property', property, negated}], end: at + seq.length}
  }

  /** Go's parseEscape: one escaped character starting at the backslash at `at`. */
  private parseEscape(at: number): {codePoint: number; end: number} {
    const s = this.rest(at)
    if (s.length === 1) throw new Re2Error(ERR.trailingBackslash, '')
    const [c, size] = this.charAt(at + 1)
    let end = at + 1 + size
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
          const d = this.source[end]
          if (d === undefined) return invalid()
          end++
          if (d === '}') break
          if (!isHex(d)) return invalid()
          value = value * 16 + parseInt(d, 16)
          if (value > MAX_RUNE) return invalid()
          digits++
        }
        if (digits === 0) return invalid()
        return {codePoint: value, end}
      }
      const x = this.source[end]
      const y = this.source[end + 1]
      end += Math.min(2, this.source.length - end)
      if (!isHex(x) || !isHex(y)) return invalid()
      return {codePoint: parseInt(`${x}${y}`, 16), end}
    }
    return invalid()
  }

  private parseClass(): void {
    const whole = this.rest()
    let at = this.pos + 1
    let negated = false
    if (this.source[at] === '^') {
      negated = true
      at++
    }
    const items: ClassItem[] = []
    let first = true
    while (at >= this.source.length || this.source[at] !== ']' || first) {
      first = false
      if (this.source.startsWith('[:', at)) {
        const close = this.source.indexOf(':]', at + 2)
        if (close >= 0) {
          const name = this.source.slice(at, close + 2)
          const inner = name.slice(2, -2)
          const group = POSIX_GROUPS[inner.replace(/^\^/, '')]
          if (group === undefined) throw new Re2Error(ERR.invalidCharRange, name)
          items.push(...rangesOf(group, inner.startsWith('^')))
          at = close + 2
          continue
        }
      }
      if (this.source[at] === '\\') {
        const escape = this.classEscape(at)
        if (escape !== undefined) {
          items.push(...escape.items)
          at = escape.end
          continue
        }
      }
      const start = at
      const lo = this.classChar(at, whole)
      at = lo.end
      let hi = lo.codePoint
      if (this.source[at] === '-' && at + 1 < this.source.length && this.source[at + 1] !== ']') {
        const upper = this.classChar(at + 1, whole)
        at = upper.end
        hi = upper.codePoint
        if (hi < lo.codePoint) throw new Re2Error(ERR.invalidCharRange, this.source.slice(start, at))
      }
      items.push({type: 'range', lo: lo.codePoint, hi})
    }
    this.push({type: 'class', negated, items, fold: this.flags.fold})
    this.pos = at + 1
  }

  private classChar(at: number, wholeClass: string): {codePoint: number; end: number} {
    if (at >= this.source.length) throw new Re2Error(ERR.missingBracket, wholeClass)
    if (this.source[at] === '\\') return this.parseEscape(at)
    const [char, size] = this.charAt(at)
    return {codePoint: char.codePointAt(0) as number, end: at + size}
  }
}

function concat(items: readonly Re2Node[]): Re2Node {
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
function repeatIsValid(node: Re2Node, n: number): boolean {
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
    return {ok: true, root: parser.parse(), groupNames: parser.groupNames}
  } catch (error) {
    if (error instanceof Re2Error) return {ok: false, message: error.message}
    throw error
  }
}
