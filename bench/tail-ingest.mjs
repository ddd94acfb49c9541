// Ingest: a separate blaster process sends multi-line UDP packets (about 1.1 KB, 25 lines
// each) at a fixed rate to `metrics tail --aggregate`, and to etsy statsd (npm `statsd`,
// no-op backend, dumpMessages off) in the same run. Reports lines per second processed
// and the fraction dropped at the target rate, then steps the rate up to find the highest
// with nothing dropped. Each blast starts with a one-second ramp up to the rate, and the
// rates reported are the blaster's at full speed. Needs `npm run build` first.
//
//   BENCH_RATE=1000000 BENCH_SECONDS=10 node bench/tail-ingest.mjs
//   node bench/tail-ingest.mjs blast PORT RATE SECONDS     (the blaster alone)
import {spawn} from 'node:child_process'
import dgram from 'node:dgram'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import net from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {udpReceiveDrops} from '../dist/listen/kernel-drops.js'

const here = fileURLToPath(new URL('.', import.meta.url))
const cli = join(here, '../bin/run.js')
const statsdBin = join(here, '../node_modules/statsd/stats.js')
const LINES_PER_PACKET = 25
const RAMP_SECONDS = 1
const GOAL = 1_000_000

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

function percent(result) {
  return `${((100 * (result.sent - result.processed)) / result.sent).toFixed(3)}%`
}

/**
 * Steps the rate up until something is dropped; the last rate that lost nothing. The
 * machine is shared, so a step that loses packets is tried once more before giving up.
 */
async function maxRate(start, seconds) {
  let best = 0
  for (const rate of [50_000, 100_000, 250_000, 500_000, 750_000, 1_000_000, 1_250_000, 1_500_000, 2_000_000, 2_500_000]) {
    let passed = false
    for (let attempt = 1; attempt <= 2 && !passed; attempt++) {
      const result = await measure(start, rate, seconds)
      const lost = result.sent - result.processed
      console.log(`  ${result.name} ${rate.toLocaleString('en-US')} lines/s (try ${attempt}): blaster sent ${Math.round(result.sent / result.seconds).toLocaleString('en-US')} lines/s, lost ${lost.toLocaleString('en-US')}`)
      passed = lost <= 0 && result.sent >= 0.97 * rate * result.seconds
    }
    if (!passed) break
    best = rate
  }
  return best
}

/** One run: start a receiver, blast it, stop it, compare. */
async function measure(start, rate, seconds) {
  const port = await freePort()
  const receiver = await start(port)
  const blaster = spawn(process.execPath, [fileURLToPath(import.meta.url), 'blast', String(port), String(rate), String(seconds)], {stdio: ['ignore', 'pipe', 'inherit']})
  const sent = JSON.parse(await collect(blaster.stdout))
  // Let the receiver finish what is queued in its socket.
  await new Promise(resolve => setTimeout(resolve, 1500))
  const {processed, kernelDrops} = await receiver.stop()
  // The ramp carries half a second of full-rate lines: rates are over that much more time.
  return {name: receiver.name, sent: sent.lines, seconds: seconds + RAMP_SECONDS / 2, processed, kernelDrops}
}

async function startTail(port) {
  const child = spawn(process.execPath, [cli, 'tail', '--aggregate', '--interval', '10s', '--port', String(port), '--rcvbuf', '8MB'], {stdio: ['ignore', 'ignore', 'pipe'], env: {...process.env, NO_COLOR: '1'}})
  let stderr = ''
  child.stderr.on('data', chunk => (stderr += chunk))
  await waitFor(() => stderr.includes('listening on'), () => stderr)
  return {
    name: 'tail',
    async stop() {
      const closed = new Promise(resolve => child.on('close', resolve))
      child.kill('SIGINT')
      await closed
      const lines = /, ([\d,]+) lines, /.exec(stderr)
      const drops = /kernel drops: ([\d,]+)/.exec(stderr)
      if (!lines) throw new Error(`no summary from tail: ${stderr}`)
      return {processed: number(lines[1]), kernelDrops: drops ? number(drops[1]) : Number.NaN}
    },
  }
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

/**
 * Sends packets at `rate` lines per second for `seconds` after a one-second linear ramp
 * (a cold receiver's JIT is not warm yet; without the ramp the first half second of a
 * full-rate blast measures start-up, not throughput). Returns what it sent, ramp included.
 */
async function blast(port, rate, seconds) {
  const socket = dgram.createSocket('udp4')
  await new Promise(resolve => socket.connect(port, '127.0.0.1', resolve))
  const all = packets()
  const perMs = rate / LINES_PER_PACKET / 1000
  const started = performance.now()
  const end = started + (RAMP_SECONDS + seconds) * 1000
  // Packets due by `elapsed` ms: the ramp's triangle, then the full rate.
  const dueBy = elapsed => elapsed < RAMP_SECONDS * 1000 ? (perMs * elapsed * elapsed) / (2 * RAMP_SECONDS * 1000) : perMs * (elapsed - (RAMP_SECONDS * 1000) / 2)
  let sent = 0
  let inFlight = 0
  const done = () => inFlight--
  for (let now = started; now < end; now = performance.now()) {
    const due = Math.min(Math.floor(dueBy(now - started)) - sent, 256)
    for (let i = 0; i < due && inFlight < 4096; i++) {
      inFlight++
      socket.send(all[sent % all.length], done)
      sent++
    }
    // Caught up: sleep rather than spin, so that the receiver has the CPU the blaster does not need.
    await new Promise(resolve => (due < 256 ? setTimeout(resolve, 1) : setImmediate(resolve)))
  }
  while (inFlight > 0) await new Promise(resolve => setImmediate(resolve))
  socket.close()
  return {packets: sent, lines: sent * LINES_PER_PACKET}
}

let cached
/** 1,000 different packets of 25 lines: counters, timers, gauges and sets, with DogStatsD tags. */
function packets() {
  if (cached) return cached
  cached = []
  for (let p = 0; p < 1000; p++) {
    const lines = []
    for (let i = 0; i < LINES_PER_PACKET; i++) {
      const n = p * LINES_PER_PACKET + i
      const tags = `#env:prod,host:web${n % 20}`
      switch (n % 5) {
        case 0: lines.push(`shop.checkout.requests:1|c|${tags}`); break
        case 1: lines.push(`shop.checkout.latency:${n % 300}|ms|@0.5|${tags}`); break
        case 2: lines.push(`shop.queue.depth.q${n % 10}:${n % 100}|g|${tags}`); break
        case 3: lines.push(`shop.api.hits.e${n % 50}:1|c|${tags}`); break
        default: lines.push(`shop.users.seen:u${n % 500}|s|${tags}`)
      }
    }
    cached.push(Buffer.from(lines.join('\n')))
  }
  return cached
}

function freePort() {
  return new Promise(resolve => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const {port} = server.address()
      server.close(() => resolve(port))
    })
  })
}

async function waitFor(ready, show) {
  const deadline = Date.now() + 15_000
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`receiver did not start: ${show()}`)
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

function collect(stream) {
  return new Promise(resolve => {
    let text = ''
    stream.on('data', chunk => (text += chunk))
    stream.on('end', () => resolve(text))
  })
}

const number = text => Number(text.replaceAll(',', ''))

if (process.argv[2] === 'blast') {
  const [port, rate, seconds] = process.argv.slice(3).map(Number)
  const sent = await blast(port, rate, seconds)
  process.stdout.write(JSON.stringify(sent) + '\n')
} else {
  await main()
}
