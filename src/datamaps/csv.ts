import {MERCATOR_MAX_LAT_MICRO} from './grid.js'

/**
 * One line of Ichnaea's exported CSV, `lat,lon` in degrees (`%.6f` there), parsed
 * straight from the bytes into millionths of a degree: no string per line, which is
 * what makes ten million lines a second's work.
 */
export type LineKind = 'point' | 'blank' | 'invalid'

const COMMA = 0x2c
const MINUS = 0x2d
const PLUS = 0x2b
const DOT = 0x2e
const ZERO = 0x30
const NINE = 0x39
const MAX_LON_MICRO = 180_000_000

/** A header such as `lat,lon` or `latitude,longitude`, accepted on a file's first line only. */
export const HEADER = /^\s*lat[a-z]*\s*,\s*lon[a-z]*\s*$/i

/**
 * Parses one line; for a point, `out[0]` and `out[1]` get its latitude and longitude
 * in millionths of a degree. Allocates nothing: describeInvalidLine says what was
 * wrong with a line, for the few that are.
 */
export function parseCoordinateLine(bytes: Uint8Array, start: number, end: number, out: Int32Array): LineKind {
  while (start < end && isSpace(bytes[start])) start++
  while (end > start && isSpace(bytes[end - 1])) end--
  if (start === end) return 'blank'
  let comma = start
  while (comma < end && bytes[comma] !== COMMA) comma++
  if (comma === end) return 'invalid'
  const latMicro = parseMicrodegrees(bytes, start, comma)
  const lonMicro = parseMicrodegrees(bytes, comma + 1, end)
  if (!(latMicro >= -MERCATOR_MAX_LAT_MICRO && latMicro <= MERCATOR_MAX_LAT_MICRO && lonMicro >= -MAX_LON_MICRO && lonMicro < MAX_LON_MICRO)) return 'invalid'
  out[0] = latMicro
  out[1] = lonMicro
  return 'point'
}

/** Why parseCoordinateLine called this line invalid. */
export function describeInvalidLine(bytes: Uint8Array, start: number, end: number): string {
  const fields = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1').split(',')
  if (fields.length < 2) return 'expected lat,lon'
  if (fields.length > 2) return 'expected two fields, lat,lon'
  const [lat, lon] = fields.map(field => {
    const field8 = Buffer.from(field, 'latin1')
    return parseMicrodegrees(field8, 0, field8.length)
  })
  if (Number.isNaN(lat)) return 'latitude is not a number'
  if (Number.isNaN(lon)) return 'longitude is not a number'
  if (lat < -MERCATOR_MAX_LAT_MICRO || lat > MERCATOR_MAX_LAT_MICRO) return `latitude ${formatMicro(lat)} is outside Web Mercator's ±85.0511°`
  return `longitude ${formatMicro(lon)} is outside [-180, 180)`
}

/**
 * A decimal in degrees as whole millionths, rounded half away from zero, or NaN.
 * Plain decimals take the byte fast path; anything else (`1e-3`) goes through Number.
 */
export function parseMicrodegrees(bytes: Uint8Array, start: number, end: number): number {
  while (start < end && isSpace(bytes[start])) start++
  while (end > start && isSpace(bytes[end - 1])) end--
  let i = start
  const negative = bytes[i] === MINUS
  if (negative || bytes[i] === PLUS) i++
  let whole = 0
  let digits = 0
  // Four whole digits are more than any coordinate needs; longer ones are out of range anyway.
  while (i < end && isDigit(bytes[i]) && digits < 4) {
    whole = whole * 10 + bytes[i++] - ZERO
    digits++
  }
  // Six fraction digits as an integer, the seventh for rounding, the rest ignored: no division per digit.
  let fraction = 0
  let places = 0
  let roundUp = 0
  if (i < end && bytes[i] === DOT) {
    i++
    while (i < end && isDigit(bytes[i])) {
      const digit = bytes[i++] - ZERO
      if (places < 6) fraction = fraction * 10 + digit
      else if (places === 6 && digit >= 5) roundUp = 1
      places++
      digits++
    }
  }
  if (i !== end || digits === 0) return slowParse(bytes, start, end)
  const micro = whole * 1_000_000 + fraction * SCALE[places < 6 ? places : 6] + roundUp
  return negative ? -micro : micro
}

/** What n fraction digits are worth in millionths. */
const SCALE = [1_000_000, 100_000, 10_000, 1000, 100, 10, 1]

function slowParse(bytes: Uint8Array, start: number, end: number): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1')
  // Number() accepts '', '0x10' and 'Infinity'; a coordinate is none of those.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return Number.NaN
  const value = Number(text)
  return Number.isFinite(value) && Math.abs(value) < 1e6 ? Math.round(value * 1_000_000) : Number.NaN
}

const isDigit = (byte: number): boolean => byte >= ZERO && byte <= NINE
const isSpace = (byte: number): boolean => byte === 0x20 || byte === 0x09 || byte === 0x0d

const formatMicro = (micro: number): string => (micro / 1_000_000).toFixed(6)
