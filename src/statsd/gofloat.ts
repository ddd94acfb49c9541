/**
 * Go's `strconv.ParseFloat(s, 64)`, which statsd_exporter applies to values and sample
 * rates. JavaScript's Number() and parseFloat() disagree with it both ways: Go accepts
 * `inf`, `Infinity`, `1_0` and `0x1p-2`, and rejects ` 1`, `0x10`, `0b1` and `1o`.
 *
 * The grammar is Go's floating-point literal: an optional sign, then either a decimal
 * mantissa with an optional `e` exponent, or `0x` + hex mantissa + a mandatory `p`
 * exponent; underscores only between digits (or right after `0x`); or, ignoring case,
 * `inf`, `infinity` (both optionally signed) or `nan` (unsigned).
 */

const PLUS = 0x2b
const MINUS = 0x2d
const DOT = 0x2e
const UNDERSCORE = 0x5f
const ZERO = 0x30
const NINE = 0x39
const LOWER_A = 0x61
const LOWER_F = 0x66
const LOWER_E = 0x65
const LOWER_P = 0x70
const LOWER_X = 0x78
const LOWER_Y = 0x79
/** ORing 0x20 into an ASCII letter lower-cases it and maps nothing else onto a letter. */
const CASE_BIT = 0x20

/** Go stops accumulating exponent digits once the exponent reaches this. */
const EXPONENT_CAP = 10_000
/**
 * Integers of up to 15 digits and powers of ten up to 1e22 are exact doubles, so one
 * multiplication or division of the two rounds correctly (Clinger's fast path, as Go's own).
 */
const MAX_EXACT_DIGITS = 15
const EXACT_POWERS_OF_TEN = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]
const MAX_EXACT_POWER = EXACT_POWERS_OF_TEN.length - 1

/**
 * The number Go's ParseFloat returns for `text.slice(start, end)` with a nil error, or
 * undefined where Go returns an error (bad syntax, or a finite number that overflows).
 * Taking a range spares the caller a substring.
 */
export function parseGoFloat(text: string, start = 0, end = text.length): number | undefined {
  const value = readGoFloat(text, start, end)
  if ((value === Infinity || value === -Infinity) && !endsWithInfinityWord(text, end)) return undefined
  return value
}

/**
 * The number Go's ParseFloat returns *alongside* its error: 0 for bad syntax, ±Inf for
 * an overflow. statsd_exporter uses a sample rate even when parsing it failed.
 */
export function goParseFloatValue(text: string, start = 0, end = text.length): number {
  return readGoFloat(text, start, end) ?? 0
}

/** The value, ±Inf on overflow, or undefined on bad syntax. */
function readGoFloat(text: string, start: number, end: number): number | undefined {
  if (start >= end) return undefined
  // Fast path: a plain decimal of up to 15 digits, with an exponent that keeps it exact; the common case.
  let i = start
  let code = text.charCodeAt(i)
  const negative = code === MINUS
  if (negative || code === PLUS) i++
  let mantissa = 0
  let digits = 0
  let fractionDigits = 0
  let sawDot = false
  for (; i < end; i++) {
    code = text.charCodeAt(i)
    if (code >= ZERO && code <= NINE) {
      mantissa = mantissa * 10 + (code - ZERO)
      digits++
      if (sawDot) fractionDigits++
    } else if (code === DOT && !sawDot) {
      sawDot = true
    } else {
      break
    }
  }
  let power = -fractionDigits
  if (i < end && (code | CASE_BIT) === LOWER_E) {
    const exponent = readShortExponent(text, i + 1, end)
    if (exponent !== undefined) {
      power += exponent
      i = end
    }
  }
  if (i === end && digits > 0 && digits <= MAX_EXACT_DIGITS && Math.abs(power) <= MAX_EXACT_POWER) {
    const value = power < 0 ? mantissa / EXACT_POWERS_OF_TEN[-power] : mantissa * EXACT_POWERS_OF_TEN[power]
    return negative ? -value : value
  }
  return readSpecial(text, start, end) ?? readLiteral(text, start, end)
}

/**
 * The exponent text[start, end) if it is an optional sign and one to three digits, nothing
 * else: the fast path's exponents. Longer ones take the general path.
 */
function readShortExponent(text: string, start: number, end: number): number | undefined {
  let i = start
  const sign = i < end ? text.charCodeAt(i) : 0
  if (sign === PLUS || sign === MINUS) i++
  if (i === end || end - i > 3) return undefined
  let exponent = 0
  for (; i < end; i++) {
    const code = text.charCodeAt(i)
    if (!isDigit(code)) return undefined
    exponent = exponent * 10 + (code - ZERO)
  }
  return sign === MINUS ? -exponent : exponent
}

/** `inf`, `infinity` (optionally signed) or `nan` (never signed), ignoring case, and nothing after. */
function readSpecial(text: string, start: number, end: number): number | undefined {
  const first = text.charCodeAt(start)
  const signed = first === PLUS || first === MINUS
  if (isInfinityWord(text, signed ? start + 1 : start, end)) return first === MINUS ? -Infinity : Infinity
  return !signed && matchesWord(text, start, end, 'nan') ? NaN : undefined
}

function isInfinityWord(text: string, start: number, end: number): boolean {
  return matchesWord(text, start, end, 'inf') || matchesWord(text, start, end, 'infinity')
}

function matchesWord(text: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false
  for (let k = 0; k < word.length; k++) {
    if ((text.charCodeAt(start + k) | CASE_BIT) !== word.charCodeAt(k)) return false
  }
  return true
}

/** A decimal number ends in a digit or a dot, a hex one in its exponent; only words end in f or y. */
function endsWithInfinityWord(text: string, end: number): boolean {
  const last = text.charCodeAt(end - 1) | CASE_BIT
  return last === LOWER_F || last === LOWER_Y
}

/** Go's readFloat: the general decimal and hexadecimal grammar. */
function readLiteral(text: string, start: number, end: number): number | undefined {
  let i = start
  let code = text.charCodeAt(i)
  const negative = code === MINUS
  if (negative || code === PLUS) i++
  // Go needs a character after "0x" to read the prefix as hex; "0x" alone fails as decimal.
  const hex = i + 2 < end && text.charCodeAt(i) === ZERO && (text.charCodeAt(i + 1) | CASE_BIT) === LOWER_X
  if (hex) i += 2
  const mantissaStart = i
  let sawDot = false
  let sawDigits = false
  let underscores = false
  for (; i < end; i++) {
    code = text.charCodeAt(i)
    if (code === UNDERSCORE) {
      underscores = true
    } else if (code === DOT) {
      if (sawDot) break
      sawDot = true
    } else if (isDigit(code) || (hex && isHexLetter(code))) {
      sawDigits = true
    } else {
      break
    }
  }
  if (!sawDigits) return undefined
  const mantissaEnd = i
  let exponent = 0
  let hasExponent = false
  if (i < end && (text.charCodeAt(i) | CASE_BIT) === (hex ? LOWER_P : LOWER_E)) {
    i++
    if (i >= end) return undefined
    code = text.charCodeAt(i)
    const exponentSign = code === MINUS ? -1 : 1
    if (code === PLUS || code === MINUS) i++
    if (i >= end || !isDigit(text.charCodeAt(i))) return undefined
    for (; i < end; i++) {
      code = text.charCodeAt(i)
      if (code === UNDERSCORE) {
        underscores = true
      } else if (isDigit(code)) {
        if (exponent < EXPONENT_CAP) exponent = exponent * 10 + (code - ZERO)
      } else {
        break
      }
    }
    exponent *= exponentSign
    hasExponent = true
  } else if (hex) {
    return undefined
  }
  if (i !== end) return undefined
  if (underscores && !underscoresAllowed(text, start, end)) return undefined
  const magnitude = hex
    ? hexMagnitude(text, mantissaStart, mantissaEnd, exponent)
    : decimalMagnitude(text, mantissaStart, mantissaEnd, hasExponent ? exponent : 0, underscores)
  return negative ? -magnitude : magnitude
}

/**
 * Number() rounds a decimal correctly, as Go does. It gets the exponent Go computed (capped)
 * rather than the text's, so absurd exponents agree too.
 */
function decimalMagnitude(text: string, start: number, end: number, exponent: number, underscores: boolean): number {
  let mantissa = text.slice(start, end)
  if (underscores) mantissa = mantissa.replaceAll('_', '')
  return Number(exponent === 0 ? mantissa : `${mantissa}e${exponent}`)
}

/** mantissa × 2^exponent, rounded half-to-even to 53 bits, subnormals and overflow included. */
function hexMagnitude(text: string, start: number, end: number, exponent: number): number {
  let digits = ''
  let fractionDigits = 0
  let sawDot = false
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i)
    if (code === UNDERSCORE) continue
    if (code === DOT) {
      sawDot = true
      continue
    }
    digits += text[i]
    if (sawDot) fractionDigits++
  }
  let mantissa = BigInt(`0x${digits}`)
  if (mantissa === 0n) return 0
  let binaryExponent = exponent - 4 * fractionDigits
  // Drop bits below the 53rd, or below 2^-1074 (the smallest subnormal), whichever is more.
  const shift = Math.max(mantissa.toString(2).length - 53, -1074 - binaryExponent)
  if (shift > 0) {
    const bigShift = BigInt(shift)
    const remainder = mantissa & ((1n << bigShift) - 1n)
    const half = 1n << (bigShift - 1n)
    mantissa >>= bigShift
    if (remainder > half || (remainder === half && (mantissa & 1n) === 1n)) mantissa += 1n
    binaryExponent += shift
  }
  // At most 2^53 times a power of two no smaller than 2^-1074: exact, or Infinity on overflow.
  return Number(mantissa) * 2 ** binaryExponent
}

/** Go's underscoreOK: an underscore must sit between digits, or between a base prefix and a digit. */
function underscoresAllowed(text: string, start: number, end: number): boolean {
  let i = start
  const first = text.charCodeAt(i)
  if (first === PLUS || first === MINUS) i++
  // The class of the last character: a digit (or the base prefix), an underscore, anything else.
  let saw: 'start' | 'digit' | 'underscore' | 'other' = 'start'
  let hex = false
  if (end - i >= 2 && text.charCodeAt(i) === ZERO) {
    const prefix = text.charCodeAt(i + 1) | CASE_BIT
    if (prefix === 0x62 || prefix === 0x6f || prefix === LOWER_X) {
      i += 2
      saw = 'digit'
      hex = prefix === LOWER_X
    }
  }
  for (; i < end; i++) {
    const code = text.charCodeAt(i)
    if (isDigit(code) || (hex && isHexLetter(code))) {
      saw = 'digit'
    } else if (code === UNDERSCORE) {
      if (saw !== 'digit') return false
      saw = 'underscore'
    } else {
      if (saw === 'underscore') return false
      saw = 'other'
    }
  }
  return saw !== 'underscore'
}

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE
}

function isHexLetter(code: number): boolean {
  const lower = code | CASE_BIT
  return lower >= LOWER_A && lower <= LOWER_F
}
