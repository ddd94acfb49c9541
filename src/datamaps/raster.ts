/**
 * The accumulation canvas of datamaps' render: every dot adds brightness to double
 * sums, split over the four pixels around it (antialiasing) or spread as a disc
 * (a brush, when zoomed past the base zoom or on a bigger tile). One canvas per worker
 * and tile size, reused: clearing touches only the rows that were drawn on.
 */
export class Canvas {
  readonly sums: Float64Array
  private top: number
  private bottom = -1

  constructor(readonly size: number) {
    this.sums = new Float64Array(size * size)
    this.top = size
  }

  /** No pixel has been drawn on since the last clear. */
  get blank(): boolean {
    return this.bottom < this.top
  }

  /** The rows drawn on, [first, last]; empty when blank. */
  get rows(): [number, number] {
    return [this.top, this.bottom]
  }

  clear(): void {
    if (!this.blank) this.sums.fill(0, this.top * this.size, (this.bottom + 1) * this.size)
    this.top = this.size
    this.bottom = -1
  }

  /** A dot whose top-left corner is at (x, y) in pixels, spread bilinearly over four pixels. */
  splat(x: number, y: number, bright: number): void {
    const x0 = Math.floor(x)
    const y0 = Math.floor(y)
    const fx = x - x0
    const fy = y - y0
    this.add(x0, y0, bright * (1 - fx) * (1 - fy))
    this.add(x0 + 1, y0, bright * fx * (1 - fy))
    this.add(x0, y0 + 1, bright * (1 - fx) * fy)
    this.add(x0 + 1, y0 + 1, bright * fx * fy)
  }

  /** A disc centred on (x, y): each kernel cell splatted, so the disc keeps subpixel position. */
  brush(x: number, y: number, bright: number, kernel: BrushKernel): void {
    const origin = kernel.width / 2
    for (let j = 0; j < kernel.width; j++) {
      for (let i = 0; i < kernel.width; i++) {
        const weight = kernel.weights[j * kernel.width + i]
        if (weight > 0) this.splat(x - origin + i, y - origin + j, bright * weight)
      }
    }
  }

  private add(x: number, y: number, amount: number): void {
    if (amount === 0 || x < 0 || y < 0 || x >= this.size || y >= this.size) return
    this.sums[y * this.size + x] += amount
    if (y < this.top) this.top = y
    if (y > this.bottom) this.bottom = y
  }
}

/** A disc of a given area in pixels, as the coverage of each cell of a square, summing to the area. */
export interface BrushKernel {
  readonly width: number
  readonly weights: Float64Array
}

const SUBSAMPLES = 8

export function brushKernel(area: number): BrushKernel {
  const radius = Math.sqrt(area / Math.PI)
  const width = Math.max(1, Math.ceil(2 * radius))
  const weights = new Float64Array(width * width)
  const centre = width / 2
  let covered = 0
  for (let j = 0; j < width * SUBSAMPLES; j++) {
    for (let i = 0; i < width * SUBSAMPLES; i++) {
      const dx = (i + 0.5) / SUBSAMPLES - centre
      const dy = (j + 0.5) / SUBSAMPLES - centre
      if (dx * dx + dy * dy > radius * radius) continue
      weights[Math.floor(j / SUBSAMPLES) * width + Math.floor(i / SUBSAMPLES)]++
      covered++
    }
  }
  for (let cell = 0; cell < weights.length; cell++) weights[cell] = (weights[cell] * area) / covered
  return {width, weights}
}
