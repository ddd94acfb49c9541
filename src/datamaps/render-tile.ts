import {AXIS_BITS, keyX, keyY} from './mercator.js'
import {PaletteEncoder} from './png.js'
import {brushKernel, Canvas, type BrushKernel} from './raster.js'
import {levelOf, rampPalette, zoomSampling, type RenderStyle} from './style.js'
import {findTile} from './tiles.js'

/** One tile to draw; `start..end` are its keys in the merged run. */
export interface TileJob {
  readonly z: number
  readonly x: number
  readonly y: number
  readonly start: number
  readonly end: number
  /** 256, or 512 for the front page's @2x tile. */
  readonly size: number
}

/**
 * datamaps' `render` for one tile, in process: the sampled dots of the tile drawn
 * into a reused canvas, the sums turned into ramp levels, the levels into a palette
 * PNG. One renderer per worker thread; it keeps a canvas, a level buffer and an
 * encoder per tile size, and a kernel per brush area.
 */
export class TileRenderer {
  private readonly palette: Uint8Array
  private readonly canvases = new Map<number, {canvas: Canvas; levels: Uint8Array; encoder: PaletteEncoder}>()
  private readonly kernels = new Map<number, BrushKernel>()

  constructor(
    private readonly style: RenderStyle,
    private readonly keys: Float64Array,
    private readonly count: number,
  ) {
    this.palette = rampPalette(style)
  }

  /** The tile's PNG, or undefined when none of its pixels is visible. */
  render(job: TileJob): Buffer | undefined {
    const {canvas, levels, encoder} = this.buffers(job.size)
    canvas.clear()
    const {step, bright, brush} = zoomSampling(this.style, job.z, job.size)
    const draw = (start: number, end: number): void => this.drawRange(canvas, job, start, end, step, bright, brush)
    draw(job.start, job.end)
    // A disc near an edge reaches into this tile from its neighbours; dots alone do not.
    if (brush > 1) for (const neighbour of neighbours(job)) {
      const range = findTile(this.keys, this.count, job.z, neighbour.x, neighbour.y)
      draw(range.start, range.end)
    }
    if (canvas.blank || !this.toLevels(canvas, levels)) return undefined
    return encoder.encode(levels, canvas.rows)
  }

  private drawRange(canvas: Canvas, job: TileJob, start: number, end: number, step: number, bright: number, brush: number): void {
    const span = 2 ** (AXIS_BITS - job.z)
    const scale = job.size / span
    const originX = job.x * span
    const originY = job.y * span
    const kernel = brush > 1 ? this.kernel(brush) : undefined
    // Only every step-th key of the whole run, so each zoom draws a superset of the one above.
    for (let i = Math.ceil(start / step) * step; i < end; i += step) {
      const key = this.keys[i]
      const px = (keyX(key) - originX) * scale
      const py = (keyY(key) - originY) * scale
      if (kernel) canvas.brush(px, py, bright, kernel)
      else canvas.splat(px - 0.5, py - 0.5, bright * brush)
    }
  }

  /** Fills the drawn rows of `levels` from the canvas; false when every level is 0 (too faint to see). */
  private toLevels(canvas: Canvas, levels: Uint8Array): boolean {
    const [top, bottom] = canvas.rows
    levels.fill(0, top * canvas.size, (bottom + 1) * canvas.size)
    const sums = canvas.sums
    let visible = false
    for (let i = top * canvas.size; i < (bottom + 1) * canvas.size; i++) {
      if (sums[i] === 0) continue
      const level = levelOf(sums[i], this.style.gamma)
      levels[i] = level
      if (level > 0) visible = true
    }
    return visible
  }

  private buffers(size: number): {canvas: Canvas; levels: Uint8Array; encoder: PaletteEncoder} {
    let buffers = this.canvases.get(size)
    if (!buffers) {
      buffers = {canvas: new Canvas(size), levels: new Uint8Array(size * size), encoder: new PaletteEncoder(size, this.palette)}
      this.canvases.set(size, buffers)
    }
    return buffers
  }

  private kernel(area: number): BrushKernel {
    let kernel = this.kernels.get(area)
    if (!kernel) this.kernels.set(area, (kernel = brushKernel(area)))
    return kernel
  }
}

function* neighbours(job: TileJob): Generator<{x: number; y: number}> {
  const last = 2 ** job.z - 1
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      const x = job.x + dx
      const y = job.y + dy
      if ((dx !== 0 || dy !== 0) && x >= 0 && y >= 0 && x <= last && y <= last) yield {x, y}
    }
  }
}
