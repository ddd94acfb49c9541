/**
 * The look of Ichnaea's map: `render -B 12:0.0379:0.874 -c0088FF -t0 -G 0.5`
 * (ICHNAEA.md §2.2 and §5). One dot adds `brightness` at the base zoom; each zoom
 * out multiplies that by 1/ramp and draws every other point only; the sum at a pixel
 * goes through the gamma and then a ramp from transparent to the colour to white.
 */
export interface RenderStyle {
  readonly baseZoom: number
  readonly brightness: number
  readonly ramp: number
  readonly gamma: number
  /** The colour the ramp rises to at half intensity, 0xRRGGBB. */
  readonly color: number
}

export const ICHNAEA_STYLE: RenderStyle = {baseZoom: 12, brightness: 0.0379, ramp: 0.874, gamma: 0.5, color: 0x0088ff}

/** Tiles are 256 px; the front page's `0/0/0@2x.png` is 512. */
export const TILE_SIZE = 256
export const RETINA_TILE_SIZE = 512

export interface ZoomSampling {
  /** Only keys whose index is a multiple of step are drawn, so each zoom is a superset of the one above. */
  readonly step: number
  /** What one dot adds to the pixel sums, spread over `brush` pixels. */
  readonly bright: number
  /** The dot's area in pixels: 1 (an antialiased point) until the base zoom or on a bigger tile, then a disc. */
  readonly brush: number
}

export function zoomSampling(style: RenderStyle, z: number, tileSize: number): ZoomSampling {
  const below = Math.max(style.baseZoom - z, 0)
  const above = Math.max(z - style.baseZoom, 0)
  return {
    step: 2 ** below,
    bright: style.brightness * style.ramp ** (z - style.baseZoom),
    brush: 2 ** above * (tileSize / TILE_SIZE) ** 2,
  }
}

/** Intensity levels: 0 is the transparent background, 255 is white. */
export const LEVELS = 256

/** The level of a pixel sum: the gamma, then 255 steps over (0, 1], rounded. */
export function levelOf(sum: number, gamma: number): number {
  if (sum <= 0) return 0
  const level = Math.round(Math.exp(Math.log(sum) * gamma) * (LEVELS - 1))
  return level > LEVELS - 1 ? LEVELS - 1 : level
}

/**
 * The RGBA of every level, datamaps' `out()` with a transparent background: up to
 * half intensity the colour fades in (alpha rises), then it blends to opaque white.
 * Being one-dimensional, the whole ramp fits a 256-entry PNG palette exactly.
 */
export function rampPalette(style: RenderStyle): Uint8Array {
  const palette = new Uint8Array(LEVELS * 4)
  const rgb = [(style.color >> 16) & 0xff, (style.color >> 8) & 0xff, style.color & 0xff]
  const half = (LEVELS - 1) / 2
  for (let level = 1; level < LEVELS; level++) {
    const v = level / (LEVELS - 1)
    if (level <= half) {
      palette.set([...rgb, Math.round(510 * v)], level * 4)
    } else {
      const along = 2 * v - 1
      palette.set([...rgb.map(channel => Math.round(channel + (255 - channel) * along)), 255], level * 4)
    }
  }
  return palette
}
