import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {hostname, tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'
import {startS3, type LocalS3} from '../datamaps/support/s3.js'
import {readTree, tilePaths} from '../datamaps/support/tree.js'
import {startPushgateway} from '../emit/pushgateway.js'
import {deadTcpPort, udpListener, type Listener} from '../support/listeners.js'
import {runCli} from '../support/run-cli.js'

const SAMPLE = fileURLToPath(new URL('../../examples/datamaps/sample.csv', import.meta.url))
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const TIMEOUT = 60_000

let scratch: string
let runs = 0
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'datamaps-e2e-'))
})
afterAll(() => rmSync(scratch, {recursive: true, force: true}))
const fresh = (): string => join(scratch, `tiles-${++runs}`)

let udp: Listener | undefined
afterEach(async () => {
  await udp?.close()
  udp = undefined
})

/** Runs `metrics datamaps` on the sample, zooms 0-5, into a fresh directory, sending statsd to a port nothing answers on unless given. */
async function datamaps(args: string[], options: Parameters<typeof runCli>[1] = {}): ReturnType<typeof runCli> {
  return runCli(['datamaps', '--source', `csv:${SAMPLE}`, '--max-zoom', '5', ...args], {timeoutMs: TIMEOUT, ...options})
}

describe('metrics datamaps', () => {
  it('runs the sample in one command, from the README: tiles, data.json, a summary table', async () => {
    const output = fresh()
    const result = await runCli(['datamaps', '--source', 'csv:examples/datamaps/sample.csv', '--output', output, '--port', String(await deadTcpPort())], {cwd: ROOT, timeoutMs: TIMEOUT})
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const [heading, ...rows] = result.stdout.split('\n')
    expect(heading.split(/\s+/)).toEqual(['stage', 'time', 'rows', 'points', 'tiles', 'new', 'changed', 'deleted', 'unchanged'])
    expect(rows.slice(0, 6).map(row => row.split(/\s+/)[0])).toEqual(['export', 'encode', 'merge', 'render', 'upload', 'main'])
    expect(rows[0]).toMatch(/^export\s+\d+\.\d\d s\s+10,000\s+10,000$/)
    const tiles = tilePaths(readTree(output))
    expect(tiles).toContain('0/0/0.png')
    expect(tiles).toContain('0/0/0@2x.png')
    expect(tiles.some(path => path.startsWith('11/'))).toBe(true)
    expect(JSON.parse(readFileSync(join(output, 'data.json'), 'utf8'))).toMatchObject({tile_new: tiles.length, tile_count: tiles.length, max_zoom: 11})
  }, TIMEOUT)

  it("sends the seeds' timers to statsd, here with --tag-style flat and a prefix", async () => {
    udp = await udpListener()
    const result = await datamaps(['--output', fresh(), '--port', String(udp.port), '--tag-style', 'flat', '--prefix', 'location', '--quiet'])
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('')
    const lines = await udp.waitForLines(12)
    expect(lines.map(line => line.replace(/:\d+\|ms$/, ''))).toEqual([
      'location.datamaps.func_export',
      'location.datamaps.count_csv_rows',
      'location.datamaps.func_encode',
      'location.datamaps.count_quadtrees',
      'location.datamaps.func_merge',
      'location.datamaps.func_render',
      'location.datamaps.func_upload',
      'location.datamaps.count_tile_changed',
      'location.datamaps.count_tile_deleted',
      'location.datamaps.count_tile_new',
      'location.datamaps.count_tile_unchanged',
      'location.datamaps.func_main',
    ])
    expect(lines[1]).toBe('location.datamaps.count_csv_rows:10000|ms')
  }, TIMEOUT)

  it('reports as JSON with --json, and a re-run finds every tile unchanged', async () => {
    const output = fresh()
    const port = String(await deadTcpPort())
    const first = JSON.parse((await datamaps(['--output', output, '--port', port, '--json'])).stdout)
    expect(first).toMatchObject({rows: 10_000, points: 10_000, quadtrees: 1, maxZoom: 5, shard: '0/1', sync: {tile_changed: 0, tile_deleted: 0, tile_unchanged: 0}})
    expect(first.sync.tile_new).toBe(first.tiles.written)
    expect(Object.keys(first.seconds)).toEqual(['export', 'encode', 'merge', 'render', 'upload', 'main'])
    const again = await datamaps(['--output', output, '--port', port, '--json'])
    expect(again.code).toBe(0)
    expect(JSON.parse(again.stdout).sync).toEqual({tile_new: 0, tile_changed: 0, tile_deleted: 0, tile_unchanged: first.tiles.written, tile_failed: 0})
  }, TIMEOUT)

  it('prints the Prometheus text with --print, and sends nothing to statsd then', async () => {
    udp = await udpListener()
    const result = await datamaps(['--output', fresh(), '--port', String(udp.port), '--print', '--quiet'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^# HELP datamaps_stage_duration_seconds /)
    expect(result.stdout).toMatch(/\ndatamaps_stage_duration_seconds\{stage="render"\} \d/)
    expect(result.stdout).toContain('\ndatamaps_exported_points 10000\n')
    await new Promise(resolve => setTimeout(resolve, 200))
    expect(udp.lines()).toEqual([])
  }, TIMEOUT)

  it('pushes to a Pushgateway under the job metrics_datamaps', async () => {
    const gateway = await startPushgateway()
    try {
      const result = await datamaps(['--output', fresh(), '--pushgateway', gateway.url, '--quiet'])
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
      expect(await gateway.metrics()).toMatch(/datamaps_stage_duration_seconds\{instance="",job="metrics_datamaps",stage="main"\} \d/)
    } finally {
      await gateway.stop()
    }
  }, TIMEOUT)

  it('reads points from stdin with csv:-', async () => {
    const result = await runCli(['datamaps', '--source', 'csv:-', '--output', fresh(), '--max-zoom', '3', '--json', '--port', String(await deadTcpPort())], {input: '52.52,13.405\n48.8566,2.3522\nbad line\n', timeoutMs: TIMEOUT})
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({rows: 3, points: 2, invalid: {count: 1, examples: [{where: '-:3', reason: 'expected lat,lon'}]}})
    expect(result.stderr).toBe('warning: -:3: expected lat,lon\nwarning: 1 invalid row was skipped\n')
  }, TIMEOUT)

  it('syncs to S3 (s3rver on loopback), then finds everything unchanged; staging left in TMPDIR by a killed run is removed', async () => {
    const s3: LocalS3 = await startS3()
    try {
      const temporary = fresh()
      const owner = `metrics-datamaps-${hostname().replace(/[^\w.-]/g, '_')}-`
      // A run that was killed (its pid no longer runs), one still running (the test's own pid), and someone else's.
      for (const name of [`${owner}999999999`, `${owner}${process.pid}`, 'metrics-datamaps-other.host-1']) mkdirSync(join(temporary, name, '0', '0'), {recursive: true})
      const args = ['--output', `s3://${s3.bucket}/tiles`, '--s3-endpoint', s3.endpoint, '--json', '--port', String(await deadTcpPort())]
      const first = await datamaps(args, {env: {...s3.env, TMPDIR: temporary}})
      expect(first.stderr).toBe('')
      expect(first.code).toBe(0)
      expect(readdirSync(temporary).sort()).toEqual([`${owner}${process.pid}`, 'metrics-datamaps-other.host-1'].sort())
      const report = JSON.parse(first.stdout)
      expect(report.output).toBe(`s3://${s3.bucket}/tiles/`)
      expect(report.sync.tile_new).toBe(report.tiles.written)
      const again = JSON.parse((await datamaps(args, {env: s3.env})).stdout)
      expect(again.sync).toMatchObject({tile_new: 0, tile_changed: 0, tile_deleted: 0, tile_unchanged: report.tiles.written})
    } finally {
      await s3.close()
    }
  }, TIMEOUT)

  it('splits the tiles over machines with --shard i/n: the slices are disjoint and make up the whole map', async () => {
    const whole = fresh()
    const shared = fresh()
    const port = String(await deadTcpPort())
    await datamaps(['--output', whole, '--port', port, '--quiet'])
    const slices = await Promise.all([0, 1, 2].map(async index => JSON.parse((await datamaps(['--output', shared, '--shard', `${index}/3`, '--port', port, '--json'])).stdout)))
    const everything = tilePaths(readTree(whole))
    expect(slices.reduce((sum, slice) => sum + slice.tiles.written, 0)).toBe(everything.length)
    expect(tilePaths(readTree(shared))).toEqual(everything)
    for (const index of [0, 1, 2]) expect(existsSync(join(shared, `data.${index}-of-3.json`))).toBe(true)
  }, TIMEOUT)
})

describe('metrics datamaps failures', () => {
  it('fails with exit 1 and one line, password hidden, when the database is unreachable', async () => {
    const port = await deadTcpPort()
    const output = fresh()
    const result = await runCli(['datamaps', '--source', `mysql://ichnaea:hunter2@127.0.0.1:${port}/location`, '--output', output], {timeoutMs: TIMEOUT})
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(new RegExp(`^Error: could not connect to mysql://ichnaea:\\*\\*\\*@127\\.0\\.0\\.1:${port}/location: connection refused \\(is MySQL/MariaDB listening there\\?\\)\\n$`))
    expect(result.stderr).not.toContain('hunter2')
    expect(existsSync(output)).toBe(false)
  }, TIMEOUT)

  it('fails with exit 1 and one line when the output cannot be written, before any work', async () => {
    const file = join(scratch, 'a-file')
    writeFileSync(file, '')
    const result = await datamaps(['--output', join(file, 'tiles')])
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(`Error: cannot write to output directory ${join(file, 'tiles')}: ${file} is not a directory (ENOTDIR) (check --output and its permissions)\n`)
  }, TIMEOUT)

  it('refuses --print with --json, which would mix two formats on stdout', async () => {
    const result = await datamaps(['--output', fresh(), '--print', '--json'])
    expect(result.code).toBe(2)
    expect(JSON.parse(result.stdout)).toEqual({error: {message: '--print and --json would both write to stdout (write the Prometheus text with --textfile instead, or leave out --json)', exitCode: 2}})
  }, TIMEOUT)

  it.each([
    [['--source', `csv:${SAMPLE}`, '--max-zoom', '20'], '--max-zoom: expected a zoom from 0 to 13, got "20"'],
    [['--source', `csv:${SAMPLE}`, '--shard', '3/3'], '--shard: expected i/n with 0 <= i < n, got "3/3"'],
    [['--source', 'csv:/no/such/file.csv'], 'cannot read CSV source /no/such/file.csv: no such file or directory'],
    [[], 'no source of grid cells (give --source mysql://host/db or --source csv:PATH, or set DATABASE_URL)'],
  ])('refuses %j with exit 2', async (args, message) => {
    const result = await runCli(['datamaps', '--output', fresh(), ...args], {timeoutMs: TIMEOUT, env: {DATABASE_URL: ''}})
    expect(result.code).toBe(2)
    expect(result.stderr.split('\n')[0]).toContain(message)
  }, TIMEOUT)
})
