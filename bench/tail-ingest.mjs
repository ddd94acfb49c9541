// Ingest: a separate blaster process sends multi-line UDP packets (about 1.1 KB, 25 lines
// each) at a fixed rate to `metrics tail --aggregate`, and to etsy statsd (npm `statsd`,
// no-op backend, dumpMessages off) in the same run. Reports lines per second processed
// and the fraction dropped at the target rate, then steps the rate up to find the highest
// with nothing dropped. Each blast starts with a one-second ramp up to the rate, and the
// rates reported are the blaster's at full speed. Needs `npm run build` first.
//
//   BENCH_RATE=1000000 BENCH_SECONDS=10 node bench/tail-ingest.mjs
import {spawn} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {udpReceiveDrops} from '../dist/listen/kernel-drops.js'
import {freePort, LINES_PER_PACKET, maxRate, measure, packets, percent, startTail as startTailWith, waitFor} from './_blaster.mjs'

const here = fileURLToPath(new URL('.', import.meta.url))
const statsdBin = join(here, '../node_modules/statsd/stats.js')
const GOAL = 1_000_000
const startTail = port => startTailWith(port, ['--aggregate', '--interval', '10s'])

async function main() {
  const rate = Number(process.env.BENCH_RATE ?? GOAL)
  const seconds = Number(process.env.BENCH_SECONDS ?? 10)
  const stepSeconds = Number(process.env.BENCH_STEP_SECONDS ?? 3)
  console.log(`blaster: ${LINES_PER_PACKET} lines per packet, ${packets()[0].length}-${Math.max(...packets().map(p => p.length))} bytes; 2 cores shared by blaster and receiver`)

  const format = n => Math.round(n).toLocaleString('en-US')
  const tail = await measure(startTail, rate, seconds)
  console.log(`tail   at ${format(rate)} lines/s for ${seconds} s (blaster sent ${format(tail.sent / tail.seconds)}/s): processed ${format(tail.processed / tail.seconds)} lines/s, dropped ${percent(tail)} (kernel drops ${format(tail.kernelDrops)} packets)  (goal >= ${format(GOAL)} lines/s, no drops)`)
  const statsd = await measure(startStatsd, rate, seconds)
  console.log(`statsd at ${format(rate)} lines/s for ${seconds} s (blaster sent ${format(statsd.sent / statsd.seconds)}/s): processed ${format(statsd.processed / statsd.seconds)} lines/s, dropped ${percent(statsd)} (kernel drops ${format(statsd.kernelDrops)} packets)`)
  console.log(`ratio at ${format(rate)} lines/s: tail processed ${(tail.processed / Math.max(1, statsd.processed)).toFixed(2)}x the lines statsd did`)

  if (process.env.BENCH_STEPS === '0') return
  const tailMax = await maxRate(startTail, stepSeconds)
  const statsdMax = await maxRate(startStatsd, stepSeconds)
  const ratio = statsdMax > 0 ? `, ratio ${(tailMax / statsdMax).toFixed(2)}x` : ''
  console.log(`highest rate with no drops (${stepSeconds} s steps): tail ${format(tailMax)} lines/s, statsd ${statsdMax > 0 ? format(statsdMax) : 'below 50,000'} lines/s${ratio}`)
}

async function startStatsd(port) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-statsd-'))
  // A backend that only adds up statsd's own count of lines received at each flush.
  writeFileSync(join(dir, 'counting.js'), `
let total = 0
exports.init = (startup, config, events) => {
  events.on('flush', (ts, metrics) => {
    total += metrics.counters['statsd.metrics_received'] || 0
    process.stdout.write('received ' + total + '\\n')
  })
  return true
}`)
  const mgmtPort = await freePort()
  writeFileSync(join(dir, 'config.js'), JSON.stringify({
    port, address: '127.0.0.1', mgmt_address: '127.0.0.1', mgmt_port: mgmtPort, flushInterval: 500,
    dumpMessages: false, deleteIdleStats: true, backends: [join(dir, 'counting.js')],
  }))
  const child = spawn(process.execPath, [statsdBin, join(dir, 'config.js')], {stdio: ['ignore', 'pipe', 'pipe']})
  let stdout = ''
  child.stdout.on('data', chunk => (stdout += chunk))
  child.stderr.on('data', () => undefined)
  await waitFor(() => stdout.includes('server is up') || stdout.includes('received'), () => stdout)
  return {
    name: 'statsd',
    async stop() {
      // One more flush after the blast, then read the total.
      await new Promise(resolve => setTimeout(resolve, 600))
      const kernelDrops = await udpReceiveDrops(port, child.pid)
      const totals = [...stdout.matchAll(/received (\d+)/g)]
      child.kill('SIGTERM')
      await new Promise(resolve => child.on('close', resolve))
      rmSync(dir, {recursive: true, force: true})
      return {processed: totals.length ? Number(totals.at(-1)[1]) : 0, kernelDrops: kernelDrops ?? Number.NaN}
    },
  }
}

await main()
