/**
 * datamaps' encoding at `-z13` (ICHNAEA.md §5): a point becomes 32-bit Web Mercator
 * x, y, of which the top 21 bits of each (one pixel of a 256-px tile at zoom 13) are
 * bit-interleaved, y before x, most significant first. The result is a 42-bit quadkey:
 * sorting keys sorts points so that every tile, at every zoom, is one contiguous run.
 *
 * 42 bits fit a double exactly, so keys live in Float64Arrays and sort natively.
 */

/** Bits per axis: zoom 13 plus 8 bits of pixel. */
export const AXIS_BITS = 21
export const KEY_BITS = 2 * AXIS_BITS
/** The deepest zoom whose pixels the keys resolve. */
export const KEY_ZOOM = AXIS_BITS - 8

const AXIS_SIZE = 2 ** AXIS_BITS
const LOW_BITS = 11
const LOW_SPAN = 2 ** (2 * LOW_BITS)

/** World x in [0, 2^21) of a longitude in millionths of a degree. */
export function projectLon(lonMicro: number): number {
  return clampAxis(Math.floor((AXIS_SIZE * (lonMicro / 1_000_000 + 180)) / 360))
}

/** World y in [0, 2^21) of a latitude in millionths of a degree (0 at the top). */
export function projectLat(latMicro: number): number {
  const phi = (latMicro / 1_000_000) * (Math.PI / 180)
  return clampAxis(Math.floor((AXIS_SIZE * (1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI)) / 2))
}

export function quadkey(x: number, y: number): number {
  const high = (spread(y >>> LOW_BITS) << 1) | spread(x >>> LOW_BITS)
  const low = ((spread(y & 0x7ff) << 1) | spread(x & 0x7ff)) >>> 0
  return high * LOW_SPAN + low
}

/** World x of a key, in [0, 2^21). */
export function keyX(key: number): number {
  return (compact(Math.floor(key / LOW_SPAN)) << LOW_BITS) | compact(key % LOW_SPAN)
}

/** World y of a key, in [0, 2^21). */
export function keyY(key: number): number {
  return (compact(Math.floor(key / LOW_SPAN) >>> 1) << LOW_BITS) | compact((key % LOW_SPAN) / 2)
}

const clampAxis = (value: number): number => (value < 0 ? 0 : value >= AXIS_SIZE ? AXIS_SIZE - 1 : value)

/** Bit i of a 16-bit value moves to bit 2i. */
function spread(value: number): number {
  let v = value & 0xffff
  v = (v | (v << 8)) & 0x00ff00ff
  v = (v | (v << 4)) & 0x0f0f0f0f
  v = (v | (v << 2)) & 0x33333333
  v = (v | (v << 1)) & 0x55555555
  return v
}

/** The inverse of spread, reading the even bits. */
function compact(value: number): number {
  let v = value & 0x55555555
  v = (v | (v >>> 1)) & 0x33333333
  v = (v | (v >>> 2)) & 0x0f0f0f0f
  v = (v | (v >>> 4)) & 0x00ff00ff
  v = (v | (v >>> 8)) & 0x0000ffff
  return v
}
