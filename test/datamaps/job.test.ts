import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Readable} from 'node:stream'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type * as JobModule from '../../src/datamaps/job.js'
import {AXIS_BITS, projectLat, projectLon} from '../../src/datamaps/mercator.js'
import type {Progress} from '../../src/datamaps/progress.js'
import {encodeGrid} from '../../src/datamaps/grid.js'
import {deadTcpPort} from '../support/listeners.js'
import {builtModule} from './support/dist.js'
import {createTestDatabase} from './support/mariadb.js'
import {decodePng} from './support/png-decode.js'
import {readTree, tilePaths} from './support/tree.js'

const SAMPLE = fileURLToPath(new URL('../../examples/datamaps/sample.csv', import.meta.url))
const SILENT: Progress = {stage: () => ({update: () => undefined, finish: () => undefined})}

let job: typeof JobModule
let scratch: string
beforeAll(async () => {
  job = await builtModule<typeof JobModule>('job.js')
  scratch = mkdtempSync(join(tmpdir(), 'datamaps-job-'))
})
afterAll(() => rmSync(scratch, {recursive: true, force: true}))

let runs = 0
const fresh = (): string => join(scratch, `run-${++runs}`)

function run(source: string, output: string, overrides: Partial<JobModule.JobOptions> = {}): Promise<JobModule.JobReport> {
  return job.runDatamapsJob({
    source: source.startsWith('mysql:') ? {kind: 'mysql', url: source} : {kind: 'csv', path: source},
    output: {kind: 'dir', path: output},
    maxZoom: 11,
    concurrency: 2,
    shard: {index: 0, count: 1},
    stdin: Readable.from([]),
    signal: new AbortController().signal,
    progress: SILENT,
    now: () => new Date('2024-01-12T00:00:00Z'),
    ...overrides,
  })
}

/** A Progress that aborts the job once `stage` has done `after` units. */
function abortingAt(stage: string, after: number, controller: AbortController): Progress {
  return {stage: name => ({update: done => (name === stage && done >= after ? controller.abort() : undefined), finish: () => undefined})}
}

/** The microdegrees whose projection is exactly this world coordinate (both projections are monotonic). */
function microFor(project: (micro: number) => number, target: number, low: number, high: number): number {
  const rising = project(high) > project(low)
  while (low < high) {
    const middle = Math.floor((low + high) / 2)
    if (rising ? project(middle) < target : project(middle) > target) low = middle + 1
    else high = middle
  }
  expect(project(low)).toBe(target)
  return low
}

describe('the datamaps job, golden', () => {
  it('draws one point at the centre of zoom-11 pixel (10, 20) of tile 11/1100/671, and on the tile above it at every zoom', async () => {
    const [x, y] = [1100 * 1024 + 4 * 10 + 2, 671 * 1024 + 4 * 20 + 2]
    const lon = microFor(projectLon, x, -180_000_000, 179_999_999)
    const lat = microFor(projectLat, y, -85_051_128, 85_051_128)
    const csv = join(scratch, 'one-point.csv')
    writeFileSync(csv, `${(lat / 1e6).toFixed(6)},${(lon / 1e6).toFixed(6)}\n`)
    const output = fresh()
    const report = await run(csv, output)

    const expected = Array.from({length: 12}, (_, z) => `${z}/${x >> (AXIS_BITS - z)}/${y >> (AXIS_BITS - z)}.png`)
    expect(tilePaths(readTree(output))).toEqual([...expected, '0/0/0@2x.png'].sort())
    expect(report).toMatchObject({rows: 1, points: 1, uniquePoints: 1, quadtrees: 1, tiles: {drawn: 13, written: 13}})
    expect(report.sync).toEqual({tile_new: 13, tile_changed: 0, tile_deleted: 0, tile_unchanged: 0, tile_failed: 0})

    const tile = decodePng(readFileSync(join(output, '11/1100/671.png')))
    expect(tile.pixel(10, 20)).toEqual([0, 0x88, 0xff, 106])
    expect(tile.pixel(11, 20)).toEqual([0, 0, 0, 0])
    expect(JSON.parse(readFileSync(join(output, 'data.json'), 'utf8'))).toEqual({
      updated: '2024-01-12T00:00:00.000Z', tile_new: 13, tile_changed: 0, tile_deleted: 0, tile_unchanged: 0, tile_failed: 0, tile_count: 13, max_zoom: 11,
    })
  })

  it('writes only tiles that hold points, each with a visible pixel', async () => {
    const output = fresh()
    const report = await run(SAMPLE, output, {maxZoom: 8})
    const tiles = tilePaths(readTree(output))
    expect(tiles).toHaveLength(report.tiles.written)
    const occupied = new Set<string>()
    for (const line of readFileSync(SAMPLE, 'utf8').trim().split('\n')) {
      const [lat, lon] = line.split(',').map(value => Math.round(Number(value) * 1e6))
      for (let z = 0; z <= 8; z++) occupied.add(`${z}/${projectLon(lon) >> (AXIS_BITS - z)}/${projectLat(lat) >> (AXIS_BITS - z)}.png`)
    }
    for (const path of tiles.filter(path => !path.includes('@2x'))) expect(occupied.has(path)).toBe(true)
    for (const path of tiles) {
      const image = decodePng(readFileSync(join(output, path)))
      expect(image.rgba.some((value, i) => i % 4 === 3 && value > 0)).toBe(true)
    }
  })
})

describe('the datamaps job, determinism and sync', () => {
  it('gives byte-identical tiles on every run, whatever the concurrency and shard size', async () => {
    const [a, b] = [fresh(), fresh()]
    await run(SAMPLE, a, {concurrency: 2})
    await run(SAMPLE, b, {concurrency: 1, shardPoints: 1000})
    const [first, second] = [readTree(a), readTree(b)]
    expect(tilePaths(first).length).toBeGreaterThan(500)
    expect(tilePaths(second)).toEqual(tilePaths(first))
    for (const path of tilePaths(first)) expect(second.get(path)?.equals(first.get(path) ?? Buffer.alloc(0)), path).toBe(true)
  })

  it('writes nothing on a re-run over unchanged data, and counts what a changed source changes', async () => {
    const output = fresh()
    const first = await run(SAMPLE, output, {maxZoom: 6})
    const summary = readFileSync(join(output, 'data.json'))
    const again = await run(SAMPLE, output, {maxZoom: 6, now: () => new Date('2030-01-01T00:00:00Z')})
    expect(again.sync).toEqual({tile_new: 0, tile_changed: 0, tile_deleted: 0, tile_unchanged: first.tiles.written, tile_failed: 0})
    expect(again.summaryWritten).toBe(false)
    expect(readFileSync(join(output, 'data.json')).equals(summary)).toBe(true)

    // Drop Sydney (and everything else south of 30°S) and add points around Reykjavik.
    const changed = join(scratch, 'changed.csv')
    const kept = readFileSync(SAMPLE, 'utf8').trim().split('\n').filter(line => Number(line.split(',')[0]) > -30)
    const reykjavik = Array.from({length: 300}, (_, i) => `${(64.1 + (i % 17) * 0.01).toFixed(6)},${(-21.9 + (i % 23) * 0.02).toFixed(6)}`)
    writeFileSync(changed, [...kept, ...reykjavik].join('\n'))
    const before = readTree(output)
    const after = await run(changed, output, {maxZoom: 6})
    const now = readTree(output)
    const [old, current] = [tilePaths(before), tilePaths(now)]
    expect(after.sync).toEqual({
      tile_new: current.filter(path => !before.has(path)).length,
      tile_changed: current.filter(path => before.has(path) && !before.get(path)?.equals(now.get(path) ?? Buffer.alloc(0))).length,
      tile_deleted: old.filter(path => !now.has(path)).length,
      tile_unchanged: current.filter(path => before.get(path)?.equals(now.get(path) ?? Buffer.alloc(0))).length,
      tile_failed: 0,
    })
    for (const count of [after.sync.tile_new, after.sync.tile_changed, after.sync.tile_deleted, after.sync.tile_unchanged]) expect(count).toBeGreaterThan(0)
  })

  it('converges after an interrupted run, whether it stopped while rendering or while syncing', async () => {
    const clean = fresh()
    const reference = await run(SAMPLE, clean, {maxZoom: 9})
    const output = fresh()

    const duringRender = new AbortController()
    await expect(run(SAMPLE, output, {maxZoom: 9, signal: duringRender.signal, progress: abortingAt('render', 100, duringRender)})).rejects.toMatchObject({exitCode: 1, message: 'interrupted during render'})
    expect(existsSync(output) ? tilePaths(readTree(output)) : []).toEqual([])

    const duringUpload = new AbortController()
    await expect(run(SAMPLE, output, {maxZoom: 9, signal: duringUpload.signal, progress: abortingAt('upload', 300, duringUpload)})).rejects.toMatchObject({message: 'interrupted during upload'})
    const partial = tilePaths(readTree(output)).length
    expect(partial).toBeGreaterThanOrEqual(300)
    expect(partial).toBeLessThan(reference.tiles.written)
    expect(readdirSync(output).filter(name => name.startsWith('.'))).toEqual([])

    const resumed = await run(SAMPLE, output, {maxZoom: 9})
    expect(resumed.sync).toEqual({tile_new: reference.tiles.written - partial, tile_changed: 0, tile_deleted: 0, tile_unchanged: partial, tile_failed: 0})
    const [expected, actual] = [readTree(clean), readTree(output)]
    expect(tilePaths(actual)).toEqual(tilePaths(expected))
    for (const path of tilePaths(expected)) expect(actual.get(path)?.equals(expected.get(path) ?? Buffer.alloc(0)), path).toBe(true)
  })

  it('refuses a source without points, and deletes nothing', async () => {
    const output = fresh()
    await run(SAMPLE, output, {maxZoom: 3})
    const before = tilePaths(readTree(output))
    const empty = join(scratch, 'empty.csv')
    writeFileSync(empty, 'lat,lon\n91,0\n')
    await expect(run(empty, output, {maxZoom: 3})).rejects.toMatchObject({exitCode: 1, message: `csv:${empty} gave no points (1 invalid row skipped); nothing rendered, and no tiles deleted`})
    expect(tilePaths(readTree(output))).toEqual(before)
  })
})

describe('the datamaps job from MariaDB', () => {
  it("renders Ichnaea's tables, reading them by keyset pages", async () => {
    const db = await createTestDatabase()
    try {
      await db.insert('ne', [[encodeGrid(52_520, 13_405), 0], [encodeGrid(52_521, 13_405), 40]])
      await db.insert('sw', [[encodeGrid(-23_551, -46_633), 200], [encodeGrid(-23_552, -46_633), 400]])
      const output = fresh()
      const report = await run(db.url, output, {pageRows: 1})
      // 6 + 6 points in Berlin (0 days, and 40 days: 1 month), 3 in São Paulo (200 days: 7 months), none for 400 days.
      expect(report).toMatchObject({rows: 4, points: 15, invalid: {count: 0}})
      expect(report.source).toBe(db.url)
      expect(tilePaths(readTree(output)).length).toBeGreaterThan(12)
    } finally {
      await db.drop()
    }
  })

  it('fails before any work when the database is unreachable: exit 1, and the output is not even created', async () => {
    const output = fresh()
    const port = await deadTcpPort()
    await expect(run(`mysql://root:secret@127.0.0.1:${port}/location`, output)).rejects.toMatchObject({exitCode: 1, message: expect.stringContaining(`could not connect to mysql://root:***@127.0.0.1:${port}/location`)})
    expect(existsSync(output)).toBe(false)
  })
})
