import {UsageError} from '../errors.js'

/** A value to send: fixed, or drawn uniformly from a range on every line in load mode. */
export type ValueSource =
  | {readonly kind: 'fixed'; readonly value: number}
  | {readonly kind: 'range'; readonly low: number; readonly high: number; readonly integers: boolean}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/
const RANGE_CHARACTERS = /^[\d.eE+-]+$/

/** Strict decimal numbers only: `abc`, `1o`, `0x10` and `` are errors, not NaN or 0. */
export function parseNumber(text: string, what: string): number {
  const value = NUMBER.test(text) ? Number(text) : Number.NaN
  if (!Number.isFinite(value)) throw new UsageError(`${what}: ${JSON.stringify(text)} is not a number`)
  return value
}

/**
 * `LOW..HIGH` split at its last `..` that leaves both ends non-empty, or undefined. Found by
 * hand: a regex with a `..` between two runs that may hold dots backtracks, and took
 * seconds on one long stdin line of `1..1..1..`.
 */
function splitRange(text: string): [string, string] | undefined {
  if (!RANGE_CHARACTERS.test(text)) return undefined
  const at = text.lastIndexOf('..', text.length - 3)
  return at >= 1 ? [text.slice(0, at), text.slice(at + 2)] : undefined
}

/** `42`, `-3.5`, or a range `50..250` (whole numbers when both ends are whole). */
export function parseValueSource(text: string, what: string): ValueSource {
  const range = splitRange(text)
  if (!range) return {kind: 'fixed', value: parseNumber(text, what)}
  const low = parseNumber(range[0], what)
  const high = parseNumber(range[1], what)
  if (low > high) throw new UsageError(`${what}: range ${text} runs backwards`, `write it as ${range[1]}..${range[0]}`)
  return {kind: 'range', low, high, integers: Number.isInteger(low) && Number.isInteger(high)}
}

export function drawValue(source: ValueSource, random: () => number = Math.random): number {
  if (source.kind === 'fixed') return source.value
  return source.integers
    ? source.low + Math.floor(random() * (source.high - source.low + 1))
    : source.low + random() * (source.high - source.low)
}

export function lowestValue(source: ValueSource): number {
  return source.kind === 'fixed' ? source.value : source.low
}
