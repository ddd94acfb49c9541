import {describe, expect, it} from 'vitest'
import {quadkey} from '../../src/datamaps/mercator.js'
import {mergeUnique} from '../../src/datamaps/merge.js'
import {TileRenderer} from '../../src/datamaps/render-tile.js'
import {ICHNAEA_STYLE} from '../../src/datamaps/style.js'
import {findTile} from '../../src/datamaps/tiles.js'
import {decodePng} from './support/png-decode.js'

const BLUE = [0, 0x88, 0xff]
const TRANSPARENT = [0, 0, 0, 0]

interface TestRenderer {
  render(z: number, x: number, y: number, size?: number): Buffer | undefined
  /** The tile decoded; it must have been written. */
  image(z: number, x: number, y: number, size?: number): ReturnType<typeof decodePng>
}

/** A renderer over points given as 21-bit world x, y. */
function rendererFor(points: Array<[number, number]>): TestRenderer {
  const merged = mergeUnique([Float64Array.from(points.map(([x, y]) => quadkey(x, y))).sort()])
  const renderer = new TileRenderer(ICHNAEA_STYLE, merged.keys, merged.count)
  const render = (z: number, x: number, y: number, size = 256): Buffer | undefined => renderer.render({z, x, y, size, ...findTile(merged.keys, merged.count, z, x, y)})
  return {
    render,
    image(z, x, y, size) {
      const png = render(z, x, y, size)
      if (!png) throw new Error(`tile ${z}/${x}/${y} was not written`)
      return decodePng(png)
    },
  }
}

// Tile 11/1100/671 starts at world x 1100 · 2^10, y 671 · 2^10; a zoom-11 pixel is 4 world units.
const X0 = 1100 * 1024
const Y0 = 671 * 1024

describe('TileRenderer golden pixels', () => {
  it('draws one dot at a pixel centre on that pixel: 0.0379 / 0.874 → gamma 0.5 → level 53 → blue at alpha 106', () => {
    const image = rendererFor([[X0 + 4 * 10 + 2, Y0 + 4 * 20 + 2]]).image(11, 1100, 671)
    expect(image.pixel(10, 20)).toEqual([...BLUE, 106])
    for (const [x, y] of [[9, 20], [11, 20], [10, 19], [10, 21], [0, 0], [255, 255]]) expect(image.pixel(x, y)).toEqual(TRANSPARENT)
  })

  it('splits a dot on a pixel corner over four pixels: a quarter each → level 27 → alpha 54', () => {
    const image = rendererFor([[X0 + 4 * 10, Y0 + 4 * 20]]).image(11, 1100, 671)
    for (const [x, y] of [[9, 19], [10, 19], [9, 20], [10, 20]]) expect(image.pixel(x, y)).toEqual([...BLUE, 54])
    expect(image.pixel(11, 20)).toEqual(TRANSPARENT)
  })

  it('antialiases dots at quarter-pixel positions into their neighbours, summing what overlaps', () => {
    // All 16 zoom-13 positions of zoom-11 pixel (30, 40); keys alternate in x, so zoom 11 draws the 8 with dx 0 and 2.
    // Centred at 29.5 + dx/4 and 39.5 + dy/4, pixel (30, 40) gets x weights 0.5 + 1 and y weights 0.5 + 0.75 + 1 + 0.75:
    // 4.5 dots of 0.043364 = 0.195 → √ 0.442 → level 113 → alpha 226; pixel (29, 40) gets 0.5 × 3 = 1.5 dots → level 65 → alpha 130.
    const points: Array<[number, number]> = []
    for (let dy = 0; dy < 4; dy++) for (let dx = 0; dx < 4; dx++) points.push([X0 + 4 * 30 + dx, Y0 + 4 * 40 + dy])
    const image = rendererFor(points).image(11, 1100, 671)
    expect(image.pixel(30, 40)).toEqual([...BLUE, 226])
    expect(image.pixel(29, 40)).toEqual([...BLUE, 130])
    expect(image.pixel(31, 40)).toEqual(TRANSPARENT)
  })

  it('turns from blue towards opaque white past half intensity', () => {
    // Four zoom-0 dots (keys 0, 4096, 8192, 12288 of a 128 × 128 block) on the centre of one zoom-0 pixel: 4 × 0.19 ≈ 0.76.
    const points: Array<[number, number]> = []
    const [px, py] = [100 * 8192 + 4096 - 64, 90 * 8192 + 4096 - 64]
    for (let dy = 0; dy < 128; dy++) for (let dx = 0; dx < 128; dx++) points.push([px + dx, py + dy])
    const [r, g, b, a] = rendererFor(points).image(0, 0, 0).pixel(100, 90)
    expect([b, a]).toEqual([255, 255])
    expect(r).toBeGreaterThan(150)
    expect(g).toBeGreaterThan(200)
  })

  it('samples every 4096th key at zoom 0 (a superset of nothing but the first), 2nd at zoom 11', () => {
    // 4097 keys along one row of zoom-13 pixels: zoom 0 draws keys 0 and 4096 only.
    const points = Array.from({length: 4097}, (_, i): [number, number] => [X0 + i, Y0])
    const renderer = rendererFor(points)
    const world = renderer.image(0, 0, 0)
    let lit = 0
    for (let y = 0; y < 256; y++) for (let x = 0; x < 256; x++) if (world.pixel(x, y)[3] > 0) lit++
    // Two dots, each split over at most four pixels, in the same few pixels at this scale.
    expect(lit).toBeGreaterThan(0)
    expect(lit).toBeLessThanOrEqual(8)
    expect(renderer.render(11, 1101, 671)).toBeDefined()
  })

  it('draws the 512-px front page tile with a disc of four pixels per dot', () => {
    const world = rendererFor([[2 ** 20 + 1024, 2 ** 20 + 1024]]).image(0, 0, 0, 512)
    expect([world.width, world.height]).toEqual([512, 512])
    const lit: string[] = []
    for (let y = 250; y < 262; y++) for (let x = 250; x < 262; x++) if (world.pixel(x, y)[3] > 0) lit.push(`${x},${y}`)
    expect(lit.length).toBeGreaterThanOrEqual(4)
    expect(lit.length).toBeLessThanOrEqual(16)
  })

  it('returns nothing for a tile without dots', () => {
    expect(rendererFor([[X0, Y0]]).render(11, 5, 5)).toBeUndefined()
  })

  it('gives the same bytes every time', () => {
    const points = Array.from({length: 500}, (_, i): [number, number] => [X0 + ((i * 7919) % 1024), Y0 + ((i * 104_729) % 1024)])
    const first = rendererFor(points).render(11, 1100, 671)
    expect(first).toBeDefined()
    expect(rendererFor(points).render(11, 1100, 671)).toEqual(first)
  })
})
