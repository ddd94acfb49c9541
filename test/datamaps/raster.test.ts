import {describe, expect, it} from 'vitest'
import {brushKernel, Canvas} from '../../src/datamaps/raster.js'

const sum = (values: ArrayLike<number>): number => Array.from(values).reduce((a, b) => a + b, 0)

describe('Canvas', () => {
  it('puts a dot on a pixel corner into that pixel only', () => {
    const canvas = new Canvas(4)
    canvas.splat(1, 2, 0.5)
    expect(canvas.sums[2 * 4 + 1]).toBe(0.5)
    expect(sum(canvas.sums)).toBe(0.5)
    expect(canvas.rows).toEqual([2, 2])
  })

  it('splits a dot between pixels bilinearly (antialiasing)', () => {
    const canvas = new Canvas(4)
    canvas.splat(0.25, 0.5, 1)
    expect(Array.from(canvas.sums.subarray(0, 8))).toEqual([0.375, 0.125, 0, 0, 0.375, 0.125, 0, 0])
    expect(canvas.rows).toEqual([0, 1])
  })

  it('drops what falls outside, and accumulates what falls inside', () => {
    const canvas = new Canvas(2)
    canvas.splat(-0.5, -0.5, 1)
    canvas.splat(-0.5, -0.5, 1)
    expect(Array.from(canvas.sums)).toEqual([0.5, 0, 0, 0])
    canvas.splat(5, 5, 1)
    expect(canvas.rows).toEqual([0, 0])
  })

  it('clears what it drew and is blank again', () => {
    const canvas = new Canvas(8)
    canvas.splat(3.5, 6.25, 1)
    expect(canvas.blank).toBe(false)
    canvas.clear()
    expect(canvas.blank).toBe(true)
    expect(sum(canvas.sums)).toBe(0)
  })

  it('draws a brush as a disc centred on the point, keeping its whole weight inside the tile', () => {
    const canvas = new Canvas(8)
    canvas.brush(4, 4, 0.5, brushKernel(4))
    expect(sum(canvas.sums)).toBeCloseTo(2, 12)
    // Symmetric about the centre (4, 4).
    for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) expect(canvas.sums[y * 8 + x]).toBeCloseTo(canvas.sums[(7 - y) * 8 + (7 - x)], 12)
    expect(canvas.rows).toEqual([2, 5])
  })
})

describe('brushKernel', () => {
  it.each([2, 4, 8, 16])('a disc of area %i sums to its area, in a square just wide enough', area => {
    const kernel = brushKernel(area)
    expect(sum(kernel.weights)).toBeCloseTo(area, 12)
    expect(kernel.width).toBe(Math.ceil(2 * Math.sqrt(area / Math.PI)))
  })
})
