import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {keyX, keyY, projectLat, projectLon, quadkey} from '../../src/datamaps/mercator.js'

const AXIS = 2 ** 21

describe('projection to 21-bit Web Mercator (datamaps latlon2tile, top 21 bits)', () => {
  it.each([
    [0, 0, AXIS / 2, AXIS / 2],
    [-180_000_000, 85_051_128, 0, 0],
    [179_999_999, -85_051_128, AXIS - 1, AXIS - 1],
    // Berlin, 52.52°N 13.405°E: in openstreetmap.org's z13 tile 4401/2686, at pixel 9, 155.
    [13_405_000, 52_520_000, 4401 * 256 + 9, 2686 * 256 + 155],
  ])('lon %i lat %i is x %i y %i', (lon, lat, x, y) => {
    expect(projectLon(lon)).toBe(x)
    expect(projectLat(lat)).toBe(y)
  })

  it('agrees with the slippy-map formula, y = (1 - asinh(tan φ) / π) / 2', () => {
    fc.assert(
      fc.property(fc.integer({min: -85_051_128, max: 85_051_128}), lat => {
        const reference = ((1 - Math.asinh(Math.tan((lat / 1e6) * (Math.PI / 180))) / Math.PI) / 2) * AXIS
        expect(Math.abs(projectLat(lat) - Math.min(Math.floor(reference), AXIS - 1))).toBeLessThanOrEqual(1)
      }),
    )
  })
})

describe('quadkey', () => {
  it('interleaves y then x, most significant bit first', () => {
    expect(quadkey(0, 0)).toBe(0)
    expect(quadkey(1, 0)).toBe(1)
    expect(quadkey(0, 1)).toBe(2)
    expect(quadkey(AXIS - 1, AXIS - 1)).toBe(2 ** 42 - 1)
    expect(quadkey(AXIS / 2, 0)).toBe(2 ** 40)
    expect(quadkey(0, AXIS / 2)).toBe(2 ** 41)
  })

  it('round-trips x and y', () => {
    fc.assert(
      fc.property(fc.integer({min: 0, max: AXIS - 1}), fc.integer({min: 0, max: AXIS - 1}), (x, y) => {
        const key = quadkey(x, y)
        expect([keyX(key), keyY(key)]).toEqual([x, y])
      }),
    )
  })

  it('sorts every tile of every zoom into one contiguous run', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({min: 0, max: AXIS - 1}), fc.integer({min: 0, max: AXIS - 1})), {minLength: 2, maxLength: 200}), fc.integer({min: 0, max: 13}), (points, z) => {
        const tile = ([x, y]: [number, number]): string => `${Math.floor(x / 2 ** (21 - z))}/${Math.floor(y / 2 ** (21 - z))}`
        const sorted = [...points].sort((a, b) => quadkey(...a) - quadkey(...b)).map(tile)
        const seen = new Set<string>()
        sorted.forEach((name, i) => {
          if (i > 0 && sorted[i - 1] !== name) expect(seen.has(name)).toBe(false)
          seen.add(name)
        })
      }),
    )
  })
})
