/**
 * `match_type: regex` rules, matched by re2js, a JavaScript port of Go's regexp: the time
 * a match takes grows linearly with the name whatever the rule, as in statsd_exporter.
 * JavaScript's own RegExp backtracks: `(a+)+$` took 76 s on a name of 30 `a`s and a `!`.
 *
 * re2-syntax.ts reads the pattern first, so what Go refuses is refused with Go's message,
 * and it names the groups. The engine gets the pattern with its groups unnamed, because Go
 * allows a name twice and RE2JS does not; templates find groups by name in `groupNames`.
 */
import type {RE2JS, RE2Set} from 're2js'
import {parseRe2} from './re2-syntax.js'
import {re2js} from './re2js.js'

/** A match and its groups, by index: undefined for a group that took no part in it. */
export type RegexMatch = readonly (string | undefined)[]

export type CompiledRegex =
  | {readonly ok: true; readonly regex: Re2Regex}
  | {readonly ok: false; readonly message: string}

export class Re2Regex {
  /** RE2JS's Go-style object: its findSubmatch is Go's FindStringSubmatch, without the Matcher that exec() builds (a third of the cost). */
  private readonly goRegexp: ReturnType<RE2JS['re2']>

  constructor(
    private readonly engine: RE2JS,
    /** The pattern as re2js compiled it: the rule's, with its groups unnamed. */
    readonly engineSource: string,
    /** Name of each group by index (0 is the whole match); "" for unnamed groups. */
    readonly groupNames: readonly string[],
  ) {
    this.goRegexp = engine.re2()
  }

  /** Instructions in the compiled program: RE2's measure of a regex's cost. */
  get programSize(): number {
    return this.engine.programSize()
  }

  /** Whether the regex matches somewhere in `text`. */
  test(text: string): boolean {
    return this.engine.test(text)
  }

  /** Go's FindStringSubmatch: the leftmost-first match, unanchored, or null. */
  exec(text: string): RegexMatch | null {
    const groups = this.goRegexp.findSubmatch(text) as (string | null | undefined)[] | null
    if (groups === null) return null
    for (let i = 0; i < groups.length; i++) if (groups[i] === null) groups[i] = undefined
    return groups as RegexMatch
  }
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

export function compileRegex(pattern: string): CompiledRegex {
  const parsed = parseRe2(pattern)
  if (!parsed.ok) return {ok: false, message: explain(parsed.message)}
  let engineSource = ''
  let copied = 0
  for (const {at, length} of parsed.namedGroupOpenings) {
    engineSource += `${pattern.slice(copied, at)}(`
    copied = at + length
  }
  engineSource += pattern.slice(copied)
  const {RE2JS, RE2JSSyntaxException} = re2js()
  try {
    return {ok: true, regex: new Re2Regex(RE2JS.compile(engineSource), engineSource, parsed.groupNames)}
  } catch (error) {
    // re2-syntax.ts checks everything Go's parser does but the size of the program; Go's message then names the whole pattern.
    if (error instanceof RE2JSSyntaxException && error.getPattern() === null) return {ok: false, message: `${error.message}: \`${pattern}\``}
    return {ok: false, message: (error as Error).message}
  }
}

/** Instructions per RE2Set: re2js refuses a set of more than 1,398,101, as RE2 refuses so large a program. */
const SET_INSTRUCTIONS = 100_000

/**
 * Which of a list of regexes match a text, found in one pass over it by RE2's Set (a DFA
 * of all of them) instead of one pass per regex: 100 rules cost about as much as one.
 * Regexes too big to share one set go into several.
 */
export class RegexSet {
  private readonly sets: {readonly first: number; readonly set: RE2Set}[] = []

  constructor(regexes: readonly Re2Regex[]) {
    const {RE2Set} = re2js()
    let set: RE2Set | undefined
    let instructions = 0
    regexes.forEach((regex, index) => {
      const size = regex.programSize
      if (set === undefined || instructions + size > SET_INSTRUCTIONS) {
        set = new RE2Set()
        this.sets.push({first: index, set})
        instructions = 0
      }
      set.add(regex.engineSource)
      instructions += size
    })
    for (const {set} of this.sets) set.compile()
  }

  /** Calls `visit` with the index of each regex that matches `text`, in list order, until it returns something. */
  find<T>(text: string, visit: (index: number) => T | undefined): T | undefined {
    for (const {first, set} of this.sets) {
      for (const index of set.match(text)) {
        const result = visit(first + index)
        if (result !== undefined) return result
      }
    }
    return undefined
  }
}
