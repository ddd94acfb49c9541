// Memory: peak RSS (VmHWM) of `metrics tail --aggregate` and of `metrics tail --top` while
// they hold 100,000 distinct series (counters, gauges, timers, sets; each sent 3 times,
// with tags), sent slowly enough that none is lost. Goal: under 200 MB. Needs `npm run build`
// first; Linux (reads /proc).
import {spawn} from 'node:child_process'
import dgram from 'node:dgram'
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

const cli = fileURLToPath(new URL('../bin/run.js', import.meta.url))
const SERIES = Number(process.env.BENCH_SERIES ?? 100_000)
const REPEATS = 3
const LINES_PER_PACKET = 25
const LINES_PER_SECOND = Number(process.env.BENCH_RATE ?? 50_000)
const GOAL_MB = 200

for (const view of [['--aggregate', '--interval', '1h'], ['--top', '--interval', '1s']]) {
  const {peakMb, stderr} = await measure(view)
  const lines = /, ([\d,]+) lines, /.exec(stderr)?.[1] ?? '?'
  const drops = /kernel drops: ([\d,]+)/.exec(stderr)?.[1] ?? '?'
  const overflow = /--max-series: ([\d,]+) samples/.exec(stderr)?.[1] ?? '0'
  console.log(`tail ${view[0]}: ${SERIES.toLocaleString('en-US')} series, ${lines} lines received (kernel drops ${drops}, over --max-series ${overflow}): peak RSS ${peakMb.toFixed(1)} MB  (goal < ${GOAL_MB} MB)`)
}

async function measure(view) {
  const child = spawn(process.execPath, [cli, 'tail', ...view, '--port', '0', '--max-series', String(2 * SERIES)], {stdio: ['ignore', 'ignore', 'pipe'], env: {...process.env, NO_COLOR: '1'}})
  let stderr = ''
  child.stderr.on('data', chunk => (stderr += chunk))
  const deadline = Date.now() + 15_000
  while (!/listening on \S+:(\d+)/.test(stderr)) {
    if (Date.now() > deadline) throw new Error(`tail did not start: ${stderr}`)
    await new Promise(resolve => setTimeout(resolve, 20))
  }
  const port = Number(/listening on \S+:(\d+)/.exec(stderr)[1])
  await send(port)
  await new Promise(resolve => setTimeout(resolve, 1000))
  const peakKb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1])
  const closed = new Promise(resolve => child.on('close', resolve))
  child.kill('SIGINT')
  await closed
  return {peakMb: peakKb / 1024, stderr}
}

/** Every series REPEATS times, in packets of 25 lines, at LINES_PER_SECOND. */
async function send(port) {
  const socket = dgram.createSocket('udp4')
  await new Promise(resolve => socket.connect(port, '127.0.0.1', resolve))
  const started = performance.now()
  let sent = 0
  let lines = []
  for (let round = 0; round < REPEATS; round++) {
    for (let i = 0; i < SERIES; i++) {
      lines.push(line(i, round))
      if (lines.length < LINES_PER_PACKET) continue
      const packet = Buffer.from(lines.join('\n'))
      lines = []
      sent += LINES_PER_PACKET
      await new Promise(resolve => socket.send(packet, resolve))
      const ahead = (sent / LINES_PER_SECOND) * 1000 - (performance.now() - started)
      if (ahead > 1) await new Promise(resolve => setTimeout(resolve, ahead))
    }
  }
  if (lines.length > 0) await new Promise(resolve => socket.send(Buffer.from(lines.join('\n')), resolve))
  socket.close()
}

/** Series i: one of 5,000 names, one of SERIES / 5,000 shards, one of four types. */
function line(i, round) {
  const name = `app.service.endpoint_${i % 5000}.requests`
  const tags = `#env:production,region:eu-west-1,shard:${Math.floor(i / 5000)}`
  switch (i % 4) {
    case 0: return `${name}:1|c|${tags}`
    case 1: return `${name}:${round * 10 + (i % 7)}|g|${tags}`
    case 2: return `${name}:${(i * 7 + round) % 500}|ms|${tags}`
    default: return `${name}:user${(i + round) % 997}|s|${tags}`
  }
}
