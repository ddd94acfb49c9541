// `metrics datamaps` figures:
//   1. 1,000,000 points clustered around a dozen cities, zooms 0-11, into an empty
//      directory: the whole command's wall time and tiles per second (goal < 60 s on
//      a 2-core machine), then a re-run on the same data (everything unchanged).
//   2. 10,000,000 points, --max-zoom 0 so that render and sync are negligible:
//      export + encode + merge (goal < 10 s), and the peak RSS of the job (goal < 1.5 GB).
//
// The points are generated once (seeded, so always the same) into
// $TMPDIR/metrics-bench-datamaps/ and kept for later runs.
//   BENCH_POINTS (default 1000000), BENCH_BIG_POINTS (default 10000000, 0 to skip),
//   METRICS_CLI (another build of the CLI).
//   node bench/datamaps.mjs --sample FILE N   writes N points in the same way (examples/datamaps/sample.csv).
import {spawnSync} from 'node:child_process'
import {createWriteStream, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync} from 'node:fs'
import {availableParallelism, loadavg, tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

const POINTS = Number(process.env.BENCH_POINTS ?? 1_000_000)
const BIG_POINTS = Number(process.env.BENCH_BIG_POINTS ?? 10_000_000)
const cli = process.env.METRICS_CLI ?? fileURLToPath(new URL('../bin/run.js', import.meta.url))
const cache = join(tmpdir(), 'metrics-bench-datamaps')

// name, latitude, longitude, share of the points
const CITIES = [
  ['Berlin', 52.52, 13.405, 10], ['Paris', 48.857, 2.352, 12], ['London', 51.507, -0.128, 12], ['Madrid', 40.417, -3.704, 7],
  ['Rome', 41.903, 12.496, 6], ['New York', 40.713, -74.006, 12], ['São Paulo', -23.551, -46.633, 9], ['Lagos', 6.524, 3.379, 5],
  ['Cairo', 30.044, 31.236, 5], ['Delhi', 28.614, 77.209, 8], ['Tokyo', 35.676, 139.65, 10], ['Sydney', -33.869, 151.209, 4],
]
// A dense centre, suburbs, and a thin regional spread, as observations cluster along a city's streets and roads.
const RINGS = [[0.6, 6], [0.3, 25], [0.1, 110]]

/** Writes `count` lat,lon lines, the same every time for the same count. */
async function writePoints(file, count) {
  let state = 0x9e3779b9
  const random = () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return (state >>> 0) / 4294967296
  }
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
  const totalShare = CITIES.reduce((sum, city) => sum + city[3], 0)
  const pick = (items, weight, total) => {
    let r = random() * total
    for (const item of items) if ((r -= weight(item)) < 0) return item
    return items[items.length - 1]
  }
  const partial = `${file}.partial`
  const out = createWriteStream(partial)
  let lines = []
  for (let i = 0; i < count; i++) {
    const [, lat, lon] = pick(CITIES, city => city[3], totalShare)
    const [, km] = pick(RINGS, ring => ring[0], 1)
    const pointLat = Math.max(-85, Math.min(85, lat + (gaussian() * km) / 111))
    const pointLon = lon + (gaussian() * km) / (111 * Math.cos((lat * Math.PI) / 180))
    lines.push(`${pointLat.toFixed(6)},${(((pointLon + 540) % 360) - 180).toFixed(6)}`)
    if (lines.length === 10_000) {
      if (!out.write(lines.join('\n') + '\n')) await new Promise(resolve => out.once('drain', resolve))
      lines = []
    }
  }
  out.end(lines.length ? lines.join('\n') + '\n' : '')
  await new Promise((resolve, reject) => out.on('finish', resolve).on('error', reject))
  renameSync(partial, file)
}

async function pointsFile(count) {
  mkdirSync(cache, {recursive: true})
  const file = join(cache, `clustered-${count}.csv`)
  if (!existsSync(file)) {
    const started = performance.now()
    await writePoints(file, count)
    console.log(`(generated ${count.toLocaleString('en-US')} points in ${((performance.now() - started) / 1000).toFixed(1)} s: ${file})`)
  }
  return file
}

/** One run of the CLI with --json; its report and wall time. */
function runJob(args) {
  const started = performance.now()
  const result = spawnSync(process.execPath, [cli, 'datamaps', ...args, '--json', '--host', '127.0.0.1', '--port', '9'], {encoding: 'utf8', maxBuffer: 1 << 26})
  const seconds = (performance.now() - started) / 1000
  if (result.status !== 0) throw new Error(`metrics datamaps ${args.join(' ')} exited ${result.status}: ${result.stderr}${result.stdout}`)
  return {report: JSON.parse(result.stdout), seconds}
}

const fixed = (value, digits = 2) => value.toFixed(digits)
const stages = report => ['export', 'encode', 'merge', 'render', 'upload'].map(stage => `${stage} ${fixed(report.seconds[stage])} s`).join(', ')

async function benchClustered() {
  const file = await pointsFile(POINTS)
  const output = mkdtempSync(join(tmpdir(), 'metrics-bench-tiles-'))
  try {
    const first = runJob(['--source', `csv:${file}`, '--output', output])
    const {report} = first
    console.log(`${POINTS.toLocaleString('en-US')} clustered points, zooms 0-11, into an empty directory:`)
    console.log(`  wall ${fixed(first.seconds)} s (job ${fixed(report.seconds.main)} s; ${stages(report)})`)
    console.log(`  ${report.tiles.written.toLocaleString('en-US')} tiles, ${Math.round(report.tiles.written / first.seconds).toLocaleString('en-US')} tiles/s over the wall time, ${Math.round(report.tiles.written / report.seconds.render).toLocaleString('en-US')} tiles/s rendering; ${report.uniquePoints.toLocaleString('en-US')} distinct points`)
    const again = runJob(['--source', `csv:${file}`, '--output', output])
    console.log(`  re-run on the same data: wall ${fixed(again.seconds)} s, ${again.report.sync.tile_unchanged.toLocaleString('en-US')} unchanged, ${again.report.sync.tile_new + again.report.sync.tile_changed + again.report.sync.tile_deleted} written or deleted`)
  } finally {
    rmSync(output, {recursive: true, force: true})
  }
}

/** In a child process, so that its peak RSS is the job's alone. */
async function benchBig() {
  const file = await pointsFile(BIG_POINTS)
  const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--big-child', file], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit']})
  if (result.status !== 0) throw new Error(`the ${BIG_POINTS}-point child exited ${result.status}`)
  const {report, seconds, maxRssBytes} = JSON.parse(result.stdout)
  const front = report.seconds.export + report.seconds.encode + report.seconds.merge
  console.log(`${BIG_POINTS.toLocaleString('en-US')} clustered points, --max-zoom 0:`)
  console.log(`  export + encode + merge ${fixed(front)} s (export ${fixed(report.seconds.export)}, encode ${fixed(report.seconds.encode)} in ${report.quadtrees} shards, merge ${fixed(report.seconds.merge)}); whole job ${fixed(seconds)} s`)
  console.log(`  peak RSS ${(maxRssBytes / 2 ** 30).toFixed(2)} GiB (${Math.round(maxRssBytes / 2 ** 20)} MiB)`)
}

/** The job in this process (the child of benchBig), from the built modules. */
async function bigChild(file) {
  const {runDatamapsJob} = await import('../dist/datamaps/job.js')
  const {SILENT_PROGRESS} = await import('../dist/datamaps/progress.js')
  const output = mkdtempSync(join(tmpdir(), 'metrics-bench-tiles-'))
  try {
    const started = performance.now()
    const report = await runDatamapsJob({
      source: {kind: 'csv', path: file},
      output: {kind: 'dir', path: output},
      maxZoom: 0,
      concurrency: availableParallelism(),
      shard: {index: 0, count: 1},
      stdin: process.stdin,
      signal: new AbortController().signal,
      progress: SILENT_PROGRESS,
    })
    const seconds = (performance.now() - started) / 1000
    process.stdout.write(JSON.stringify({report, seconds, maxRssBytes: process.resourceUsage().maxRSS * 1024}))
  } finally {
    rmSync(output, {recursive: true, force: true})
  }
}

const [mode, ...rest] = process.argv.slice(2)
if (mode === '--big-child') await bigChild(rest[0])
else if (mode === '--sample') await writePoints(rest[0], Number(rest[1]))
else {
  // The machine may be shared: the figures mean more next to how busy it was.
  console.log(`(load average ${loadavg()[0].toFixed(2)} on ${availableParallelism()} cores)`)
  await benchClustered()
  if (BIG_POINTS > 0) await benchBig()
}
