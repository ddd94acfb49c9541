// The 100,000-series scrape as a user runs it: `metrics tail --quiet --expose` in its own
// process (the exporter on its analysis thread, as shipped), fed 100,000 distinct series
// over UDP (60% counters, 30% gauges, 10% histogram observations), then scraped ten
// times over HTTP. Reports the scrape time (min, median) and the process's peak RSS
// (VmHWM, main thread and worker together). Needs `npm run build` first.
//
//   node bench/expose-process.mjs
import dgram from 'node:dgram'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {freePort, startTail, waitFor} from './_blaster.mjs'
import {median} from './_stats.mjs'

const SERIES = Number(process.env.BENCH_SERIES ?? 100_000)
const SCRAPES = 10
const LINES_PER_PACKET = 25

function line(i) {
  const kind = i % 10
  if (kind < 6) return `bench.requests:1|c|#id:${i},env:prod`
  if (kind < 9) return `bench.depth:${i % 100}|g|#id:${i},env:prod`
  return `bench.latency:${i % 300}|ms|#id:${i},env:prod`
}

const dir = mkdtempSync(join(tmpdir(), 'bench-expose-process-'))
const mapping = join(dir, 'mapping.yml')
writeFileSync(mapping, 'mappings:\n  - match: "bench.latency"\n    name: "bench_latency_seconds"\n    observer_type: histogram\n')
const port = await freePort()
const tail = await startTail(port, ['--quiet', '--mapping', mapping, '--expose', '0'])
try {
  await waitFor(() => /serving (\S+)/.test(tail.stderr()), tail.stderr)
  const url = /serving (\S+)/.exec(tail.stderr())[1]
  const pid = tail.pid
  const socket = dgram.createSocket('udp4')
  for (let first = 0; first < SERIES; first += LINES_PER_PACKET) {
    const lines = []
    for (let i = first; i < Math.min(SERIES, first + LINES_PER_PACKET); i++) lines.push(line(i))
    await new Promise(resolve => socket.send(lines.join('\n'), port, '127.0.0.1', resolve))
    // Paced, so that the kernel's receive buffer never overflows while series are created.
    if (first % 2500 === 0) await new Promise(resolve => setTimeout(resolve, 5))
  }
  socket.close()
  let text = ''
  const until = Date.now() + 60_000
  while (!new RegExp(`statsd_exporter_samples_total ${SERIES}\\b`).test(text) && Date.now() < until) {
    text = await (await fetch(url)).text()
  }
  const times = []
  let bytes = 0
  for (let i = 0; i < SCRAPES; i++) {
    const started = performance.now()
    const response = await fetch(url)
    bytes = (await response.arrayBuffer()).byteLength
    times.push(performance.now() - started)
  }
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const peakMb = Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]) / 1024
  const series = (text.match(/^bench_/gm) ?? []).length
  console.log(`metrics tail --expose, ${SERIES.toLocaleString('en-US')} series sent (${series.toLocaleString('en-US')} bench_ lines exposed, ${(bytes / 1e6).toFixed(1)} MB per scrape)`)
  console.log(`scrape over HTTP (${SCRAPES} scrapes): min ${Math.min(...times).toFixed(0)} ms, median ${median(times).toFixed(0)} ms  (goal < 1000 ms)`)
  console.log(`peak RSS of the tail process ${peakMb.toFixed(0)} MB  (goal < 400 MB)`)
} finally {
  await tail.stop()
  rmSync(dir, {recursive: true, force: true})
}
