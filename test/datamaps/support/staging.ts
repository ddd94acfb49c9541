import {createHash} from 'node:crypto'
import {mkdirSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import type {StagedTile} from '../../../src/datamaps/render.js'

/** Writes tiles into a staging directory as the render workers do, and lists them. */
export function stage(stagingDir: string, tiles: Record<string, string>): StagedTile[] {
  return Object.entries(tiles)
    .map(([path, content]) => {
      const file = join(stagingDir, path)
      mkdirSync(dirname(file), {recursive: true})
      writeFileSync(file, content)
      return {path, bytes: Buffer.byteLength(content), md5: createHash('md5').update(content).digest('hex')}
    })
    .sort((a, b) => (a.path < b.path ? -1 : 1))
}
