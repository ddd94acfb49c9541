import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {WHOLE_MAP, inShard} from '../../src/datamaps/shard.js'
import {LocalTileStore} from '../../src/datamaps/sync-local.js'
import {syncTiles, type SyncOptions} from '../../src/datamaps/sync.js'
import {stage} from './support/staging.js'

let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'datamaps-sync-'))
})
afterEach(() => rmSync(root, {recursive: true, force: true}))

const options = (store: LocalTileStore, overrides: Partial<SyncOptions> = {}): SyncOptions => ({
  stagingDir: store.stagingDir,
  shard: WHOLE_MAP,
  summary: {name: 'data.json', body: counts => JSON.stringify(counts)},
  signal: new AbortController().signal,
  onProgress: () => undefined,
  ...overrides,
})

async function sync(tiles: Record<string, string>, overrides: Partial<SyncOptions> = {}) {
  const store = await LocalTileStore.open(root)
  try {
    return await syncTiles(stage(store.stagingDir, tiles), store, options(store, overrides))
  } finally {
    await store.close()
  }
}

const read = (path: string): string => readFileSync(join(root, path), 'utf8')

describe('syncTiles to a directory', () => {
  it('writes new tiles, then on unchanged data writes nothing, not even the summary', async () => {
    const first = await sync({'0/0/0.png': 'world', '1/0/1.png': 'south-west', '0/0/0@2x.png': 'retina'})
    expect(first.counts).toEqual({tile_new: 3, tile_changed: 0, tile_deleted: 0, tile_unchanged: 0, tile_failed: 0})
    expect(first.summaryWritten).toBe(true)
    expect(read('1/0/1.png')).toBe('south-west')
    expect(JSON.parse(read('data.json'))).toMatchObject({tile_new: 3})

    writeFileSync(join(root, 'data.json'), 'kept')
    const second = await sync({'0/0/0.png': 'world', '1/0/1.png': 'south-west', '0/0/0@2x.png': 'retina'})
    expect(second.counts).toEqual({tile_new: 0, tile_changed: 0, tile_deleted: 0, tile_unchanged: 3, tile_failed: 0})
    expect(second.summaryWritten).toBe(false)
    expect(read('data.json')).toBe('kept')
  })

  it('counts new, changed (by size and, at equal size, by MD5), deleted and unchanged exactly', async () => {
    await sync({'5/1/1.png': 'same', '5/1/2.png': 'short', '5/1/3.png': 'abcd', '5/2/1.png': 'stale', '6/9/9.png': 'stale too'})
    const result = await sync({'5/1/1.png': 'same', '5/1/2.png': 'longer now', '5/1/3.png': 'abce', '7/0/0.png': 'new'})
    expect(result.counts).toEqual({tile_new: 1, tile_changed: 2, tile_deleted: 2, tile_unchanged: 1, tile_failed: 0})
    expect(read('5/1/2.png')).toBe('longer now')
    expect(read('5/1/3.png')).toBe('abce')
    expect(existsSync(join(root, '5/2/1.png'))).toBe(false)
    // The emptied directories go too.
    expect(existsSync(join(root, '6'))).toBe(false)
    expect(JSON.parse(read('data.json'))).toMatchObject({tile_new: 1, tile_changed: 2, tile_deleted: 2, tile_unchanged: 1})
  })

  it('never touches what is not a tile', async () => {
    mkdirSync(join(root, 'assets/1'), {recursive: true})
    mkdirSync(join(root, '3/4'), {recursive: true})
    for (const path of ['index.html', 'assets/1/2.png', '3/4/notes.txt', '3/4/5.jpg']) writeFileSync(join(root, path), 'keep')
    const result = await sync({'0/0/0.png': 'world'})
    expect(result.counts.tile_deleted).toBe(0)
    for (const path of ['index.html', 'assets/1/2.png', '3/4/notes.txt', '3/4/5.jpg']) expect(read(path)).toBe('keep')
  })

  it('deletes stale tiles of its own shard only', async () => {
    const tiles = Object.fromEntries(Array.from({length: 40}, (_, i) => [`9/${i}/0.png`, `tile ${i}`]))
    await sync(tiles)
    const shard = {index: 1, count: 3}
    const result = await sync({}, {shard, summary: {name: 'data.1-of-3.json', body: () => '{}'}})
    const mine = Object.keys(tiles).filter(path => inShard(path, shard))
    expect(result.counts.tile_deleted).toBe(mine.length)
    for (const path of Object.keys(tiles)) expect(existsSync(join(root, path))).toBe(!mine.includes(path))
    expect(existsSync(join(root, 'data.1-of-3.json'))).toBe(true)
  })

  it('stops cleanly when interrupted: tiles written are whole, no deletes, no summary; the next run converges', async () => {
    await sync({'8/0/0.png': 'stale'})
    const tiles = Object.fromEntries(Array.from({length: 50}, (_, i) => [`8/1/${i}.png`, `tile ${i}`]))
    const controller = new AbortController()
    const interrupted = await sync(tiles, {signal: controller.signal, onProgress: done => (done === 20 ? controller.abort() : undefined)})
    const written = interrupted.counts.tile_new
    expect(written).toBeGreaterThanOrEqual(20)
    expect(written).toBeLessThan(50)
    expect(interrupted.summaryWritten).toBe(false)
    expect(existsSync(join(root, '8/0/0.png'))).toBe(true)
    for (const name of readdirSync(join(root, '8/1'))) expect(read(`8/1/${name}`)).toBe(`tile ${name.replace('.png', '')}`)

    const resumed = await sync(tiles)
    expect(resumed.counts).toEqual({tile_new: 50 - written, tile_changed: 0, tile_deleted: 1, tile_unchanged: written, tile_failed: 0})
    expect(readdirSync(join(root, '8/1'))).toHaveLength(50)
  })

  it('removes its staging directory, and staging left by a killed run of this host', async () => {
    const abandoned = join(root, `.datamaps-staging-${(await import('node:os')).hostname().replace(/[^\w.-]/g, '_')}-999999999`)
    mkdirSync(abandoned)
    await sync({'0/0/0.png': 'world'})
    expect(readdirSync(root).filter(name => name.startsWith('.datamaps-staging'))).toEqual([])
  })

  const unwritable: Array<[what: string, output: (root: string) => string, cause: (root: string) => string]> = [
    ['under a file', root => join(root, 'file', 'tiles'), root => `${join(root, 'file')} is not a directory (ENOTDIR)`],
    ['that is a file', root => join(root, 'file'), root => `${join(root, 'file')} is not a directory (ENOTDIR)`],
    ['under a dangling symlink', root => join(root, 'dangling', 'tiles'), root => `${join(root, 'dangling')} takes no new directories (ENOENT)`],
    // Any other cause in words, never a bare code.
    ['under a symlink loop', root => join(root, 'loop', 'tiles'), () => 'too many symbolic links (ELOOP)'],
  ]
  if (existsSync('/proc/self')) unwritable.push(['under /proc', () => '/proc/tiles', () => '/proc takes no new directories (ENOENT)'])
  it.each(unwritable)('refuses an output %s, before any work, with exit code 1 and the cause', async (_, output, cause) => {
    writeFileSync(join(root, 'file'), '')
    symlinkSync(join(root, 'gone'), join(root, 'dangling'))
    symlinkSync(join(root, 'loop'), join(root, 'loop'))
    await expect(LocalTileStore.open(output(root))).rejects.toMatchObject({exitCode: 1, message: `cannot write to output directory ${output(root)}: ${cause(root)}`})
  })
})
