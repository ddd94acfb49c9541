#!/usr/bin/env node
/**
 * metrics queues on 10,000 queues of mixed types (list, zset, set, stream, hash):
 * wall time of the whole command as cron runs it (node start-up included, gauges
 * sent to a local statsd listener), and the round trips it needs.
 *
 *   npm run build && node bench/queues.mjs [--runs 7] [--queues 10000]
 *
 * Round trips come from the command's own count (--json roundTrips), which
 * test/e2e/queues.test.ts checks against a proxy that counts them on the wire.
 * Keys live under a unique prefix in the local Redis and are deleted afterwards.
 *
 * Cron starts a job with only HOME, LOGNAME, PATH and SHELL (crontab(5)), so the
 * config-file scenario is also timed in that environment: whatever the shell running
 * the bench has set for Node (NODE_OPTIONS, NODE_EXTRA_CA_CERTS, which Node reads at
 * every start) is then left out, as a cron run would leave it out.
 *
 * On a shared machine wall times swing with the load: the CPU time of the runs (user +
 * system, Linux only) says how much work they did, whatever else was running. The
 * statsd listener here has a large receive buffer, and on Linux its kernel drop count
 * is shown, so that a gauge lost by this listener is not taken for one the command lost.
 */
import {spawn} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import dgram from 'node:dgram'
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {loadavg, tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {Redis} from 'ioredis'

const CLI = fileURLToPath(new URL('../bin/run.js', import.meta.url))
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0'
const TYPES = ['list', 'zset', 'set', 'stream', 'hash']
/** What cron(8) gives a job (crontab(5)); the Redis URL is passed on, as a crontab line would set it. */
const CRON_ENV = {HOME: process.env.HOME ?? '/', LOGNAME: process.env.LOGNAME ?? process.env.USER ?? 'root', PATH: '/usr/bin:/bin', SHELL: '/bin/sh', ...(process.env.REDIS_URL ? {REDIS_URL: process.env.REDIS_URL} : {})}

const {values: options} = parseArgs({options: {runs: {type: 'string', default: '7'}, queues: {type: 'string', default: '10000'}}})
const runs = Number(options.runs)
const queueCount = Number(options.queues)

// Queue names as long as real ones (Ichnaea's Celery and data queues are 11-17 characters): mbq1a2b3c:list:1234. A longer
// prefix would make every name, and so every EVAL argument and statsd line, longer than a real run's.
const prefix = `mbq${randomBytes(3).toString('hex')}:`
const names = Array.from({length: queueCount}, (_, i) => `${prefix}${TYPES[i % TYPES.length]}:${i}`)
const redis = new Redis(REDIS_URL)
const dir = mkdtempSync(join(tmpdir(), 'metrics-bench-queues-'))
// 10,000 gauges arrive as some 250 datagrams at once: the default receive buffer (about
// 200 KB) holds fewer than 100 of them whenever this process is slow to read them.
const statsd = dgram.createSocket({type: 'udp4', recvBufferSize: 32 << 20})
let received = 0
// Lines counted in the bytes, without making strings: on 2 cores this listener shares the CPU with the command it times.
statsd.on('message', message => {
  received++
  for (let at = message.indexOf(10); at !== -1; at = message.indexOf(10, at + 1)) received++
})
await new Promise(resolve => statsd.bind(0, '127.0.0.1', resolve))
const statsdArgs = ['--host', '127.0.0.1', '--port', String(statsd.address().port)]

try {
  await createQueues()
  const config = join(dir, 'metrics.config.json')
  writeFileSync(config, JSON.stringify({queues: {queues: names}}))
  const scenarios = [
    ['named queues (config file)', ['queues', '--config', config]],
    ['named queues, --pipelines (TYPE then lengths)', ['queues', '--config', config, '--pipelines']],
    ['SCAN pattern', ['queues', '--pattern', `${prefix}*`, '--max-keys', String(queueCount)]],
  ]
  console.log(`metrics queues, ${queueCount} queues of types ${TYPES.join('/')}, median of ${runs} runs (load average ${loadavg().map(load => load.toFixed(2)).join(' ')})`)
  // Baselines: on a shared machine they show how much of the wall time is the machine.
  const bareNode = await medianWall(['-e', '0'], [])
  const startup = await medianWall(['--version'])
  console.log(`  baselines: node -e 0 ${describe(bareNode)}; node bin/run.js --version ${describe(startup)}; node -e 0 in cron's environment ${describe(await medianWall(['-e', '0'], [], CRON_ENV))}`)
  console.log(`  statsd listener: receive buffer ${(statsd.getRecvBufferSize() / 1024).toFixed(0)} KiB`)
  const cronTimes = await medianWall([...scenarios[0][1], ...statsdArgs], [CLI], CRON_ENV)
  console.log(`  ${scenarios[0][0]}, in cron's environment: ${describe(cronTimes)}`)
  for (const [label, args] of scenarios) {
    const report = await jsonReport(args)
    const before = received
    const dropsBefore = listenerDrops()
    const times = await medianWall([...args, ...statsdArgs])
    await new Promise(resolve => setTimeout(resolve, 200))
    const sent = Math.round((received - before) / runs)
    const drops = dropsBefore === undefined ? '' : `, ${listenerDrops() - dropsBefore} datagrams dropped by this listener`
    console.log(`  ${label}: ${describe(times)}; read round trips ${report.roundTrips.read} (goal <= 2), SCAN calls ${report.roundTrips.scan}; sampling and sending, timed inside the --json run (through oclif) ${report.milliseconds} ms; ${sent} of ${queueCount} gauges reached statsd per run${drops}`)
  }
} finally {
  await deleteQueues()
  redis.disconnect()
  statsd.close()
  rmSync(dir, {recursive: true, force: true})
}

async function createQueues() {
  const pipeline = redis.pipeline()
  names.forEach((name, i) => {
    const type = TYPES[i % TYPES.length]
    if (type === 'list') pipeline.rpush(name, 'a', 'b')
    else if (type === 'zset') pipeline.zadd(name, 1, 'a')
    else if (type === 'set') pipeline.sadd(name, 'a', 'b', 'c')
    else if (type === 'stream') pipeline.xadd(name, '*', 'f', 'v')
    else pipeline.hset(name, 'f', 'v')
  })
  await pipeline.exec()
}

async function deleteQueues() {
  for (let i = 0; i < names.length; i += 1000) await redis.unlink(...names.slice(i, i + 1000))
}

async function jsonReport(args) {
  const {code, stdout, stderr} = await run([...args, ...statsdArgs, '--json'])
  if (code !== 0) throw new Error(`metrics ${args.join(' ')} --json exited ${code}: ${stderr}`)
  return JSON.parse(stdout)
}

/** The median wall time of `runs` runs, and their mean CPU time where the platform tells it. */
async function medianWall(args, script = [CLI], env = process.env) {
  const times = []
  const cpuBefore = childrenCpuMs()
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    const {code, stderr} = await run(args, script, env)
    times.push(performance.now() - started)
    if (code !== 0) throw new Error(`metrics ${args.join(' ')} exited ${code}: ${stderr}`)
  }
  times.sort((a, b) => a - b)
  const cpuAfter = childrenCpuMs()
  return {wall: times[Math.floor(times.length / 2)], cpu: cpuBefore === undefined ? undefined : (cpuAfter - cpuBefore) / runs}
}

function describe({wall, cpu}) {
  return `${wall.toFixed(0)} ms wall${cpu === undefined ? '' : ` (${cpu.toFixed(0)} ms CPU)`}`
}

/** User + system time of this process's finished children (Linux: /proc/self/stat, in clock ticks of 10 ms). */
function childrenCpuMs() {
  if (!existsSync('/proc/self/stat')) return undefined
  const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ')
  // After the command name: cutime and cstime are fields 16 and 17 of stat(5), here 13 and 14.
  return (Number(fields[13]) + Number(fields[14])) * 10
}

/** Datagrams the kernel dropped because the listener's buffer was full (Linux: /proc/net/udp), or undefined. */
function listenerDrops() {
  if (!existsSync('/proc/net/udp')) return undefined
  const port = statsd.address().port.toString(16).toUpperCase().padStart(4, '0')
  const line = readFileSync('/proc/net/udp', 'utf8').split('\n').find(row => row.trim().split(/\s+/)[1]?.endsWith(`:${port}`))
  return line === undefined ? undefined : Number(line.trim().split(/\s+/).at(-1))
}

function run(args, script = [CLI], env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...script, ...args], {stdio: ['ignore', 'pipe', 'pipe'], env})
    const stdout = []
    const stderr = []
    child.stdout.on('data', chunk => stdout.push(chunk))
    child.stderr.on('data', chunk => stderr.push(chunk))
    child.on('error', reject)
    child.on('close', code => resolve({code, stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString()}))
  })
}
