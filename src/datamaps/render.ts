import type {MergedKeys} from './merge.js'
import {WorkerPool} from './pool.js'
import type {TileJob} from './render-tile.js'
import {inShard, type Shard} from './shard.js'
import {RETINA_TILE_SIZE, TILE_SIZE, zoomSampling, type RenderStyle} from './style.js'
import {tilePath} from './tile-path.js'
import {enumerateTiles, type TileRange} from './tiles.js'

/** What every render worker starts with: the merged keys, shared, not copied. */
export interface RenderWorkerData {
  readonly keys: Float64Array
  readonly count: number
  readonly style: RenderStyle
  readonly stagingDir: string
}

export type RenderBatch = readonly TileJob[]

/** A tile written to the staging directory. */
export interface StagedTile {
  /** `z/x/y.png`, relative to the tiles root. */
  readonly path: string
  readonly bytes: number
  readonly md5: string
}

export interface RenderOptions {
  readonly maxZoom: number
  readonly style: RenderStyle
  readonly stagingDir: string
  readonly concurrency: number
  readonly shard: Shard
  readonly signal: AbortSignal
  /** Called once the jobs are known, then after every batch with the jobs done so far. */
  readonly onProgress: (done: number, total: number) => void
}

export interface RenderResult {
  /** Tiles written, sorted by path. */
  readonly tiles: StagedTile[]
  /** Tiles drawn, including those too faint to write. */
  readonly drawn: number
}

const MAX_BATCH = 64

/**
 * Renders every tile of zooms 0..maxZoom that has a dot to draw (and belongs to this
 * machine's shard), plus the 512-px `0/0/0@2x.png`, on `concurrency` worker threads.
 */
export async function renderTiles(merged: MergedKeys, options: RenderOptions): Promise<RenderResult> {
  const jobs = planTiles(merged, options)
  options.onProgress(0, jobs.length)
  if (jobs.length === 0) return {tiles: [], drawn: 0}
  const workerData: RenderWorkerData = {keys: merged.keys, count: merged.count, style: options.style, stagingDir: options.stagingDir}
  const pool = await WorkerPool.start<RenderBatch, StagedTile[]>(new URL('./workers/render.js', import.meta.url), Math.min(options.concurrency, jobs.length), workerData)
  const stop = (): void => void pool.close()
  options.signal.addEventListener('abort', stop)
  try {
    const batchSize = Math.max(1, Math.min(MAX_BATCH, Math.ceil(jobs.length / (pool.size * 8))))
    let done = 0
    const batches: Array<Promise<StagedTile[]>> = []
    for (let first = 0; first < jobs.length; first += batchSize) {
      const batch = jobs.slice(first, first + batchSize)
      batches.push(
        pool.run(batch).then(staged => {
          options.onProgress((done += batch.length), jobs.length)
          return staged
        }),
      )
    }
    const tiles = (await Promise.all(batches)).flat().sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    return {tiles, drawn: jobs.length}
  } finally {
    options.signal.removeEventListener('abort', stop)
    await pool.close()
  }
}

/** The tiles to draw, zoom by zoom: those with at least one sampled dot, in this shard. */
export function planTiles(merged: MergedKeys, options: Pick<RenderOptions, 'maxZoom' | 'style' | 'shard'>): TileJob[] {
  const jobs: TileJob[] = []
  const levels = enumerateTiles(merged.keys, merged.count, options.maxZoom)
  levels.forEach((level, z) => {
    const {step} = zoomSampling(options.style, z, TILE_SIZE)
    for (const tile of level) {
      if (hasSampledKey(tile, step) && inShard(tilePath(z, tile.x, tile.y), options.shard)) jobs.push(toJob(tile, TILE_SIZE))
    }
  })
  const world = levels[0][0]
  if (world && hasSampledKey(world, zoomSampling(options.style, 0, RETINA_TILE_SIZE).step) && inShard(tilePath(0, 0, 0, true), options.shard)) {
    jobs.push(toJob(world, RETINA_TILE_SIZE))
  }
  return jobs
}

const hasSampledKey = (tile: TileRange, step: number): boolean => Math.ceil(tile.start / step) * step < tile.end

const toJob = (tile: TileRange, size: number): TileJob => ({z: tile.z, x: tile.x, y: tile.y, start: tile.start, end: tile.end, size})
