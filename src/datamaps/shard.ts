import {UsageError} from '../errors.js'

/**
 * `--shard i/n`: n machines share one map, each rendering and syncing the tiles whose
 * path hashes to its slice. A tile's slice depends on its path alone (FNV-1a, 32 bits,
 * of `z/x/y.png`), so every machine agrees on it without talking to the others, and a
 * machine deletes only stale tiles of its own slice.
 */
export interface Shard {
  /** 0-based, as Kubernetes' JOB_COMPLETION_INDEX. */
  readonly index: number
  readonly count: number
}

export const WHOLE_MAP: Shard = {index: 0, count: 1}

export function parseShard(text: string, source: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim())
  const index = match ? Number(match[1]) : Number.NaN
  const count = match ? Number(match[2]) : Number.NaN
  if (!(count >= 1 && count <= 65_536 && index < count)) {
    throw new UsageError(`${source}: expected i/n with 0 <= i < n, got ${JSON.stringify(text)}`, 'e.g. --shard 0/4 for the first of four machines')
  }
  return {index, count}
}

export function inShard(path: string, shard: Shard): boolean {
  return shard.count === 1 || fnv1a(path) % shard.count === shard.index
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return hash >>> 0
}
