/**
 * How the docs say what type a metric is: a word after the names (`: counters`), a
 * Type column, the section a table or list sits under ("HTTP Counters"), and, where
 * none of these says it, a description or a name that suggests one (a guess, with its
 * reason, for `guessed.type`).
 */
import type {StatsdType} from '../model.js'

/** What a `: word` after documented names says they are. */
export type ItemKind = {readonly kind: 'metric'; readonly type?: StatsdType} | {readonly kind: 'tags'}

const TYPE_BY_WORD: Readonly<Record<string, StatsdType>> = {
  counter: 'counter',
  count: 'counter',
  gauge: 'gauge',
  timer: 'timer',
  timing: 'timer',
  histogram: 'histogram',
  distribution: 'distribution',
  set: 'set',
  untyped: 'unknown',
}

/** The section title of each type, as the renderer writes it and the importer reads it. */
export const TYPE_SECTION_TITLES: Readonly<Record<StatsdType, string>> = {
  counter: 'Counters',
  gauge: 'Gauges',
  timer: 'Timers',
  histogram: 'Histograms',
  distribution: 'Distributions',
  set: 'Sets',
  unknown: 'Untyped metrics',
}

const singular = (word: string): string => word.toLowerCase().replace(/(?<=[a-z])s$/, '')

/**
 * `counters`, `gauge`, `pseudo-timers`, `tags`, `metrics`: what the word after `:` says.
 * Undefined for a word that says nothing the importer knows.
 */
export function itemKind(word: string): ItemKind | undefined {
  const base = singular(word.trim().replace(/^(?:pseudo|statsd)[- ]?/i, ''))
  if (base === 'tag') return {kind: 'tags'}
  if (base === 'metric' || base === 'stat') return {kind: 'metric'}
  const type = TYPE_BY_WORD[base]
  return type === undefined ? undefined : {kind: 'metric', type}
}

/**
 * The type a section title gives its tables and lists: its last word ("Counters", "HTTP
 * Counters", "Task Timers"), or the renderer's "Untyped metrics". A title written as
 * code (a name's first segment, when the docs are grouped by segment) gives none.
 */
export function sectionType(title: string): StatsdType | undefined {
  const plain = title.trim()
  if (/^`.*`$/.test(plain) || /^``.*``$/.test(plain)) return undefined
  if (/^(?:untyped|unknown[- ]type)(?: metrics)?$/i.test(plain)) return 'unknown'
  const last = /([A-Za-z-]+)\W*$/.exec(plain)?.[1]
  if (last === undefined || !/s$/i.test(last)) return undefined
  const kind = itemKind(last)
  return kind?.kind === 'metric' ? kind.type : undefined
}

/** Descriptions that suggest a type, tried in order. */
const DESCRIPTION_HINTS: readonly {readonly pattern: RegExp; readonly type: StatsdType}[] = [
  {pattern: /^(?:tracks?|measures?|records?)\s+(?:the\s+)?(?:amount of\s+)?(?:time|duration|how long|latency)\b/i, type: 'timer'},
  {pattern: /^(?:tracks?|measures?)\s+time\s+spent\b/i, type: 'timer'},
  {pattern: /^(?:time|duration|milliseconds|seconds)\s+(?:taken|spent|it takes|to|of)\b/i, type: 'timer'},
  {pattern: /^counts?\b/i, type: 'counter'},
]

/** Name segments that suggest a type: `fanout_latency`, `request.latency.<METHOD>`, `request.total`. */
const NAME_HINTS: readonly {readonly pattern: RegExp; readonly type: StatsdType}[] = [
  {pattern: /(?:^|[._])(?:latency|duration)(?:$|[._])/i, type: 'timer'},
  {pattern: /(?:^|[._])total(?:$|[._])/i, type: 'counter'},
]

export interface TypeGuess {
  readonly type: StatsdType
  readonly reason: string
}

/** A type the description or the name suggests, and why; undefined when neither does. */
export function guessType(description: string | undefined, name: string): TypeGuess | undefined {
  const text = (description ?? '').trim()
  for (const hint of DESCRIPTION_HINTS) {
    const match = hint.pattern.exec(text)
    if (match) return {type: hint.type, reason: `description starts '${text.slice(0, match[0].length)}'`}
  }
  for (const hint of NAME_HINTS) {
    const match = hint.pattern.exec(name)
    if (match) return {type: hint.type, reason: `name has '${match[0].replace(/^[._]|[._]$/g, '')}'`}
  }
  return undefined
}
