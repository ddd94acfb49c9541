/**
 * statsd_exporter's glob matcher (pkg/mapper/fsm), state for state: a tree per metric
 * kind with one state per `.`-separated segment, literal transitions tried before `*`,
 * min/max remaining-segment pruning, and backtracking that keeps the rule that came
 * first in the file. Its quirks are kept on purpose, because a config must map here
 * exactly as it maps there:
 *
 * - `*` matches exactly one segment, including an empty one (`a.*.b` matches `a..b`).
 * - A rule whose final state already exists never becomes reachable there: a shorter
 *   rule after a longer one that passes through it (`a.b.c`, then `a.b`), or the same
 *   pattern twice. The later rule still takes over the state's priority.
 * - A metric segment that is literally `*` walks the `*` transition without capturing.
 */
import type {MetricKind} from './model.js'
import {METRIC_KINDS} from './model.js'

/** A glob statsd_exporter accepts (its metricLineRE): `*` only as a whole segment, no leading digit. */
export const VALID_GLOB = /^(\*|[a-zA-Z_][a-zA-Z0-9_-]*)(\.\*|\.[a-zA-Z0-9_][a-zA-Z0-9_-]*)*$/

interface State<T> {
  readonly transitions: Map<string, State<T>>
  /** `transitions.size`, kept on the state: reading it from the Map touches memory a lookup otherwise skips. */
  width: number
  /** The `*` transition, also in `transitions`; kept apart because every step looks for it. */
  star: State<T> | undefined
  minRemaining: number
  maxRemaining: number
  result: T | undefined
  /** The order of the last rule that ended here; lower wins when ordering is on. */
  priority: number
  /** The order of the rule that created the state, for explaining unreachable rules. */
  readonly createdBy: number
}

/** Why a glob rule can never match events of one kind. */
export interface UnreachableRule {
  /** 0-based order of the rule among the glob rules added. */
  readonly rule: number
  readonly kind: MetricKind
  /** `duplicate`: an earlier rule has the same pattern; `prefix`: an earlier, longer rule passes through its final state. */
  readonly reason: 'duplicate' | 'prefix'
  readonly earlierRule: number
}

function newState<T>(remaining: number, createdBy: number): State<T> {
  return {transitions: new Map(), width: 0, star: undefined, minRemaining: remaining, maxRemaining: remaining, result: undefined, priority: 0, createdBy}
}

function fits<T>(state: State<T> | undefined, left: number): state is State<T> {
  return state !== undefined && left <= state.maxRemaining && left >= state.minRemaining
}

export class GlobFsm<T> {
  private readonly roots: Record<MetricKind, State<T>>
  private readonly patterns: string[] = []
  private readonly unreachableRules: UnreachableRule[] = []
  /** Computed on first lookup: the analysis compares every pair of rules. */
  private backtracking: boolean | undefined
  // Scratch space reused by every lookup (lookups never interleave): captures along the
  // current path, and the backtracking stack as parallel arrays.
  private readonly fields: string[] = []
  private readonly working: string[] = []
  private readonly stackStates: State<T>[] = []
  private readonly stackFields: number[] = []
  private readonly stackCaptures: number[] = []
  private readonly stackValues: string[] = []

  constructor(readonly orderingDisabled: boolean) {
    this.roots = {counter: newState(0, -1), gauge: newState(0, -1), observer: newState(0, -1)}
  }

  /** Adds a rule (a pattern that passed VALID_GLOB); returns how many `*` it has. */
  add(pattern: string, kind: MetricKind | undefined, result: T): number {
    const order = this.patterns.length
    this.patterns.push(pattern)
    const fields = pattern.split('.')
    const last = fields.length - 1
    for (const root of kind === undefined ? METRIC_KINDS : [kind]) {
      let state = this.roots[root]
      for (let i = 0; i < fields.length; i++) {
        const remaining = last - i
        let next = state.transitions.get(fields[i])
        if (next === undefined) {
          next = newState<T>(remaining, order)
          if (i === last) next.result = result
          state.transitions.set(fields[i], next)
          state.width++
          if (fields[i] === '*') state.star = next
        } else {
          next.maxRemaining = Math.max(next.maxRemaining, remaining)
          next.minRemaining = Math.min(next.minRemaining, remaining)
          if (i === last) {
            this.unreachableRules.push({
              rule: order,
              kind: root,
              reason: next.result === undefined ? 'prefix' : 'duplicate',
              earlierRule: next.createdBy,
            })
          }
        }
        state = next
      }
      state.priority = order
    }
    this.backtracking = undefined
    return captureCount(pattern)
  }

  /** Rules that can never match, per kind, in the order they were found. */
  get unreachable(): readonly UnreachableRule[] {
    return this.unreachableRules
  }

  /**
   * The rule a metric name maps to, or undefined. `captures` receives one entry per
   * segment of the name (entries past them may be left from earlier lookups); the first
   * `captureCount` of the matched rule are its `*` values.
   */
  lookup(name: string, kind: MetricKind, captures: string[] = []): T | undefined {
    // With ordering on, upstream always backtracks; the analysis only decides it when ordering is off.
    const backtracking = this.backtracking ??= this.orderingDisabled
      ? analyzeGlobOrdering(this.patterns, true).backtrackingNeeded
      : true
    const fields = this.fields
    const count = splitSegments(name, fields)
    const working = this.working
    for (let k = 0; k < count; k++) working[k] = ''
    let top = 0
    let current = this.roots[kind]
    let state: State<T> = current
    let resume = false
    let best: State<T> | undefined
    let captureIndex = 0
    let i = 0
    for (;;) {
      for (;;) {
        if (!resume) {
          if (current.width === 0) break
          const field = fields[i]
          const left = count - i - 1
          // Hashing the segment is the main cost; a state whose only way on is `*` needs none.
          const literal = current.width === 1 && current.star !== undefined
            ? (field === '*' ? current.star : undefined)
            : current.transitions.get(field)
          if (!fits(literal, left)) {
            if (!fits(current.star, left)) break
            state = current.star
            working[captureIndex++] = field
          } else {
            state = literal
            if (backtracking && fits(current.star, left)) {
              this.stackStates[top] = current.star
              this.stackFields[top] = i
              this.stackCaptures[top] = captureIndex
              this.stackValues[top] = field
              top++
            }
          }
        }
        if (state.result !== undefined && i === count - 1) {
          if (this.orderingDisabled) {
            copyInto(captures, working, count)
            return state.result
          }
          if (best === undefined || best.priority > state.priority) {
            best = state
            copyInto(captures, working, count)
          }
          break
        }
        if (++i >= count) break
        resume = false
        current = state
      }
      if (top === 0) break
      top--
      state = this.stackStates[top]
      current = state
      i = this.stackFields[top]
      captureIndex = this.stackCaptures[top] + 1
      working[captureIndex - 1] = this.stackValues[top]
      resume = true
    }
    return best?.result
  }
}

/** `name.split('.')` into a reused array (twice as fast as split); returns the segment count. */
function splitSegments(name: string, into: string[]): number {
  let count = 0
  let start = 0
  for (let dot = name.indexOf('.'); dot !== -1; dot = name.indexOf('.', start)) {
    into[count++] = name.slice(start, dot)
    start = dot + 1
  }
  into[count++] = name.slice(start)
  return count
}

/** Copies the first `count` entries; entries past them are stale and never read. */
function copyInto(target: string[], source: readonly string[], count: number): void {
  for (let k = 0; k < count; k++) target[k] = source[k]
}

/** How many `*` segments a glob has: the `$n` its templates can use. */
export function captureCount(pattern: string): number {
  return pattern.split('.').filter((segment) => segment === '*').length
}

export interface GlobOrderingAnalysis {
  /** Whether lookups explore `*` alternatives after a literal transition matched. */
  readonly backtrackingNeeded: boolean
  /** Rules upstream logs "backtracking required because of match" for (indexes into the patterns). */
  readonly backtrackingCauses: readonly number[]
  /** Upstream's "match is a super set of match but in a lower order": `superset` comes first and covers `subset`. */
  readonly supersets: readonly {readonly superset: number; readonly subset: number}[]
}

/** The glob as the regex upstream's analysis uses: `*` is `([^.]*)`, matched against other patterns' text. */
function globRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.replaceAll('.', '\\.').replaceAll('*', '([^.]*)')}$`)
}

/**
 * upstream's TestIfNeedBacktracking, with the warnings it logs returned as data. Rules
 * are compared only with rules of the same segment count; backtracking is always on
 * while ordering is on.
 */
export function analyzeGlobOrdering(patterns: readonly string[], orderingDisabled: boolean): GlobOrderingAnalysis {
  const byLength = new Map<number, number[]>()
  for (const [index, pattern] of patterns.entries()) {
    const length = pattern.split('.').length
    const group = byLength.get(length)
    if (group) group.push(index)
    else byLength.set(length, [index])
  }
  const causes: number[] = []
  const supersets: {superset: number; subset: number}[] = []
  for (const group of byLength.values()) {
    if (group.length === 1) continue
    const regexps = new Map(group.map((index) => [index, globRegExp(patterns[index])]))
    for (const [position1, index1] of group.entries()) {
      const rule1 = patterns[index1]
      if (!rule1.includes('*')) continue
      let needsBacktrack = false
      for (let star = rule1.indexOf('*'); star !== -1; star = rule1.indexOf('*', star + 1)) {
        const prefix = rule1.slice(0, star)
        if (group.some((index2) => index2 !== index1 && patterns[index2].startsWith(prefix))) needsBacktrack = true
      }
      const regexp1 = regexps.get(index1) as RegExp
      for (const [position2, index2] of group.entries()) {
        if (index2 === index1 || !regexp1.test(patterns[index2])) continue
        if (!orderingDisabled && position1 < position2) supersets.push({superset: index1, subset: index2})
        needsBacktrack = false
      }
      for (const index2 of group) {
        if (index2 !== index1 && (regexps.get(index2) as RegExp).test(rule1)) needsBacktrack = false
      }
      if (needsBacktrack) causes.push(index1)
    }
  }
  return {backtrackingNeeded: !orderingDisabled || causes.length > 0, backtrackingCauses: causes, supersets}
}

/** Whether `general` matches every name `specific` matches: same segment count, each segment `*` or equal. */
export function globCovers(general: string, specific: string): boolean {
  const a = general.split('.')
  const b = specific.split('.')
  return a.length === b.length && a.every((segment, i) => segment === '*' || segment === b[i])
}
