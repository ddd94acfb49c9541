import {crc32, inflateSync} from 'node:zlib'

/** A decoded palette PNG: RGBA per pixel, and the chunks it had. */
export interface DecodedPng {
  readonly width: number
  readonly height: number
  readonly depth: number
  readonly chunks: readonly string[]
  readonly paletteSize: number
  /** Row by row, 4 bytes a pixel. */
  readonly rgba: Uint8Array
  pixel(x: number, y: number): [number, number, number, number]
}

/**
 * A deliberately small decoder for the tiles' one format (colour type 3, any bit
 * depth, no interlace), independent of the encoder: it checks every CRC, undoes all
 * five filters, and expands the palette and tRNS to RGBA.
 */
export function decodePng(png: Uint8Array): DecodedPng {
  const bytes = Buffer.from(png)
  if (!bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('not a PNG signature')
  const chunks: string[] = []
  const idat: Buffer[] = []
  let width = 0
  let height = 0
  let depth = 0
  let palette = Buffer.alloc(0)
  let alpha = Buffer.alloc(0)
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at)
    const type = bytes.toString('latin1', at + 4, at + 8)
    const data = bytes.subarray(at + 8, at + 8 + length)
    if (bytes.readUInt32BE(at + 8 + length) !== crc32(bytes.subarray(at + 4, at + 8 + length))) throw new Error(`bad CRC in ${type}`)
    chunks.push(type)
    if (type === 'IHDR') {
      width = data.readUInt32BE(0)
      height = data.readUInt32BE(4)
      depth = data[8]
      if (data[9] !== 3 || data[12] !== 0) throw new Error(`unsupported colour type ${data[9]} / interlace ${data[12]}`)
    } else if (type === 'PLTE') palette = data
    else if (type === 'tRNS') alpha = data
    else if (type === 'IDAT') idat.push(data)
    at += 12 + length
  }
  const raw = inflateSync(Buffer.concat(idat))
  const rowBytes = Math.ceil((width * depth) / 8)
  if (raw.length !== height * (rowBytes + 1)) throw new Error(`IDAT has ${raw.length} bytes, expected ${height * (rowBytes + 1)}`)
  const rgba = new Uint8Array(width * height * 4)
  let previous = new Uint8Array(rowBytes)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (rowBytes + 1)]
    const row = Uint8Array.from(raw.subarray(y * (rowBytes + 1) + 1, (y + 1) * (rowBytes + 1)))
    for (let i = 0; i < rowBytes; i++) {
      const left = i > 0 ? row[i - 1] : 0
      const up = previous[i]
      const corner = i > 0 ? previous[i - 1] : 0
      const predictors = [0, left, up, (left + up) >> 1, paeth(left, up, corner)]
      if (filter > 4) throw new Error(`bad filter ${filter} on row ${y}`)
      row[i] = (row[i] + predictors[filter]) & 0xff
    }
    for (let x = 0; x < width; x++) {
      const bit = x * depth
      const index = (row[bit >> 3] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1)
      if (index * 3 >= palette.length) throw new Error(`index ${index} outside a palette of ${palette.length / 3}`)
      rgba.set([palette[index * 3], palette[index * 3 + 1], palette[index * 3 + 2], index < alpha.length ? alpha[index] : 255], (y * width + x) * 4)
    }
    previous = row
  }
  return {
    width,
    height,
    depth,
    chunks,
    paletteSize: palette.length / 3,
    rgba,
    pixel: (x, y) => Array.from(rgba.subarray((y * width + x) * 4, (y * width + x) * 4 + 4)) as [number, number, number, number],
  }
}

function paeth(left: number, up: number, corner: number): number {
  const estimate = left + up - corner
  const a = Math.abs(estimate - left)
  const b = Math.abs(estimate - up)
  const c = Math.abs(estimate - corner)
  return a <= b && a <= c ? left : b <= c ? up : corner
}
