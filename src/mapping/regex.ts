/**
 * RE2 (Go regexp) → JavaScript RegExp, for `match_type: regex` rules.
 *
 * The pattern is parsed with Go's rules (re2-syntax.ts), so what Go refuses is refused
 * with Go's message, and then written out as a `u`-flag RegExp with Go's meaning:
 * `.` excludes only `\n`, `\s` is `[\t\n\f\r ]`, `\d`/`\w`/`\b` are ASCII, `$` is the end
 * of the text, `(?m)` lines end at `\n` only, `{,n}` is literal text, and scoped flags
 * (`(?i:…)`, `(?s)`, `(?U)`) apply where Go applies them. Named groups become plain
 * groups plus a name table, because RE2 names (`01`, duplicates) are not all valid in JS.
 * Matching is unanchored, like Go's FindStringSubmatchIndex.
 */
import type {ClassItem, Re2Node} from './re2-syntax.js'
import {parseRe2} from './re2-syntax.js'

export type RegexTranslation =
  | {
    readonly ok: true
    readonly regexp: RegExp
    /** Name of each group by index (0 is the whole match); "" for unnamed groups. */
    readonly groupNames: readonly string[]
    /** Text every match contains (at the start when `anchored`): a cheap test before running the RegExp. */
    readonly required: {readonly text: string; readonly anchored: boolean} | undefined
  }
  | {
    readonly ok: false
    /** `invalid`: Go's regexp.Compile refuses it too. `unsupported`: Go accepts it, JavaScript cannot express it. */
    readonly reason: 'invalid' | 'unsupported'
    readonly message: string
  }

/** Simple case foldings that toLowerCase/toUpperCase do not reach (Kelvin, long s, Ångström, micro). */
const EXTRA_FOLDS: ReadonlyMap<number, readonly number[]> = new Map([
  [0x4b, [0x212a]], [0x6b, [0x212a]], [0x212a, [0x4b, 0x6b]],
  [0x53, [0x17f]], [0x73, [0x17f]], [0x17f, [0x53, 0x73]],
  [0xc5, [0x212b]], [0xe5, [0x212b]], [0x212b, [0xc5, 0xe5]],
  [0xb5, [0x39c, 0x3bc]], [0x39c, [0xb5]], [0x3bc, [0xb5]],
])

/** Classes wider than this are not case-expanded under a scoped `(?i:…)`; they nearly always hold both cases already. */
const MAX_FOLD_EXPANSION = 2048

function foldOrbit(codePoint: number): number[] {
  const char = String.fromCodePoint(codePoint)
  const orbit = new Set([codePoint, ...EXTRA_FOLDS.get(codePoint) ?? []])
  for (const variant of [char.toLowerCase(), char.toUpperCase()]) {
    const code = variant.codePointAt(0) as number
    if (String.fromCodePoint(code) === variant) orbit.add(code)
  }
  return [...orbit]
}

function hex(codePoint: number): string {
  return `\\u{${codePoint.toString(16)}}`
}

function literalSource(codePoint: number): string {
  const char = String.fromCodePoint(codePoint)
  if (/^[\\^$.*+?()[\]{}|/]$/.test(char)) return `\\${char}`
  return codePoint >= 0x20 && codePoint < 0x7f ? char : hex(codePoint)
}

function classSource(negated: boolean, items: readonly ClassItem[], extra: readonly number[]): string {
  const isPlain = (code: number) => /^[0-9A-Za-z]$/.test(String.fromCodePoint(code))
  const char = (code: number) => (isPlain(code) ? String.fromCodePoint(code) : hex(code))
  const parts = items.map((item) => {
    if (item.type === 'property') return `\\${item.negated ? 'P' : 'p'}{${item.property}}`
    return item.lo === item.hi ? char(item.lo) : `${char(item.lo)}-${char(item.hi)}`
  })
  return `[${negated ? '^' : ''}${parts.join('')}${extra.map(char).join('')}]`
}

/** Code points a folded class must also hold: the case partners of its (small) ranges. */
function foldExtras(items: readonly ClassItem[]): number[] {
  const extras = new Set<number>()
  for (const item of items) {
    if (item.type !== 'range' || item.hi - item.lo > MAX_FOLD_EXPANSION) continue
    for (let code = item.lo; code <= item.hi; code++) {
      for (const partner of foldOrbit(code)) if (partner < item.lo || partner > item.hi) extras.add(partner)
    }
  }
  return [...extras]
}

const ASSERTIONS = {
  beginText: '^',
  endText: '$',
  beginLine: '(?<![^\\n])',
  endLine: '(?![^\\n])',
  wordBoundary: '\\b',
  notWordBoundary: '\\B',
} as const

class Emitter {
  /** True when every case-sensitive node is folded, so the JS `i` flag says it all. */
  constructor(private readonly globalFold: boolean) {}

  emit(node: Re2Node): string {
    switch (node.type) {
      case 'literal': {
        if (!node.fold || this.globalFold) return literalSource(node.codePoint)
        const orbit = foldOrbit(node.codePoint)
        return orbit.length === 1 ? literalSource(node.codePoint) : classSource(false, [], orbit)
      }
      case 'class':
        return classSource(node.negated, node.items, node.fold && !this.globalFold ? foldExtras(node.items) : [])
      case 'any':
        return node.newline ? '[^]' : '[^\\n]'
      case 'assert':
        return ASSERTIONS[node.kind]
      case 'group':
        return node.capture === undefined ? `(?:${this.emit(node.body)})` : `(${this.emit(node.body)})`
      case 'concat':
        return node.items.map((item) => (item.type === 'alternate' ? `(?:${this.emit(item)})` : this.emit(item))).join('')
      case 'alternate':
        return node.items.map((item) => this.emit(item)).join('|')
      case 'repeat': {
        const body = this.emit(node.body)
        const atom = ['literal', 'class', 'any', 'group'].includes(node.body.type) ? body : `(?:${body})`
        return `${atom}${quantifier(node.min, node.max, node.counted)}${node.greedy ? '' : '?'}`
      }
    }
  }
}

function quantifier(min: number, max: number, counted: boolean): string {
  if (!counted) return max === 1 ? '?' : min === 1 ? '+' : '*'
  if (min === max) return `{${min}}`
  return max < 0 ? `{${min},}` : `{${min},${max}}`
}

/** Whether any literal or class is folded, and whether all of them are. */
function foldUse(root: Re2Node): {any: boolean; all: boolean} {
  let any = false
  let all = true
  const visit = (node: Re2Node): void => {
    switch (node.type) {
      case 'literal':
      case 'class':
        any ||= node.fold
        all &&= node.fold
        return
      case 'group':
      case 'repeat':
        visit(node.body)
        return
      case 'concat':
      case 'alternate':
        node.items.forEach(visit)
        return
      default:
    }
  }
  visit(root)
  return {any, all}
}

/**
 * The longest run of case-sensitive literals in the top-level sequence, which every match
 * must contain; `anchored` when the pattern starts with `^`/`\A` followed by that run.
 */
function requiredLiteral(root: Re2Node, globalFold: boolean): {text: string; anchored: boolean} | undefined {
  if (globalFold) return undefined
  const items = root.type === 'concat' ? root.items : [root]
  let best = {text: '', anchored: false}
  let run = ''
  let runAnchored = false
  items.forEach((item, index) => {
    if (item.type === 'literal' && !item.fold) {
      if (run === '') runAnchored = index === 1 && items[0].type === 'assert' && items[0].kind === 'beginText'
      run += String.fromCodePoint(item.codePoint)
      if (run.length > best.text.length || (runAnchored && run.length === best.text.length)) best = {text: run, anchored: runAnchored}
    } else {
      run = ''
    }
  })
  return best.text.length >= 2 ? best : undefined
}

/** What to add to Go's message so users know it is RE2, not a typo. */
function explain(message: string): string {
  if (/`\(\?<?[=!]/.test(message) || /invalid named capture: `\(\?<[=!]/.test(message)) {
    return `${message} (RE2 has no lookahead or lookbehind)`
  }
  if (/invalid escape sequence: `\\[1-9]`/.test(message)) return `${message} (RE2 has no backreferences)`
  if (/`\(\?>/.test(message) || /nested repetition operator: `[*+?]\+/.test(message)) {
    return `${message} (RE2 has no atomic groups or possessive quantifiers)`
  }
  return message
}

export function translateRegex(pattern: string): RegexTranslation {
  const parsed = parseRe2(pattern)
  if (!parsed.ok) return {ok: false, reason: 'invalid', message: explain(parsed.message)}
  const fold = foldUse(parsed.root)
  const globalFold = fold.any && fold.all
  const source = new Emitter(globalFold).emit(parsed.root)
  try {
    const regexp = new RegExp(source, globalFold ? 'iu' : 'u')
    return {ok: true, regexp, groupNames: parsed.groupNames, required: requiredLiteral(parsed.root, globalFold)}
  } catch (error) {
    return {ok: false, reason: 'unsupported', message: `Go accepts it, but it has no JavaScript equivalent: ${(error as Error).message}`}
  }
}
