import {mix32} from './hash.js'

/**
 * Where the points of one grid cell go. Ichnaea stores a cell as its 0.001° corner
 * (`lat_s`, `lon_s`, the scaled integers) and turns it into 0 to 6 points inside
 * the cell, fewer as the cell ages (ICHNAEA.md §2.1), with a fixed pseudo-random
 * pattern so that unchanged data gives byte-identical tiles.
 *
 * Our pattern is our own: the R2 sequence (the two-dimensional Kronecker sequence of
 * the plastic number, Roberts 2018), started at an offset taken from a hash of the
 * cell. R2 spreads the points of a cell evenly instead of letting them clump, and it
 * is nested: a cell that ages loses its last points while the others stay where they
 * were, so an ageing map changes as little as possible. Everything is 32-bit integer
 * arithmetic, so the points are the same on every machine.
 */

/** Points per cell at most, for a cell modified this month or last. */
export const MAX_POINTS_PER_CELL = 6

// 2^32 / g and 2^32 / g², g the plastic number 1.3247179572…: R2's two step sizes in 32-bit fixed point.
const R2_STEP_LON = 0xc13fa9a9
const R2_STEP_LAT = 0x91e10da5
// Any odd constant that separates the two seeds of a cell.
const SECOND_SEED = 0x9e3779b9

/**
 * Ichnaea's rule: `min(max(13 - months, 0), 13) // 2`, where months is
 * `round(days since modified / 30)`: 6, 6, 5, 5, 4, 4, 3, 3, 2, 2, 1, 1, then 0.
 */
export function pointsForAge(months: number): number {
  return Math.min(Math.max(13 - months, 0), 13) >> 1
}

/** Whole months since `modified`, as Ichnaea's SQL computes them; a date in the future counts as today. */
export function monthsSince(days: number): number {
  return days <= 0 ? 0 : Math.round(days / 30)
}

/**
 * Writes `count` points of the cell with corner (latScaled, lonScaled), in millionths
 * of a degree, as (lat, lon) pairs into `out` from `offset`. Each point is inside the
 * cell: `[corner, corner + 0.001)` on both axes.
 */
export function jitterCell(latScaled: number, lonScaled: number, count: number, out: Int32Array, offset: number): void {
  // The hash takes the stored, non-negative form of the cell (the grid column's two uint32).
  const seedLon = mix32(mix32(latScaled + 90_000) ^ (lonScaled + 180_000))
  const seedLat = mix32(seedLon ^ SECOND_SEED)
  const latBase = latScaled * 1000
  const lonBase = lonScaled * 1000
  for (let i = 0; i < count; i++) {
    const lonFraction = (seedLon + Math.imul(i, R2_STEP_LON)) >>> 0
    const latFraction = (seedLat + Math.imul(i, R2_STEP_LAT)) >>> 0
    out[offset + 2 * i] = latBase + toThousandths(latFraction)
    out[offset + 2 * i + 1] = lonBase + toThousandths(lonFraction)
  }
}

/** A 32-bit fraction of the cell as whole millionths of a degree, 0 to 999. */
const toThousandths = (fraction: number): number => Math.floor((fraction * 1000) / 4_294_967_296)
