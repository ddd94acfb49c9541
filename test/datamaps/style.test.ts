import {describe, expect, it} from 'vitest'
import {ICHNAEA_STYLE, levelOf, rampPalette, zoomSampling} from '../../src/datamaps/style.js'

describe('zoomSampling (render -B 12:0.0379:0.874)', () => {
  it.each([
    // zoom, tile size, step, brightness of one dot, brush area
    [12, 256, 1, 0.0379, 1],
    [11, 256, 2, 0.0379 / 0.874, 1],
    [0, 256, 4096, 0.0379 / 0.874 ** 12, 1],
    [13, 256, 1, 0.0379 * 0.874, 2],
    [0, 512, 4096, 0.0379 / 0.874 ** 12, 4],
  ])('zoom %i at %i px draws every %i-th key at %f over %i px', (z, size, step, bright, brush) => {
    const sampling = zoomSampling(ICHNAEA_STYLE, z, size)
    expect(sampling.step).toBe(step)
    expect(sampling.bright).toBeCloseTo(bright, 12)
    expect(sampling.brush).toBe(brush)
  })

  it('matches the figures in ICHNAEA.md: 0.0434 at zoom 11, about 0.19 at zoom 0', () => {
    expect(zoomSampling(ICHNAEA_STYLE, 11, 256).bright).toBeCloseTo(0.0434, 4)
    expect(zoomSampling(ICHNAEA_STYLE, 0, 256).bright).toBeCloseTo(0.19, 2)
  })
})

describe('levelOf (gamma 0.5, then 255 steps)', () => {
  it.each([
    [0, 0],
    [-1, 0],
    [1e-6, 0],
    [0.25, 128],
    [0.0379 / 0.874, 53],
    [1, 255],
    [7, 255],
  ])('a sum of %f is level %i', (sum, level) => {
    expect(levelOf(sum, 0.5)).toBe(level)
  })
})

describe('rampPalette (-c0088FF -t0: transparent → blue → white)', () => {
  const palette = rampPalette(ICHNAEA_STYLE)
  const entry = (level: number): number[] => Array.from(palette.subarray(level * 4, level * 4 + 4))

  it.each([
    [0, [0, 0, 0, 0]],
    [1, [0, 0x88, 0xff, 2]],
    [53, [0, 0x88, 0xff, 106]],
    [127, [0, 0x88, 0xff, 254]],
    [128, [1, 136, 255, 255]],
    [192, [129, 196, 255, 255]],
    [255, [255, 255, 255, 255]],
  ])('level %i is %j', (level, rgba) => {
    expect(entry(level)).toEqual(rgba)
  })

  it('only brightens as the level rises', () => {
    for (let level = 1; level < 256; level++) {
      const [r, g, b, a] = entry(level)
      const [pr, pg, pb, pa] = entry(level - 1)
      expect(a).toBeGreaterThanOrEqual(pa)
      if (level > 1) expect(r + g + b).toBeGreaterThanOrEqual(pr + pg + pb)
    }
  })
})
