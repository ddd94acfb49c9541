import {join} from 'node:path'
import {describeError} from '../text/system-error.js'
import type {StagedTile} from './render.js'
import {inShard, type Shard} from './shard.js'

/**
 * Where tiles end up: a directory or an S3 prefix. A store knows only tile paths
 * (`z/x/y.png`) under its root; sync decides what to write and what to delete.
 */
export interface TileStore {
  /** `DIR` or `s3://bucket/prefix/`, for messages. */
  readonly location: string
  /** Writes in flight at once: a few for local files, more for network round trips. */
  readonly parallelism: number
  /** A fresh directory the render stage writes tiles into, on the same file system as the output when there is one. */
  readonly stagingDir: string
  /** Every tile path under the root, with its size in bytes. */
  list(): Promise<ReadonlyMap<string, number>>
  /** The MD5 (hex) of a listed tile: hashed for a file, the ETag for an S3 object. */
  md5(path: string): Promise<string>
  /** Replaces or creates a tile from its staged file, atomically for readers. */
  put(path: string, stagedFile: string): Promise<void>
  /** Deletes tiles; returns the paths that could not be deleted, with why. */
  remove(paths: readonly string[]): Promise<Array<{path: string; reason: string}>>
  /** Whether the run summary exists. */
  hasSummary(name: string): Promise<boolean>
  putSummary(name: string, json: string): Promise<void>
  /** Removes the staging directory. */
  close(): Promise<void>
}

/** The seeds' counters (`datamaps#count:tile_*`), plus the tiles that failed. */
export interface SyncCounts {
  readonly tile_new: number
  readonly tile_changed: number
  readonly tile_deleted: number
  readonly tile_unchanged: number
  readonly tile_failed: number
}

export interface SyncOptions {
  readonly stagingDir: string
  readonly shard: Shard
  /** The summary's file name and contents, given the counts; written only when something changed or it is missing. */
  readonly summary: {readonly name: string; readonly body: (counts: SyncCounts) => string}
  readonly signal: AbortSignal
  readonly onProgress: (done: number, total: number) => void
}

export interface SyncResult {
  readonly counts: SyncCounts
  /** Whether the summary file was written. */
  readonly summaryWritten: boolean
  /** The first failure, when tile_failed > 0. */
  readonly firstFailure?: string
}

/**
 * Ichnaea's sync (ICHNAEA.md §2.3): a tile missing from the store is new; one there
 * is compared by size first, and by MD5 only when the sizes match; tiles in the store
 * that were not rendered are deleted, within this machine's shard only. Unchanged
 * data writes nothing, not even the summary.
 */
export async function syncTiles(staged: readonly StagedTile[], store: TileStore, options: SyncOptions): Promise<SyncResult> {
  const existing = await store.list()
  const rendered = new Set(staged.map(tile => tile.path))
  const stale = [...existing.keys()].filter(path => !rendered.has(path) && inShard(path, options.shard)).sort()
  const total = staged.length + stale.length
  const counts = {tile_new: 0, tile_changed: 0, tile_deleted: 0, tile_unchanged: 0, tile_failed: 0}
  let firstFailure: string | undefined
  const fail = (path: string, reason: string): void => {
    counts.tile_failed++
    firstFailure ??= `${path}: ${reason}`
  }
  const result = (summaryWritten: boolean): SyncResult => ({counts, summaryWritten, ...(firstFailure === undefined ? {} : {firstFailure})})

  let done = 0
  options.onProgress(done, total)
  await forEachLimited(staged, store.parallelism, options.signal, async tile => {
    try {
      const change = await classify(tile, existing, store)
      if (change !== 'tile_unchanged') await store.put(tile.path, join(options.stagingDir, tile.path))
      counts[change]++
    } catch (error) {
      fail(tile.path, describeError(error))
    }
    options.onProgress(++done, total)
  })
  // Interrupted: what was written is whole; deletes and the summary wait for the next run.
  if (options.signal.aborted) return result(false)

  const notRemoved = await store.remove(stale)
  counts.tile_deleted = stale.length - notRemoved.length
  for (const {path, reason} of notRemoved) fail(path, reason)
  options.onProgress(total, total)

  const changed = counts.tile_new + counts.tile_changed + counts.tile_deleted > 0
  const summaryWritten = changed || !(await store.hasSummary(options.summary.name))
  if (summaryWritten) await store.putSummary(options.summary.name, options.summary.body(counts))
  return result(summaryWritten)
}

type Change = 'tile_new' | 'tile_changed' | 'tile_unchanged'

async function classify(tile: StagedTile, existing: ReadonlyMap<string, number>, store: TileStore): Promise<Change> {
  const size = existing.get(tile.path)
  if (size === undefined) return 'tile_new'
  if (size !== tile.bytes) return 'tile_changed'
  return (await store.md5(tile.path)) === tile.md5 ? 'tile_unchanged' : 'tile_changed'
}

/** Runs `work` on every item, at most `limit` at a time; after an abort it starts no more. */
async function forEachLimited<T>(items: readonly T[], limit: number, signal: AbortSignal, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < items.length && !signal.aborted) await work(items[next++])
  }
  await Promise.all(Array.from({length: Math.max(1, Math.min(limit, items.length))}, lane))
}
