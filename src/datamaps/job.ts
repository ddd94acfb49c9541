import type {Readable} from 'node:stream'
import {OperationError} from '../errors.js'
import {encodeShards} from './encode.js'
import {listCsvInputs, readCsvInput} from './export-csv.js'
import {DATAMAP_TABLES, DatamapDatabase} from './export-mysql.js'
import {InvalidRows, type InvalidRowsReport} from './invalid.js'
import {mergeUnique, type MergedKeys} from './merge.js'
import {describeOutput, type OutputSpec} from './output.js'
import {ShardBuilder, type PointShard} from './points.js'
import type {Progress} from './progress.js'
import {renderTiles, type RenderResult} from './render.js'
import type {Shard} from './shard.js'
import {describeSource, type SourceSpec} from './source.js'
import {ICHNAEA_STYLE, type RenderStyle} from './style.js'
import {syncTiles, type SyncCounts, type SyncResult, type TileStore} from './sync.js'

/** The stages the seeds time, as `datamaps#func:<stage>`; `main` is the whole job. */
export const STAGES = ['export', 'encode', 'merge', 'render', 'upload', 'main'] as const
export type StageName = (typeof STAGES)[number]

export interface JobOptions {
  readonly source: SourceSpec
  readonly output: OutputSpec
  /** For s3:// outputs. */
  readonly s3?: {readonly endpoint?: string; readonly region: string}
  readonly maxZoom: number
  readonly concurrency: number
  readonly shard: Shard
  readonly style?: RenderStyle
  /** Read by `csv:-`. */
  readonly stdin: Readable
  readonly signal: AbortSignal
  readonly progress: Progress
  /** The time written into the run summary. */
  readonly now?: () => Date
  /** Database rows per keyset page (Ichnaea's 200,000). */
  readonly pageRows?: number
  /** Points per encode shard. */
  readonly shardPoints?: number
  /** How long connecting to the database may take [default 10 s]. */
  readonly timeoutMs?: number
}

export interface JobReport {
  readonly source: string
  readonly output: string
  readonly shard: string
  readonly maxZoom: number
  /** Seconds per stage, in the order they ran, `main` last. */
  readonly seconds: Readonly<Record<StageName, number>>
  /** Database rows or CSV lines read, valid or not. */
  readonly rows: number
  /** Points exported: the seeds' `count:csv_rows`. */
  readonly points: number
  readonly invalid: InvalidRowsReport
  /** Encode jobs: the seeds' `count:quadtrees`. */
  readonly quadtrees: number
  /** Points left after merging, one per zoom-13 pixel. */
  readonly uniquePoints: number
  /** Tiles drawn, and those written (visible). */
  readonly tiles: {readonly drawn: number; readonly written: number}
  readonly sync: SyncCounts
  readonly summaryWritten: boolean
  /** The first tile that failed to sync, when sync.tile_failed > 0. */
  readonly firstFailure?: string
}

/**
 * Ichnaea's nightly datamaps job, in process: export → encode → merge → render →
 * upload, each stage timed. Everything that can fail for a reason outside the data
 * (the database, the output) is checked before the first stage starts.
 */
export async function runDatamapsJob(options: JobOptions): Promise<JobReport> {
  const started = performance.now()
  const seconds: Partial<Record<StageName, number>> = {}
  const timed = async <T>(stage: StageName, work: () => Promise<T>): Promise<T> => {
    const begin = performance.now()
    try {
      return await work()
    } catch (error) {
      throw options.signal.aborted ? interrupted(`during ${stage}`) : error
    } finally {
      seconds[stage] = (performance.now() - begin) / 1000
    }
  }
  const checkpoint = (stage: StageName): void => {
    if (options.signal.aborted) throw interrupted(`during ${stage}`)
  }
  // Connecting to the database and checking the output wait on servers: an interrupt gives them up.
  const beforeWork = (error: unknown): never => {
    throw options.signal.aborted ? interrupted('before export') : error
  }

  const source = await openSource(options.source, options.signal, options.timeoutMs).catch(beforeWork)
  let store: TileStore
  try {
    store = await openStore(options)
  } catch (error) {
    await source.close()
    return beforeWork(error)
  }
  try {
    const exported = await timed('export', () => exportStage(source, options))
    checkpoint('export')
    if (exported.shards.length === 0) throw noPoints(options.source, exported.invalid)
    const sorted = await timed('encode', () => encodeStage(exported.shards, options))
    checkpoint('encode')
    const merged = await timed('merge', async () => mergeStage(sorted, options))
    const rendered = await timed('render', () => renderStage(merged, store, options))
    checkpoint('render')
    const synced = await timed('upload', () => uploadStage(rendered, store, options))
    checkpoint('upload')
    seconds.main = (performance.now() - started) / 1000
    return {
      source: describeSource(options.source),
      output: describeOutput(options.output),
      shard: `${options.shard.index}/${options.shard.count}`,
      maxZoom: options.maxZoom,
      seconds: seconds as Record<StageName, number>,
      rows: exported.rows,
      points: exported.points,
      invalid: exported.invalid,
      quadtrees: sorted.length,
      uniquePoints: merged.count,
      tiles: {drawn: rendered.drawn, written: rendered.tiles.length},
      sync: synced.counts,
      summaryWritten: synced.summaryWritten,
      ...(synced.firstFailure === undefined ? {} : {firstFailure: synced.firstFailure}),
    }
  } finally {
    await source.close()
    await store.close()
  }
}

interface OpenSource {
  read(shards: ShardBuilder, invalid: InvalidRows, options: JobOptions): Promise<number>
  close(): Promise<void>
}

interface Exported {
  readonly shards: PointShard[]
  readonly rows: number
  readonly points: number
  readonly invalid: InvalidRowsReport
}

async function openSource(spec: SourceSpec, interrupt: AbortSignal, timeoutMs?: number): Promise<OpenSource> {
  if (spec.kind === 'csv') {
    const inputs = await listCsvInputs(spec.path)
    const totalBytes = inputs.reduce((sum, input) => sum + input.bytes, 0)
    return {
      async read(shards, invalid, options) {
        const stage = options.progress.stage('export', totalBytes > 0 ? 'bytes' : 'points')
        let before = 0
        let rows = 0
        for (const input of inputs) {
          if (options.signal.aborted) break
          rows += await readCsvInput(input, options.stdin, shards, invalid, read => stage.update(totalBytes > 0 ? before + read : shards.points, totalBytes), options.signal)
          before += input.bytes
        }
        rows += invalid.report.count
        stage.finish(`${shards.points.toLocaleString('en-US')} points from ${inputs.length} ${inputs.length === 1 ? 'file' : 'files'}`)
        return rows
      },
      close: async () => undefined,
    }
  }
  const database = await DatamapDatabase.connect(spec.url, interrupt, timeoutMs)
  return {
    async read(shards, invalid, options) {
      const stage = options.progress.stage('export', 'rows')
      const estimate = [...database.estimatedRows.values()].reduce((sum, rows) => sum + rows, 0)
      let rows = 0
      for (const table of DATAMAP_TABLES) {
        if (options.signal.aborted) break
        const before = rows
        rows += await database.readTable(table, shards, invalid, read => stage.update(before + read, Math.max(estimate, before + read)), options.signal, options.pageRows)
      }
      stage.finish(`${rows.toLocaleString('en-US')} rows, ${shards.points.toLocaleString('en-US')} points`)
      return rows
    },
    close: () => database.close(),
  }
}

async function openStore(options: JobOptions): Promise<TileStore> {
  if (options.output.kind === 'dir') {
    const {LocalTileStore} = await import('./sync-local.js')
    return LocalTileStore.open(options.output.path)
  }
  const {S3TileStore} = await import('./sync-s3.js')
  return S3TileStore.open({bucket: options.output.bucket, prefix: options.output.prefix, region: options.s3?.region ?? 'us-east-1', endpoint: options.s3?.endpoint}, options.signal)
}

async function exportStage(source: OpenSource, options: JobOptions): Promise<Exported> {
  const shards = new ShardBuilder(options.shardPoints)
  const invalid = new InvalidRows()
  const rows = await source.read(shards, invalid, options)
  const points = shards.points
  return {shards: shards.finish(), rows, points, invalid: invalid.report}
}

async function encodeStage(shards: PointShard[], options: JobOptions): Promise<Float64Array[]> {
  const stage = options.progress.stage('encode', 'shards')
  stage.update(0, shards.length)
  const sorted = await encodeShards(shards, options.concurrency, options.signal, done => stage.update(done, shards.length))
  stage.finish(`${shards.length} ${shards.length === 1 ? 'shard' : 'shards'} sorted`)
  return sorted
}

function mergeStage(sorted: Float64Array[], options: JobOptions): MergedKeys {
  const stage = options.progress.stage('merge', 'points')
  const merged = mergeUnique(sorted)
  stage.finish(`${merged.count.toLocaleString('en-US')} distinct points`)
  return merged
}

async function renderStage(merged: MergedKeys, store: TileStore, options: JobOptions): Promise<RenderResult> {
  const stage = options.progress.stage('render', 'tiles')
  const rendered = await renderTiles(merged, {
    maxZoom: options.maxZoom,
    style: options.style ?? ICHNAEA_STYLE,
    stagingDir: store.stagingDir,
    concurrency: options.concurrency,
    shard: options.shard,
    signal: options.signal,
    onProgress: (done, total) => stage.update(done, total),
  })
  stage.finish(`${rendered.tiles.length.toLocaleString('en-US')} tiles written of ${rendered.drawn.toLocaleString('en-US')} drawn`)
  return rendered
}

async function uploadStage(rendered: RenderResult, store: TileStore, options: JobOptions): Promise<SyncResult> {
  const stage = options.progress.stage('upload', 'tiles')
  const {index, count} = options.shard
  const synced = await syncTiles(rendered.tiles, store, {
    stagingDir: store.stagingDir,
    shard: options.shard,
    summary: {
      name: count === 1 ? 'data.json' : `data.${index}-of-${count}.json`,
      body: counts => JSON.stringify({updated: (options.now ?? (() => new Date()))().toISOString(), ...counts, tile_count: rendered.tiles.length, max_zoom: options.maxZoom, ...(count === 1 ? {} : {shard: `${index}/${count}`})}) + '\n',
    },
    signal: options.signal,
    onProgress: (done, total) => stage.update(done, total),
  })
  const {tile_new, tile_changed, tile_deleted, tile_unchanged} = synced.counts
  const counted = (count: number, what: string): string => `${count.toLocaleString('en-US')} ${what}`
  stage.finish(`${counted(tile_new, 'new')}, ${counted(tile_changed, 'changed')}, ${counted(tile_deleted, 'deleted')}, ${counted(tile_unchanged, 'unchanged')} → ${store.location}`)
  return synced
}

/** `when`: `during render`, `before export`. */
function interrupted(when: string): OperationError {
  return new OperationError(`interrupted ${when}`, 'run it again: every tile written so far is whole, and the next run converges to the same tiles')
}

function noPoints(source: SourceSpec, invalid: InvalidRowsReport): OperationError {
  const skipped = invalid.count > 0 ? ` (${invalid.count} invalid ${invalid.count === 1 ? 'row' : 'rows'} skipped)` : ''
  return new OperationError(`${describeSource(source)} gave no points${skipped}; nothing rendered, and no tiles deleted`, 'an empty source would otherwise delete the whole map')
}
