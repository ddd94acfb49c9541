import {KEY_BITS} from './mercator.js'

/**
 * The tiles that hold points, found the way datamaps' `enumerate` does but without
 * a pass over every point per zoom: a tile's children split its run of sorted keys,
 * so each level costs three binary searches per tile of the level above.
 */
export interface TileRange {
  readonly z: number
  /** The tile's quadkey at its zoom: x and y bits interleaved, 2z bits. */
  readonly quad: number
  readonly x: number
  readonly y: number
  /** Its keys are keys[start..end). */
  readonly start: number
  readonly end: number
}

/** Tiles with at least one point, zoom by zoom from 0 to maxZoom, each zoom in quadkey order. */
export function enumerateTiles(keys: Float64Array, count: number, maxZoom: number): TileRange[][] {
  const levels: TileRange[][] = [count > 0 ? [tileRange(0, 0, 0, count)] : []]
  for (let z = 1; z <= maxZoom; z++) {
    const level: TileRange[] = []
    for (const parent of levels[z - 1]) {
      let start = parent.start
      for (let child = 0; child < 4; child++) {
        const quad = parent.quad * 4 + child
        const end = child === 3 ? parent.end : lowerBound(keys, firstKey(z, quad + 1), start, parent.end)
        if (end > start) level.push(tileRange(z, quad, start, end))
        start = end
      }
    }
    levels.push(level)
  }
  return levels
}

/** The keys of tile (z, x, y), or an empty range. */
export function findTile(keys: Float64Array, count: number, z: number, x: number, y: number): {start: number; end: number} {
  const quad = interleave(x, y)
  const start = lowerBound(keys, firstKey(z, quad), 0, count)
  return {start, end: lowerBound(keys, firstKey(z, quad + 1), start, count)}
}

/** The first index in [low, high) whose key is at least `key`. */
export function lowerBound(keys: Float64Array, key: number, low: number, high: number): number {
  while (low < high) {
    const middle = (low + high) >>> 1
    if (keys[middle] < key) low = middle + 1
    else high = middle
  }
  return low
}

/** The smallest key inside the tile with this quadkey. */
const firstKey = (z: number, quad: number): number => quad * 2 ** (KEY_BITS - 2 * z)

function tileRange(z: number, quad: number, start: number, end: number): TileRange {
  return {z, quad, x: deinterleave(quad), y: deinterleave(Math.floor(quad / 2)), start, end}
}

/** The quadkey of tile x, y: y bits above x bits. */
function interleave(x: number, y: number): number {
  let quad = 0
  for (let bit = 15; bit >= 0; bit--) quad = quad * 4 + ((y >>> bit) & 1) * 2 + ((x >>> bit) & 1)
  return quad
}

/** The x bits (the even ones) of a quadkey. */
function deinterleave(quad: number): number {
  let x = 0
  for (let bit = 0; quad > 0; bit++, quad = Math.floor(quad / 4)) x |= (quad % 2) << bit
  return x
}
