import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {keyX, keyY, quadkey} from '../../src/datamaps/mercator.js'
import {mergeUnique} from '../../src/datamaps/merge.js'
import {enumerateTiles, findTile} from '../../src/datamaps/tiles.js'

const AXIS = 2 ** 21
const pointArb = fc.tuple(fc.integer({min: 0, max: AXIS - 1}), fc.integer({min: 0, max: AXIS - 1}))

describe('enumerateTiles', () => {
  it('finds exactly the tiles with points at every zoom, like datamaps enumerate, each with its run of keys', () => {
    fc.assert(
      fc.property(fc.array(pointArb, {maxLength: 300}), fc.integer({min: 0, max: 13}), (points, maxZoom) => {
        const merged = mergeUnique([Float64Array.from(points.map(([x, y]) => quadkey(x, y))).sort()])
        const levels = enumerateTiles(merged.keys, merged.count, maxZoom)
        expect(levels).toHaveLength(maxZoom + 1)
        levels.forEach((level, z) => {
          const expected = new Map<string, number>()
          for (let i = 0; i < merged.count; i++) {
            const name = `${Math.floor(keyX(merged.keys[i]) / 2 ** (21 - z))}/${Math.floor(keyY(merged.keys[i]) / 2 ** (21 - z))}`
            expected.set(name, (expected.get(name) ?? 0) + 1)
          }
          expect(new Map(level.map(tile => [`${tile.x}/${tile.y}`, tile.end - tile.start]))).toEqual(expected)
          for (const tile of level) expect(findTile(merged.keys, merged.count, z, tile.x, tile.y)).toEqual({start: tile.start, end: tile.end})
        })
      }),
    )
  })

  it('gives nothing for no points', () => {
    expect(enumerateTiles(new Float64Array(0), 0, 3)).toEqual([[], [], [], []])
  })
})
