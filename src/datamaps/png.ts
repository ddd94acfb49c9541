import {constants, crc32, deflateSync} from 'node:zlib'

/**
 * A PNG encoder for one kind of image: a grid of palette levels (0 to 255) whose
 * colours come from a fixed RGBA ramp. Each tile gets a palette of just the levels
 * it uses, in ramp order, so the tRNS chunk ends at the first opaque entry and a
 * sparse tile packs into 1, 2 or 4 bits a pixel. Lossless: the tile shows exactly the
 * ramp's colours, where pngquant's 32-colour quantisation would approximate them.
 *
 * Deterministic: the same levels give the same bytes (fixed zlib settings, no
 * timestamps or other metadata chunks).
 */
export class PaletteEncoder {
  private readonly scanlines: Uint8Array
  private readonly previous: Uint8Array
  private readonly row: Uint8Array
  private readonly seen = new Uint8Array(256)
  private readonly indexOf = new Uint8Array(256)

  constructor(
    readonly size: number,
    /** RGBA per level, 256 × 4 bytes; level 0 is the transparent background. */
    private readonly palette: Uint8Array,
  ) {
    this.scanlines = new Uint8Array(size * (size + 1))
    this.previous = new Uint8Array(size)
    this.row = new Uint8Array(size)
  }

  /**
   * `levels` is size × size, row by row; rows outside `drawn` (first and last, inclusive)
   * are all level 0 and are not read.
   */
  encode(levels: Uint8Array, drawn: readonly [number, number]): Buffer {
    const used = this.usedLevels(levels, drawn)
    const depth = used.length <= 2 ? 1 : used.length <= 4 ? 2 : used.length <= 16 ? 4 : 8
    const rowBytes = Math.ceil((this.size * depth) / 8)
    const row = this.row.subarray(0, rowBytes)
    const previous = this.previous.subarray(0, rowBytes)
    // Blank rows are index 0 (level 0 is the first palette entry whenever it is used), and so is the row above the first.
    previous.fill(0)
    let previousBlank = true
    for (let y = 0; y < this.size; y++) {
      const at = y * (rowBytes + 1)
      const blank = y < drawn[0] || y > drawn[1] || this.pack(levels, y, depth, row)
      if (blank && previousBlank) {
        // Blank under blank: every filter gives zeros, so filter 0 and zeros.
        this.scanlines.fill(0, at, at + rowBytes + 1)
        continue
      }
      if (blank) row.fill(0)
      this.filterInto(row, previous, at)
      previous.set(row)
      previousBlank = blank
    }
    // Runs of one byte are what these images are made of: Z_RLE is both smaller and several times faster than the default here.
    const data = deflateSync(this.scanlines.subarray(0, this.size * (rowBytes + 1)), {level: 9, strategy: constants.Z_RLE})
    return Buffer.concat([SIGNATURE, this.header(depth), ...this.paletteChunks(used), chunk('IDAT', data), IEND])
  }

  /** The levels present, ascending, and each one's palette index in `indexOf`. */
  private usedLevels(levels: Uint8Array, [first, last]: readonly [number, number]): number[] {
    const seen = this.seen.fill(0)
    if (first > 0 || last < this.size - 1) seen[0] = 1
    for (let i = first * this.size; i < (last + 1) * this.size; i++) seen[levels[i]] = 1
    const used: number[] = []
    for (let level = 0; level < 256; level++) {
      if (seen[level]) {
        this.indexOf[level] = used.length
        used.push(level)
      }
    }
    return used
  }

  /**
   * Packs one row of palette indices, `depth` bits each, leftmost pixel in the high
   * bits; returns true when the row is all index 0.
   */
  private pack(levels: Uint8Array, y: number, depth: number, row: Uint8Array): boolean {
    const first = y * this.size
    let any = 0
    if (depth === 8) {
      for (let x = 0; x < this.size; x++) any |= row[x] = this.indexOf[levels[first + x]]
      return any === 0
    }
    const perByte = 8 / depth
    row.fill(0)
    for (let x = 0; x < this.size; x++) {
      const index = this.indexOf[levels[first + x]]
      any |= index
      row[(x / perByte) | 0] |= index << (8 - depth * (1 + (x % perByte)))
    }
    return any === 0
  }

  /**
   * Writes the row at `at` with the filter whose output has the smallest sum of
   * absolute values, read as signed bytes: the PNG specification's suggested
   * heuristic, and libpng's. All five are scored in one pass, and only the winner is
   * written. A palette pixel is at most one byte, so filters look one byte left.
   */
  private filterInto(row: Uint8Array, up: Uint8Array, at: number): void {
    let none = 0
    let sub = 0
    let upScore = 0
    let average = 0
    let paethScore = 0
    for (let i = 0; i < row.length; i++) {
      const left = i > 0 ? row[i - 1] : 0
      const corner = i > 0 ? up[i - 1] : 0
      const value = row[i]
      none += signedSize(value)
      sub += signedSize(value - left)
      upScore += signedSize(value - up[i])
      average += signedSize(value - ((left + up[i]) >> 1))
      paethScore += signedSize(value - paeth(left, up[i], corner))
    }
    const scores = [none, sub, upScore, average, paethScore]
    let filter = 0
    for (let candidate = 1; candidate < 5; candidate++) if (scores[candidate] < scores[filter]) filter = candidate
    const out = this.scanlines
    out[at] = filter
    for (let i = 0; i < row.length; i++) {
      const left = i > 0 ? row[i - 1] : 0
      const corner = i > 0 ? up[i - 1] : 0
      const predicted = filter === 0 ? 0 : filter === 1 ? left : filter === 2 ? up[i] : filter === 3 ? (left + up[i]) >> 1 : paeth(left, up[i], corner)
      out[at + 1 + i] = row[i] - predicted
    }
  }

  private header(depth: number): Buffer {
    const data = Buffer.alloc(13)
    data.writeUInt32BE(this.size, 0)
    data.writeUInt32BE(this.size, 4)
    data[8] = depth
    data[9] = 3 // colour type: palette
    return chunk('IHDR', data)
  }

  private paletteChunks(used: readonly number[]): Buffer[] {
    const rgb = Buffer.alloc(used.length * 3)
    const alpha = Buffer.alloc(used.length)
    let lastTranslucent = -1
    used.forEach((level, index) => {
      rgb.set(this.palette.subarray(level * 4, level * 4 + 3), index * 3)
      alpha[index] = this.palette[level * 4 + 3]
      if (alpha[index] < 255) lastTranslucent = index
    })
    const chunks = [chunk('PLTE', rgb)]
    if (lastTranslucent >= 0) chunks.push(chunk('tRNS', alpha.subarray(0, lastTranslucent + 1)))
    return chunks
  }
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const IEND = chunk('IEND', Buffer.alloc(0))

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, 'latin1')
  out.set(data, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
  return out
}

/** |value| of a filtered byte read as signed: 255 is -1, close to zero, which compresses well. */
function signedSize(difference: number): number {
  const value = difference & 0xff
  return value < 128 ? value : 256 - value
}

function paeth(left: number, above: number, corner: number): number {
  const estimate = left + above - corner
  const toLeft = Math.abs(estimate - left)
  const toAbove = Math.abs(estimate - above)
  const toCorner = Math.abs(estimate - corner)
  if (toLeft <= toAbove && toLeft <= toCorner) return left
  return toAbove <= toCorner ? above : corner
}
