import {execFileSync, spawn} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync} from 'node:fs'
import net from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {Redis} from 'ioredis'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startPushgateway, type RunningPushgateway} from '../emit/pushgateway.js'
import {startTogether} from '../support/start-together.js'
import {startRespProxy} from '../redis/resp-proxy.js'
import {deleteKeys, startRedisServer, testClient, uniquePrefix, type RedisServer} from '../redis/support.js'
import {deadTcpPort, udpListener, type Listener} from '../support/listeners.js'
import {CLI, runCli} from '../support/run-cli.js'

const escapeGlob = (text: string): string => text.replace(/[*?[\]\\]/g, '\\$&')
const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms))

describe('metrics queues against the real Redis', () => {
  const prefix = uniquePrefix('e2e-queues')
  const pattern = `${escapeGlob(prefix)}*`
  let redis: Redis
  let udp: Listener

  beforeAll(async () => {
    redis = testClient()
    await redis.rpush(`${prefix}list`, 'a', 'b', 'c')
    await redis.zadd(`${prefix}zset`, 1, 'a', 2, 'b')
    await redis.sadd(`${prefix}set`, 'a')
    await redis.xadd(`${prefix}stream`, '*', 'f', 'v')
    await redis.hset(`${prefix}hash`, 'a', '1', 'b', '2', 'c', '3', 'd', '4')
    await redis.rpush(`${prefix}celery`, 'p0')
    await redis.rpush(`${prefix}celery\x06\x166`, 'p6', 'p6')
    udp = await udpListener()
  })
  afterAll(async () => {
    await udp?.close()
    await deleteKeys(redis, prefix)
    redis.disconnect()
  })

  const statsdArgs = (): string[] => ['--host', '127.0.0.1', '--port', String(udp.port)]

  it('sends gauge queue tagged queue:<name> to statsd for every key type, a missing key as 0, and prints nothing from cron', async () => {
    const before = udp.lines().length
    const queues = ['list', 'zset', 'set', 'stream', 'hash', 'missing'].flatMap(name => ['--queue', prefix + name])
    const result = await runCli(['queues', ...queues, ...statsdArgs()])
    expect(result).toMatchObject({code: 0, stdout: '', stderr: ''})
    const lines = (await udp.waitForLines(before + 6)).slice(before)
    expect(lines).toEqual([3, 2, 1, 1, 4, 0].map((value, i) => `queue:${value}|g|#queue:${prefix}${['list', 'zset', 'set', 'stream', 'hash', 'missing'][i]}`))
  })

  it('sums Celery priority sub-queues and folds those a pattern finds', async () => {
    const result = await runCli(['queues', '--pattern', `${escapeGlob(prefix)}cel*`, '--celery', '--json'])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).gauges).toEqual([{name: 'queue', tags: {queue: `${prefix}celery`}, value: 3}])
  })

  it('uses any tag style and prefix of the statsd sink', async () => {
    const before = udp.lines().length
    await runCli(['queues', '--queue', `${prefix}list`, '--tag-style', 'flat', '--prefix', 'location', ...statsdArgs()])
    const [line] = (await udp.waitForLines(before + 1)).slice(before)
    expect(line).toBe(`location.queue.queue_${prefix.replace(/:/g, '_')}list:3|g`)
  })

  const roundTripCases: Array<[string, string[], number]> = [
    ['one EVAL pipeline', [], 1],
    ['TYPE and length pipelines', ['--pipelines'], 2],
  ]
  it.each(roundTripCases)('reports its round trips honestly with %s: the wire shows the SCAN calls and the reads', async (_, extra, reads) => {
    const proxy = await startRespProxy(6379)
    try {
      const result = await runCli(['queues', '--redis', `redis://127.0.0.1:${proxy.port}/0`, '--pattern', pattern, '--json', ...extra])
      const report = JSON.parse(result.stdout)
      expect(report.roundTrips.read).toBe(reads)
      expect(report.roundTrips.scan).toBeGreaterThan(0)
      expect(proxy.roundTrips()).toEqual([report.roundTrips.scan + report.roundTrips.read])
      expect(report.gauges).toHaveLength(7)
    } finally {
      await proxy.close()
    }
  })

  it('writes the Prometheus text format to stdout with --print', async () => {
    const result = await runCli(['queues', '--queue', `${prefix}list`, '--queue', `${prefix}zset`, '--print', '--prometheus-name', 'jobs_waiting'])
    expect(result.code).toBe(0)
    expect(result.stdout).toBe(
      [
        '# HELP jobs_waiting Items waiting in a Redis queue: the length of its list, zset, set, stream or hash (summed over Celery priorities).',
        '# TYPE jobs_waiting gauge',
        `jobs_waiting{queue="${prefix}list"} 3`,
        `jobs_waiting{queue="${prefix}zset"} 2`,
        '',
      ].join('\n'),
    )
  })

  it('sends the keys it can read when one fails, names the failure and exits 1', async () => {
    await redis.set(`${prefix}string`, 'not a queue')
    const before = udp.lines().length
    const result = await runCli(['queues', '--queue', `${prefix}list`, '--queue', `${prefix}string`, ...statsdArgs()])
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(`Error: queue (queue:${prefix}string): could not read key "${prefix}string": is a string, not a list, zset, set, stream or hash\n`)
    expect((await udp.waitForLines(before + 1)).slice(before)).toEqual([`queue:3|g|#queue:${prefix}list`])
  })

  it('warns when SCAN hits --max-keys, and still sends what it sampled', async () => {
    for (let i = 0; i < 3; i++) await redis.rpush(`${prefix}capped:${i}`, 'x')
    const capped = `${escapeGlob(prefix)}capped:*`
    const result = await runCli(['queues', '--pattern', capped, '--max-keys', '2', '--json'])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe(`Warning: pattern "${capped}" matched more than 2 keys; only the first 2 were sampled (raise --max-keys or narrow the pattern)\n`)
    expect(JSON.parse(result.stdout).gauges).toHaveLength(2)
  })

  it('warns, from cron too, when a pattern matches no key, and still sends the rest with exit 0', async () => {
    // Quoted as written: the escape of the literal * shows once.
    const nothing = `${escapeGlob(prefix)}nothing-here-\\*-*`
    const before = udp.lines().length
    const result = await runCli(['queues', '--pattern', nothing, '--queue', `${prefix}list`, ...statsdArgs()])
    expect(result).toMatchObject({code: 0, stdout: '', stderr: `Warning: pattern "${nothing}" matched no key\n`})
    expect((await udp.waitForLines(before + 1)).slice(before)).toEqual([`queue:3|g|#queue:${prefix}list`])
  })

  it('gives the same warning in --json, for a pattern from the config file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'metrics-queues-patterns-'))
    try {
      const nothing = `${escapeGlob(prefix)}nothing-here-*`
      writeFileSync(join(dir, 'metrics.config.yaml'), `queues:\n  patterns:\n    - ${JSON.stringify(nothing)}\n    - {pattern: ${JSON.stringify(`${escapeGlob(prefix)}li*`)}}\n`)
      const result = await runCli(['queues', '--json'], {cwd: dir})
      expect(result.code, result.stderr).toBe(0)
      expect(result.stderr).toBe(`Warning: pattern "${nothing}" matched no key\n`)
      const report = JSON.parse(result.stdout)
      expect(report.warnings).toEqual([`pattern "${nothing}" matched no key`])
      expect(report.gauges).toEqual([{name: 'queue', tags: {queue: `${prefix}list`}, value: 3}])
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })

  it('stops a loop cleanly on SIGTERM, after the sample in progress', async () => {
    const before = udp.lines().length
    const child = spawn(process.execPath, [CLI, 'queues', '--queue', `${prefix}list`, '--interval', '300ms', ...statsdArgs()], {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, NO_COLOR: '1'}})
    let stderr = ''
    child.stderr.on('data', chunk => (stderr += String(chunk)))
    const exited = new Promise<number | null>(resolve => child.on('close', code => resolve(code)))
    await udp.waitForLines(before + 2, 10_000)
    child.kill('SIGTERM')
    const stopped = Date.now()
    expect(await exited).toBe(0)
    expect(Date.now() - stopped).toBeLessThan(1000)
    expect(stderr).toBe('')
  })

  it('samples every --interval, --count times', async () => {
    const before = udp.lines().length
    const started = Date.now()
    const result = await runCli(['queues', '--queue', `${prefix}list`, '--interval', '400ms', '--timeout', '400ms', '--count', '3', ...statsdArgs()])
    expect(result.code).toBe(0)
    expect(Date.now() - started).toBeGreaterThanOrEqual(800)
    expect((await udp.waitForLines(before + 3)).slice(before)).toEqual(Array(3).fill(`queue:3|g|#queue:${prefix}list`))
  })
})

describe('metrics queues when Redis is not there', () => {
  const user = `metrics-test-${randomBytes(4).toString('hex')}`
  let admin: Redis
  let udp: Listener
  let blackHole: net.Server

  beforeAll(async () => {
    admin = testClient()
    await admin.acl('SETUSER', user, 'on', '>right-password', '~*', '+@all')
    udp = await udpListener()
    blackHole = net.createServer(() => undefined)
    await new Promise<void>(resolve => blackHole.listen(0, '127.0.0.1', resolve))
  })
  afterAll(async () => {
    await admin.acl('DELUSER', user)
    admin.disconnect()
    await udp?.close()
    blackHole?.close()
  })

  const cases: Array<[string, () => Promise<string>, RegExp]> = [
    ['a wrong password', async () => `redis://${user}:wrong-password@127.0.0.1:6379/0`, new RegExp(`^Error: Redis at redis://${user}:\\*\\*\\*@127\\.0\\.0\\.1:6379/0: the password for user "${user}" was refused`)],
    ['a dead port', async () => `redis://:secret@127.0.0.1:${await deadTcpPort()}/0`, /^Error: Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0: connection refused/],
    ['a server that never answers', async () => `redis://:secret@127.0.0.1:${(blackHole.address() as net.AddressInfo).port}/0`, /^Error: Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0: no answer within 1000 ms/],
  ]
  it.each(cases)('prints one line for %s, password redacted, sends nothing and exits 1 within the timeout', async (_, url, message) => {
    const started = Date.now()
    const result = await runCli(['queues', '--redis', await url(), '--queue', 'q', '--timeout', '1s', '--host', '127.0.0.1', '--port', String(udp.port)])
    const elapsed = Date.now() - started
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(message)
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(result.stderr).not.toMatch(/secret|wrong-password/)
    // Start-up plus at most the 1 s timeout (the message shows which deadline fired), with room for a loaded machine.
    expect(elapsed).toBeLessThan(8000)
    await sleep(100)
    expect(udp.lines()).toEqual([])
  })

  it('keeps looping after a failed sample, stamps each error and exits 1', async () => {
    const port = await deadTcpPort()
    const result = await runCli(['queues', '--redis', `redis://127.0.0.1:${port}/0`, '--queue', 'q', '--interval', '200ms', '--timeout', '200ms', '--count', '2', '--print'])
    expect(result.code).toBe(1)
    const lines = result.stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(2)
    for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z Error: Redis at redis:\/\/127\.0\.0\.1:\d+\/0: connection refused/)
  })

  it('exits 2 on a bad flag value, naming it', async () => {
    const result = await runCli(['queues', '--queue', 'q', '--redis', 'localhost:6379'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^Error: --redis: expected a redis:\/\/ or rediss:\/\/ URL, got localhost:6379/)
  })
})

describe('metrics queues with Prometheus sinks', () => {
  let server: RedisServer
  let gateway: RunningPushgateway
  let dir: string

  beforeAll(async () => {
    ;[server, gateway] = await startTogether<[RedisServer, RunningPushgateway]>([startRedisServer(), startPushgateway()])
    dir = mkdtempSync(join(tmpdir(), 'metrics-queues-'))
    const client = testClient(server.url)
    await client.rpush('celery_default', 'a')
    await client.rpush('celery_default\x06\x163', 'b', 'c')
    await client.rpush('update_wifi_0', 'x', 'y')
    const pipeline = client.pipeline()
    for (let i = 0; i < 3000; i++) pipeline.rpush(`bulk:${i}`, 'x')
    await pipeline.exec()
    client.disconnect()
  })
  afterAll(async () => {
    await Promise.all([server?.stop(), gateway?.stop()])
    if (dir) rmSync(dir, {recursive: true, force: true})
  })

  it("pushes the Ichnaea preset to a real Pushgateway, tagged as Ichnaea's monitor does", async () => {
    const result = await runCli(['queues', '--redis', server.url, '--preset', 'ichnaea', '--pushgateway', gateway.url, '--grouping', 'instance=cron1'])
    expect(result).toMatchObject({code: 0, stderr: ''})
    const exposed = await gateway.metrics()
    expect(exposed).toContain('queue_length{instance="cron1",job="metrics_queues",queue="celery_default",queue_type="task"} 3')
    expect(exposed).toContain('queue_length{data_type="wifi",instance="cron1",job="metrics_queues",queue="update_wifi_0",queue_type="data"} 2')
    expect(exposed.match(/^queue_length\{.*instance="cron1"/gm)).toHaveLength(49)
  })

  it('sends to several sinks at once', async () => {
    const textfile = join(dir, 'several.prom')
    const result = await runCli(['queues', '--redis', server.url, '--queue', 'update_wifi_0', '--pushgateway', gateway.url, '--job', 'several', '--textfile', textfile, '--print'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('queue_length{queue="update_wifi_0"} 2')
    expect(readFileSync(textfile, 'utf8')).toBe(result.stdout)
    expect(await gateway.metrics()).toContain('queue_length{instance="",job="several",queue="update_wifi_0"} 2')
  })

  it('reports a Pushgateway it cannot reach, and still writes the textfile', async () => {
    const textfile = join(dir, 'still.prom')
    const url = `http://pusher:s3cret@127.0.0.1:${await deadTcpPort()}`
    const result = await runCli(['queues', '--redis', server.url, '--queue', 'update_wifi_0', '--pushgateway', url, '--textfile', textfile])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^Error: could not push to Pushgateway at http:\/\/pusher:\*\*\*@127\.0\.0\.1:\d+: connection refused \(is a Pushgateway listening there\?\)\n$/)
    expect(existsSync(textfile)).toBe(true)
  })

  it('removes the temporary files of killed runs, and only those', async () => {
    const leftovers = join(dir, 'leftovers')
    mkdirSync(leftovers)
    const textfile = join(leftovers, 'queues.prom')
    // A pid that ran and ended, and one that still runs (not ours: the test's own).
    const exited = spawn(process.execPath, ['-e', ''])
    await new Promise(resolve => exited.once('exit', resolve))
    const hourAgo = new Date(Date.now() - 3_600_000)
    const files = {
      killedRun: `.queues.prom.${exited.pid}.0badc0de.tmp`,
      killedJustNow: `.queues.prom.${exited.pid}.0000beef.tmp`,
      liveRun: `.queues.prom.${process.pid}.00c0ffee.tmp`,
      otherTarget: `.tables.prom.${exited.pid}.0badc0de.tmp`,
      unrelated: '.queues.prom.backup',
      unrelatedTmp: 'queues.prom.tmp',
    }
    for (const [key, name] of Object.entries(files)) {
      writeFileSync(join(leftovers, name), 'queue_length{queue="half')
      if (key !== 'killedJustNow') utimesSync(join(leftovers, name), hourAgo, hourAgo)
    }
    const result = await runCli(['queues', '--redis', server.url, '--queue', 'update_wifi_0', '--textfile', textfile])
    expect(result).toMatchObject({code: 0, stderr: ''})
    const kept = Object.entries(files).flatMap(([key, name]) => (key === 'killedRun' ? [] : [name]))
    expect(readdirSync(leftovers).sort()).toEqual([...kept, 'queues.prom'].sort())
  })

  it('rewrites the textfile atomically: a reader polling it during a loop never sees half a file', async () => {
    const textfile = join(dir, 'queues.prom')
    let reads = 0
    const torn: string[] = []
    let running = true
    const reader = (async () => {
      while (running) {
        if (existsSync(textfile)) {
          const text = readFileSync(textfile, 'utf8')
          reads++
          const series = text.split('\n').filter(line => line.startsWith('queue_length{')).length
          if (!text.endsWith('\n') || series !== 3000) torn.push(`${text.length} bytes, ${series} series`)
        }
        await sleep(1)
      }
    })()
    const result = await runCli(['queues', '--redis', server.url, '--pattern', 'bulk:*', '--textfile', textfile, '--interval', '1s', '--count', '4'])
    running = false
    await reader
    expect(result).toMatchObject({code: 0, stderr: ''})
    expect(reads).toBeGreaterThan(20)
    expect(torn).toEqual([])
    expect(readFileSync(textfile, 'utf8').length).toBeGreaterThan(100_000)
  })
})

describe('metrics queues over TLS (rediss://)', () => {
  let dir: string
  let server: RedisServer

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'metrics-tls-'))
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], {stdio: 'ignore'})
    server = await startRedisServer([], `tls-cert-file ${join(dir, 'cert.pem')}\ntls-key-file ${join(dir, 'key.pem')}\ntls-auth-clients no\n`, {tls: true})
    const client = testClient(`rediss://localhost:${server.port}/0`, {ca: readFileSync(join(dir, 'cert.pem'))})
    await client.rpush('secure', 'a', 'b')
    client.disconnect()
  })
  afterAll(async () => {
    await server?.stop()
    if (dir) rmSync(dir, {recursive: true, force: true})
  })

  it('reads over TLS, trusting a private CA through NODE_EXTRA_CA_CERTS', async () => {
    const result = await runCli(['queues', '--redis', `rediss://localhost:${server.port}/0`, '--queue', 'secure', '--json'], {env: {NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem')}})
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).gauges).toEqual([{name: 'queue', tags: {queue: 'secure'}, value: 2}])
  })

  it('reaches a master found through Sentinel over TLS too, as the URL says (rediss://)', async () => {
    const pem = (name: string): string => join(dir, `${name}.pem`)
    const sentinel = await startRedisServer(['--sentinel'], `sentinel monitor tlsmaster 127.0.0.1 ${server.port} 1\ntls-replication yes\ntls-cert-file ${pem('cert')}\ntls-key-file ${pem('key')}\ntls-ca-cert-file ${pem('cert')}\n`)
    try {
      const result = await runCli(['queues', '--sentinel', `127.0.0.1:${sentinel.port}`, '--master', 'tlsmaster', '--redis', 'rediss://ignored/0', '--queue', 'secure', '--print'], {env: {NODE_EXTRA_CA_CERTS: pem('cert')}})
      expect(result).toMatchObject({code: 0, stderr: ''})
      expect(result.stdout).toContain('queue_length{queue="secure"} 2')
    } finally {
      await sentinel.stop()
    }
  })

  it('refuses a certificate it cannot verify, in one line', async () => {
    const result = await runCli(['queues', '--redis', `rediss://localhost:${server.port}/0`, '--queue', 'secure', '--print'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^Error: Redis at rediss:\/\/localhost:\d+\/0: its TLS certificate was refused: self[- ]signed certificate.* \(for a private CA set NODE_EXTRA_CA_CERTS=ca\.pem\)\n$/)
  })
})

describe('metrics queues --help', () => {
  it('documents the flags, sinks and exit codes', async () => {
    const result = await runCli(['queues', '--help'])
    expect(result.code).toBe(0)
    for (const text of ['--redis', '--sentinel', '--cluster', '--queue', '--pattern', '--celery', '--preset', '--pushgateway', '--textfile', '--print', '--interval', '--timeout', 'Exit codes: 0']) {
      expect(result.stdout).toContain(text)
    }
  })
})
