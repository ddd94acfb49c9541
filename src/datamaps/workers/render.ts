import {createHash} from 'node:crypto'
import {mkdirSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {workerData} from 'node:worker_threads'
import {TileRenderer} from '../render-tile.js'
import type {RenderBatch, RenderWorkerData, StagedTile} from '../render.js'
import {tilePath} from '../tile-path.js'
import {RETINA_TILE_SIZE} from '../style.js'
import {serve} from './serve.js'

/**
 * The render worker: draws each tile of a batch, and writes the visible ones into
 * the staging directory, returning their size and MD5 for the sync.
 */
const {keys, count, style, stagingDir} = workerData as RenderWorkerData
const renderer = new TileRenderer(style, keys, count)
const made = new Set<string>()

serve<RenderBatch, StagedTile[]>(batch => {
  const staged: StagedTile[] = []
  for (const job of batch) {
    const png = renderer.render(job)
    if (!png) continue
    const path = tilePath(job.z, job.x, job.y, job.size === RETINA_TILE_SIZE)
    const file = join(stagingDir, path)
    makeTileDirectory(dirname(file))
    writeFileSync(file, png)
    staged.push({path, bytes: png.length, md5: createHash('md5').update(png).digest('hex')})
  }
  return {value: staged}
})

/**
 * Makes `z` then `z/x` in the staging directory, one level at a time: a recursive
 * mkdir never returns on a path whose parent refuses it (see src/io/make-directory.ts).
 */
function makeTileDirectory(directory: string): void {
  for (const level of [dirname(directory), directory]) {
    if (made.has(level)) continue
    try {
      mkdirSync(level)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    made.add(level)
  }
}
