import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {jitterCell, MAX_POINTS_PER_CELL, monthsSince, pointsForAge} from '../../src/datamaps/jitter.js'

const points = (lat: number, lon: number, count: number): Array<[number, number]> => {
  const out = new Int32Array(2 * count)
  jitterCell(lat, lon, count, out, 0)
  return Array.from({length: count}, (_, i) => [out[2 * i], out[2 * i + 1]])
}

describe('pointsForAge', () => {
  it.each([
    [0, 6], [1, 6], [2, 5], [3, 5], [4, 4], [5, 4], [6, 3], [7, 3], [8, 2], [9, 2], [10, 1], [11, 1], [12, 0], [13, 0], [40, 0],
  ])('a cell %i months old gives %i points, as Ichnaea', (months, expected) => {
    expect(pointsForAge(months)).toBe(expected)
  })
})

describe('monthsSince', () => {
  it.each([
    [0, 0], [14, 0], [15, 1], [44, 1], [45, 2], [365, 12], [-3, 0],
  ])('%i days is %i months (round(days / 30), the future counting as today)', (days, months) => {
    expect(monthsSince(days)).toBe(months)
  })
})

describe('jitterCell', () => {
  it('puts every point inside the cell, [corner, corner + 0.001) on both axes', () => {
    fc.assert(
      fc.property(fc.integer({min: -85_050, max: 85_050}), fc.integer({min: -180_000, max: 179_999}), (lat, lon) => {
        for (const [latMicro, lonMicro] of points(lat, lon, MAX_POINTS_PER_CELL)) {
          expect(latMicro - lat * 1000).toBeGreaterThanOrEqual(0)
          expect(latMicro - lat * 1000).toBeLessThan(1000)
          expect(lonMicro - lon * 1000).toBeGreaterThanOrEqual(0)
          expect(lonMicro - lon * 1000).toBeLessThan(1000)
        }
      }),
    )
  })

  it('gives the same points for the same cell on every call', () => {
    expect(points(52_520, 13_405, 6)).toEqual(points(52_520, 13_405, 6))
  })

  it('pins the pattern, so that a change to it is a deliberate one (it changes every tile)', () => {
    expect(points(52_520, 13_405, 3)).toMatchInlineSnapshot(`
      [
        [
          52520617,
          13405193,
        ],
        [
          52520187,
          13405948,
        ],
        [
          52520757,
          13405703,
        ],
      ]
    `)
  })

  it('is nested: an older cell keeps a prefix of a fresh one, so ageing only removes points', () => {
    const fresh = points(-33_869, 151_209, 6)
    for (let count = 0; count <= 6; count++) expect(points(-33_869, 151_209, count)).toEqual(fresh.slice(0, count))
  })

  it('gives neighbouring cells different patterns', () => {
    const offsets = (lat: number, lon: number): string => JSON.stringify(points(lat, lon, 6).map(([a, b]) => [a - lat * 1000, b - lon * 1000]))
    const patterns = new Set<string>()
    for (let dy = 0; dy < 10; dy++) for (let dx = 0; dx < 10; dx++) patterns.add(offsets(48_856 + dy, 2_352 + dx))
    expect(patterns.size).toBe(100)
  })

  it('spreads a cell’s points: any two are at least a quarter of the cell apart', () => {
    // R2's first six points are 0.27 apart on the torus whatever the start, and a cell's plain distance is never less.
    fc.assert(
      fc.property(fc.integer({min: -85_050, max: 85_050}), fc.integer({min: -180_000, max: 179_999}), (lat, lon) => {
        const cell = points(lat, lon, 6)
        for (let i = 0; i < cell.length; i++) {
          for (let j = 0; j < i; j++) expect(Math.hypot(cell[i][0] - cell[j][0], cell[i][1] - cell[j][1])).toBeGreaterThanOrEqual(250)
        }
      }),
    )
  })

  it('is close to uniform over many cells', () => {
    const histogram = new Array<number>(10).fill(0)
    for (let lat = 0; lat < 100; lat++) for (let lon = 0; lon < 100; lon++) for (const [latMicro] of points(lat, lon, 1)) histogram[Math.floor((latMicro - lat * 1000) / 100)]++
    for (const bucket of histogram) expect(bucket).toBeGreaterThan(800)
  })
})
