import {inflateSync} from 'node:zlib'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {PaletteEncoder} from '../../src/datamaps/png.js'
import {ICHNAEA_STYLE, rampPalette} from '../../src/datamaps/style.js'
import {decodePng} from './support/png-decode.js'

const palette = rampPalette(ICHNAEA_STYLE)
const SIZE = 16
const rgbaOf = (level: number): number[] => Array.from(palette.subarray(level * 4, level * 4 + 4))

function encode(levels: Uint8Array, drawn: [number, number] = [0, SIZE - 1]): Buffer {
  return new PaletteEncoder(SIZE, palette).encode(levels, drawn)
}

function expectPixels(png: Buffer, levels: Uint8Array): void {
  const image = decodePng(png)
  expect([image.width, image.height]).toEqual([SIZE, SIZE])
  for (let i = 0; i < SIZE * SIZE; i++) expect(image.pixel(i % SIZE, Math.floor(i / SIZE))).toEqual(rgbaOf(levels[i]))
}

/** The filter byte of every row. */
function filters(png: Buffer): number[] {
  const image = decodePng(png)
  const idat = png.subarray(png.indexOf('IDAT') + 4, png.indexOf('IEND') - 8)
  const raw = inflateSync(idat)
  const rowBytes = Math.ceil((image.width * image.depth) / 8)
  return Array.from({length: image.height}, (_, y) => raw[y * (rowBytes + 1)])
}

describe('PaletteEncoder', () => {
  it('encodes any levels losslessly, with exactly the ramp colours', () => {
    fc.assert(
      fc.property(fc.uint8Array({minLength: SIZE * SIZE, maxLength: SIZE * SIZE}), fc.integer({min: 1, max: 255}), (random, spread) => {
        // Fewer distinct levels too, so that every bit depth is covered.
        const levels = random.map(level => level % (spread + 1))
        expectPixels(encode(levels), levels)
      }),
    )
  })

  it.each([
    [[0, 40], 1, 2],
    [[0, 40, 128], 2, 3],
    [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], 4, 16],
    [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], 8, 17],
  ])('a tile of levels %j packs %i bit(s) a pixel with a palette of %i', (used, depth, size) => {
    const levels = Uint8Array.from({length: SIZE * SIZE}, (_, i) => used[i % used.length])
    const image = decodePng(encode(levels))
    expect(image.depth).toBe(depth)
    expect(image.paletteSize).toBe(size)
  })

  it('writes IHDR, PLTE, tRNS up to the last translucent entry, IDAT, IEND and nothing else', () => {
    const levels = new Uint8Array(SIZE * SIZE)
    levels[5] = 60
    levels[6] = 200
    const png = encode(levels)
    expect(decodePng(png).chunks).toEqual(['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND'])
    const trns = png.subarray(png.indexOf('tRNS') - 4)
    // Levels 0 and 60 are translucent; 200 is opaque and so left out.
    expect(trns.readUInt32BE(0)).toBe(2)
  })

  it('leaves tRNS out when every colour is opaque', () => {
    expect(decodePng(encode(new Uint8Array(SIZE * SIZE).fill(200))).chunks).not.toContain('tRNS')
  })

  it('gives the same bytes for the same levels', () => {
    const levels = Uint8Array.from({length: SIZE * SIZE}, (_, i) => (i * 7) % 256)
    expect(encode(levels).equals(new PaletteEncoder(SIZE, palette).encode(levels, [0, SIZE - 1]))).toBe(true)
  })

  it('chooses a filter per row: gradients get a predicting filter, flat rows none', () => {
    const levels = Uint8Array.from({length: SIZE * SIZE}, (_, i) => (Math.floor(i / SIZE) < 8 ? 0 : 20 + (i % SIZE) * 10))
    const chosen = filters(encode(levels))
    expect(chosen.slice(0, 8)).toEqual([0, 0, 0, 0, 0, 0, 0, 0])
    expect(chosen.slice(8).every(filter => filter !== 0)).toBe(true)
    expectPixels(encode(levels), levels)
  })

  it('trusts the drawn rows: rows outside are background', () => {
    const levels = new Uint8Array(SIZE * SIZE)
    levels[3 * SIZE + 3] = 100
    expectPixels(encode(levels, [3, 3]), levels)
  })
})
