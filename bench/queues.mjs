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
 */
import {spawn} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import dgram from 'node:dgram'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {loadavg, tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {Redis} from 'ioredis'

const CLI = fileURLToPath(new URL('../bin/run.js', import.meta.url))
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0'
const TYPES = ['list', 'zset', 'set', 'stream', 'hash']

const {values: options} = parseArgs({options: {runs: {type: 'string', default: '7'}, queues: {type: 'string', default: '10000'}}})
const runs = Number(options.runs)
const queueCount = Number(options.queues)

const prefix = `metrics-bench:queues:${randomBytes(4).toString('hex')}:`
const names = Array.from({length: queueCount}, (_, i) => `${prefix}${TYPES[i % TYPES.length]}:${i}`)
const redis = new Redis(REDIS_URL)
const dir = mkdtempSync(join(tmpdir(), 'metrics-bench-queues-'))
const statsd = dgram.createSocket('udp4')
let received = 0
statsd.on('message', message => (received += message.toString().split('\n').length))
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
  console.log(`  baselines: node -e 0 ${bareNode.toFixed(0)} ms; node bin/run.js --version ${startup.toFixed(0)} ms`)
  for (const [label, args] of scenarios) {
    const report = await jsonReport(args)
    const before = received
    const wall = await medianWall([...args, ...statsdArgs])
    const sent = Math.round((received - before) / runs)
    console.log(`  ${label}: ${wall.toFixed(0)} ms wall; read round trips ${report.roundTrips.read} (goal <= 2), SCAN calls ${report.roundTrips.scan}; in-command sampling ${report.milliseconds} ms; ${sent} of ${queueCount} gauges reached statsd per run`)
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

async function medianWall(args, script = [CLI]) {
  const times = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    const {code, stderr} = await run(args, script)
    times.push(performance.now() - started)
    if (code !== 0) throw new Error(`metrics ${args.join(' ')} exited ${code}: ${stderr}`)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]
}

function run(args, script = [CLI]) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...script, ...args], {stdio: ['ignore', 'pipe', 'pipe']})
    const stdout = []
    const stderr = []
    child.stdout.on('data', chunk => stdout.push(chunk))
    child.stderr.on('data', chunk => stderr.push(chunk))
    child.on('error', reject)
    child.on('close', code => resolve({code, stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString()}))
  })
}
