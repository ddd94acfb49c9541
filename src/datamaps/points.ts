import {jitterCell} from './jitter.js'

/**
 * Exported points, in millionths of a degree (Ichnaea's CSV has six decimals, so this
 * is exactly its precision): `points[2i]` is a latitude, `points[2i + 1]` a longitude.
 * A shard is one encode job, sorted by one worker thread.
 */
export interface PointShard {
  readonly points: Int32Array
  readonly count: number
}

/**
 * 2^21 points (16 MB) per shard: big enough that sorting dominates the messaging,
 * small enough that a few shards keep every core busy and the merge is shallow.
 */
export const SHARD_POINTS = 1 << 21

/**
 * Collects points into shards, typed arrays of a fixed size: allocated whole (the
 * pages are only touched as they fill), never grown or copied, and moved to a worker
 * as they are.
 */
export class ShardBuilder {
  private buffer = new Int32Array(0)
  private length = 0
  private total = 0
  private readonly sealed: PointShard[] = []

  constructor(private readonly maxPoints = SHARD_POINTS) {}

  get points(): number {
    return this.total
  }

  add(latMicro: number, lonMicro: number): void {
    if (2 * this.length === this.buffer.length) this.makeRoom()
    this.buffer[2 * this.length] = latMicro
    this.buffer[2 * this.length + 1] = lonMicro
    this.length++
    this.total++
  }

  /** Adds the `count` jittered points of a grid cell. */
  addCell(latScaled: number, lonScaled: number, count: number): void {
    if (count === 0) return
    if (2 * (this.length + count) > this.buffer.length) this.makeRoom()
    jitterCell(latScaled, lonScaled, count, this.buffer, 2 * this.length)
    this.length += count
    this.total += count
  }

  /** The shards; the builder is empty afterwards. */
  finish(): PointShard[] {
    if (this.length > 0) this.seal()
    return this.sealed.splice(0)
  }

  private makeRoom(): void {
    if (this.length > 0) this.seal()
    this.buffer = new Int32Array(2 * this.maxPoints)
  }

  private seal(): void {
    this.sealed.push({points: this.buffer.subarray(0, 2 * this.length), count: this.length})
    this.buffer = new Int32Array(0)
    this.length = 0
  }
}
