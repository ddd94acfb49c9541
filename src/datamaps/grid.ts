/**
 * Ichnaea's `grid binary(8)` column: `struct.pack("!II", lat_s + 90000, lon_s + 180000)`,
 * where lat_s and lon_s are the cell's corner in thousandths of a degree (ICHNAEA.md §1).
 */

/** Web Mercator stops at ±85.0511287798°; datamaps' encode rejects anything beyond. */
export const MERCATOR_MAX_LAT_MICRO = 85_051_128

export interface GridCell {
  readonly latScaled: number
  readonly lonScaled: number
}

export type GridResult = {readonly ok: true; readonly cell: GridCell} | {readonly ok: false; readonly reason: string}

// The corner of the last cell whose whole box, [corner, corner + 0.001), is inside Web Mercator.
const MAX_LAT_SCALED = Math.floor(MERCATOR_MAX_LAT_MICRO / 1000) - 1

/** Decodes a grid value and checks that every point of its cell can be drawn. */
export function decodeGrid(grid: Uint8Array): GridResult {
  if (grid.length !== 8) return {ok: false, reason: `grid is ${grid.length} bytes, not 8`}
  const view = new DataView(grid.buffer, grid.byteOffset, 8)
  const latScaled = view.getUint32(0) - 90_000
  const lonScaled = view.getUint32(4) - 180_000
  if (latScaled < -MAX_LAT_SCALED || latScaled > MAX_LAT_SCALED) {
    return {ok: false, reason: `latitude ${formatScaled(latScaled)} is outside Web Mercator's ±85.0511°`}
  }
  if (lonScaled < -180_000 || lonScaled >= 180_000) return {ok: false, reason: `longitude ${formatScaled(lonScaled)} is outside [-180, 180)`}
  return {ok: true, cell: {latScaled, lonScaled}}
}

/** The grid value of a cell, as Ichnaea stores it. */
export function encodeGrid(latScaled: number, lonScaled: number): Buffer {
  const grid = Buffer.alloc(8)
  grid.writeUInt32BE(latScaled + 90_000, 0)
  grid.writeUInt32BE(lonScaled + 180_000, 4)
  return grid
}

const formatScaled = (scaled: number): string => (scaled / 1000).toFixed(3)
