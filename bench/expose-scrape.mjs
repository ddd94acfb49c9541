// The --expose exporter on its own, in this process: 100,000 series (counters, gauges and
// histograms, with tags) fed through the real parser, mapping and pipeline, then scraped
// over HTTP as Prometheus would. Reports how fast samples went in (first sight of each
// series, then again once they exist), the scrape time (min and median) and the peak RSS.
// Needs `npm run build` first.
//
//   BENCH_SERIES=100000 BENCH_SCRAPES=10 node bench/expose-scrape.mjs
import {Exporter} from '../dist/exporter/exporter.js'
import {SeriesTranslator} from '../dist/exporter/translate.js'
import {Pipeline} from '../dist/listen/pipeline.js'
import {loadMappingConfig} from '../dist/mapping/load.js'
import {createMapper} from '../dist/mapping/mapper.js'
import {StatsdParser} from '../dist/statsd/parse.js'
import {median} from './_stats.mjs'

const SERIES = Number(process.env.BENCH_SERIES ?? 100_000)
const SCRAPES = Number(process.env.BENCH_SCRAPES ?? 10)
const LINES_PER_PACKET = 25
const GOAL_SCRAPE_MS = 1000
const GOAL_RSS_MB = 400

const MAPPING = `mappings:
  - match: "lat.*"
    name: "lat_$1_seconds"
    observer_type: histogram
  - match: "app.*.requests"
    name: "app_requests_total"
    labels:
      app: "$1"
`

// 60% counters, 30% gauges, 10% histograms (default buckets: 14 lines each).
function line(i) {
  const kind = i % 10
  if (kind < 6) return `app.c${i % 300}.requests:${1 + (i % 3)}|c|#env:prod,instance:i-${i}`
  if (kind < 9) return `queue.depth.g${i % 200}:${i % 977}|g|#instance:i-${i}`
  return `lat.h${i % 100}:${i % 1500}|ms|#instance:i-${i}`
}

function packets() {
  const out = []
  for (let i = 0; i < SERIES; i += LINES_PER_PACKET) {
    const lines = []
    for (let j = i; j < Math.min(i + LINES_PER_PACKET, SERIES); j++) lines.push(line(j))
    out.push(Buffer.from(lines.join('\n')))
  }
  return out
}

function feed(pipeline, datagrams) {
  const started = process.hrtime.bigint()
  for (const datagram of datagrams) pipeline.handle(datagram)
  return SERIES / (Number(process.hrtime.bigint() - started) / 1e9)
}

async function main() {
  const {config} = loadMappingConfig(MAPPING)
  // statsd_exporter's default cache size, as tail uses it: most of these names miss it.
  const mapper = createMapper(config)
  const parser = new StatsdParser()
  const exporter = await Exporter.start({
    host: '127.0.0.1',
    port: 0,
    status: () => ({lineStats: parser.stats, packets: pipeline.counts.packets, transport: 'udp', loadedMappings: config.mappings.length, reloads: {success: 0, failure: 0}, cache: {gets: 0, hits: 0}}),
  })
  const pipeline = new Pipeline({parser, sink: exporter.sink, translator: new SeriesTranslator(config, mapper, 'mapping.yml')})
  const datagrams = packets()
  const firstRate = feed(pipeline, datagrams)
  const againRate = feed(pipeline, datagrams)

  const times = []
  let bytes = 0
  for (let i = 0; i < SCRAPES; i++) {
    const started = performance.now()
    const response = await fetch(exporter.address)
    if (response.status !== 200) throw new Error(`scrape answered ${response.status}: ${await response.text()}`)
    // Counted as it streams in, so that this process's peak RSS is the exporter's, not the scraper's copy.
    bytes = 0
    for await (const chunk of response.body) bytes += chunk.length
    times.push(performance.now() - started)
  }
  await exporter.close()
  const peakMb = process.resourceUsage().maxRSS / 1024
  const format = n => Math.round(n).toLocaleString('en-US')
  console.log(`${format(SERIES)} series (60% counters, 30% gauges, 10% histograms), each with its own tags, fed in ${LINES_PER_PACKET}-line packets through parser, mapping and exporter: ${format(firstRate)} samples/s creating them, ${format(againRate)} samples/s updating them`)
  console.log(`scrape over HTTP (${(bytes / 1e6).toFixed(1)} MB, ${SCRAPES} scrapes): min ${Math.min(...times).toFixed(0)} ms, median ${median(times).toFixed(0)} ms  (goal < ${GOAL_SCRAPE_MS} ms)`)
  console.log(`peak RSS ${peakMb.toFixed(0)} MB  (goal < ${GOAL_RSS_MB} MB)`)
}

await main()
