import {projectLat, projectLon, quadkey} from './mercator.js'
import type {PointShard} from './points.js'
import {WorkerPool} from './pool.js'

/**
 * One encode job (datamaps' `encode -z13` on one CSV): every point of a shard
 * projected to its 42-bit quadkey, then sorted. Runs in a worker thread, which owns
 * the points (transferred, not copied) and hands the keys back the same way.
 */
export function encodeShard(shard: PointShard): Float64Array<ArrayBuffer> {
  const {points, count} = shard
  const keys = new Float64Array(count)
  for (let i = 0; i < count; i++) keys[i] = quadkey(projectLon(points[2 * i + 1]), projectLat(points[2 * i]))
  // Keys are whole numbers below 2^42, so their IEEE 754 bits sort as unsigned integers do: V8 sorts a
  // BigUint64Array view of them in place twice as fast as the Float64Array, which must order NaN and -0.
  new BigUint64Array(keys.buffer).sort()
  return keys
}

/**
 * Sorts every shard on its own worker thread, at most `concurrency` at a time.
 * The points move to the workers (transferred), so memory holds each shard once.
 */
export async function encodeShards(shards: readonly PointShard[], concurrency: number, signal: AbortSignal, onShard: (done: number) => void): Promise<Float64Array[]> {
  if (shards.length === 0) return []
  const pool = await WorkerPool.start<PointShard, Float64Array>(new URL('./workers/encode.js', import.meta.url), Math.min(concurrency, shards.length))
  const stop = (): void => void pool.close()
  signal.addEventListener('abort', stop)
  let done = 0
  try {
    return await Promise.all(
      shards.map(async shard => {
        const keys = await pool.run(shard, [shard.points.buffer as ArrayBuffer])
        onShard(++done)
        return keys
      }),
    )
  } finally {
    signal.removeEventListener('abort', stop)
    await pool.close()
  }
}
