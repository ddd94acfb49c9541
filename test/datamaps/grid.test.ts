import {describe, expect, it} from 'vitest'
import {decodeGrid, encodeGrid} from '../../src/datamaps/grid.js'

describe('decodeGrid', () => {
  it("reads Ichnaea's struct.pack('!II', lat_s + 90000, lon_s + 180000)", () => {
    // DataMap.scale(51.5074, -0.1278) = (51507, -128)
    const grid = Buffer.alloc(8)
    grid.writeUInt32BE(51_507 + 90_000, 0)
    grid.writeUInt32BE(-128 + 180_000, 4)
    expect(decodeGrid(grid)).toEqual({ok: true, cell: {latScaled: 51_507, lonScaled: -128}})
  })

  it('round-trips encodeGrid', () => {
    for (const [lat, lon] of [[0, 0], [-85_050, -180_000], [85_050, 179_999], [-33_869, 151_209]]) {
      expect(decodeGrid(encodeGrid(lat, lon))).toEqual({ok: true, cell: {latScaled: lat, lonScaled: lon}})
    }
  })

  it.each([
    ['a short value', Buffer.alloc(7), 'grid is 7 bytes, not 8'],
    ['a cell beyond Web Mercator in the north', encodeGrid(85_051, 0), "latitude 85.051 is outside Web Mercator's ±85.0511°"],
    ['a cell beyond Web Mercator in the south', encodeGrid(-89_000, 0), "latitude -89.000 is outside Web Mercator's ±85.0511°"],
    ['a longitude of 180', encodeGrid(0, 180_000), 'longitude 180.000 is outside [-180, 180)'],
    ['garbage', Buffer.from('ffffffffffffffff', 'hex'), "outside Web Mercator"],
  ])('rejects %s with a reason', (_, grid, reason) => {
    const decoded = decodeGrid(grid)
    expect(decoded.ok).toBe(false)
    expect(decoded.ok ? '' : decoded.reason).toContain(reason)
  })
})
