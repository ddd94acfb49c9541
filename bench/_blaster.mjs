// The UDP blaster the ingest benchmarks share: a separate process that sends multi-line
// packets (about 1.1 KB, 25 lines each) at a fixed rate, and the measuring around it.
//
//   node bench/_blaster.mjs blast PORT RATE SECONDS     (the blaster alone)
import {spawn} from 'node:child_process'
import dgram from 'node:dgram'
import net from 'node:net'
import {fileURLToPath} from 'node:url'

const cli = fileURLToPath(new URL('../bin/run.js', import.meta.url))

export const LINES_PER_PACKET = 25
export const RAMP_SECONDS = 1

export function percent(result) {
  return `${((100 * (result.sent - result.processed)) / result.sent).toFixed(3)}%`
}

/**
 * Steps the rate up until something is dropped; the last rate that lost nothing. The
 * machine is shared, so a step that loses packets is tried once more before giving up.
 */
export async function maxRate(start, seconds) {
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
export async function measure(start, rate, seconds) {
  const port = await freePort()
  const receiver = await start(port)
  const blaster = spawn(process.execPath, [fileURLToPath(import.meta.url), 'blast', String(port), String(rate), String(seconds)], {stdio: ['ignore', 'pipe', 'inherit']})
  const sent = JSON.parse(await collect(blaster.stdout))
  // Let the receiver finish what is queued in its socket.
  await new Promise(resolve => setTimeout(resolve, 1500))
  const {processed, kernelDrops, ...extra} = await receiver.stop()
  // The ramp carries half a second of full-rate lines: rates are over that much more time.
  return {...extra, name: receiver.name, sent: sent.lines, seconds: seconds + RAMP_SECONDS / 2, processed, kernelDrops}
}

/** `metrics tail ...args` on `port`, stopped with Ctrl-C; what it processed is read from its summary. */
export async function startTail(port, args) {
  const child = spawn(process.execPath, [cli, 'tail', ...args, '--port', String(port), '--rcvbuf', '8MB'], {stdio: ['ignore', 'ignore', 'pipe'], env: {...process.env, NO_COLOR: '1'}})
  let stderr = ''
  child.stderr.on('data', chunk => (stderr += chunk))
  await waitFor(() => stderr.includes('listening on'), () => stderr)
  return {
    name: 'tail',
    pid: child.pid,
    stderr: () => stderr,
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
export function packets() {
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

export function freePort() {
  return new Promise(resolve => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const {port} = server.address()
      server.close(() => resolve(port))
    })
  })
}

export async function waitFor(ready, show) {
  const deadline = Date.now() + 15_000
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`receiver did not start: ${show()}`)
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

export function collect(stream) {
  return new Promise(resolve => {
    let text = ''
    stream.on('data', chunk => (text += chunk))
    stream.on('end', () => resolve(text))
  })
}

export const number = text => Number(text.replaceAll(',', ''))

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'blast') {
  const [port, rate, seconds] = process.argv.slice(3).map(Number)
  const sent = await blast(port, rate, seconds)
  process.stdout.write(JSON.stringify(sent) + '\n')
}
