import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startRedisServer, startSentinel, type RedisServer} from '../redis/support.js'
import {deadTcpPort, unacceptingPort, unansweringServer, type HeldConnection, type UnansweringServer} from '../support/listeners.js'
import {runCli, type CliResult} from '../support/run-cli.js'
import {scratchPostgres, type ScratchDatabase} from '../tables/databases.js'

/**
 * From cron, a run that never ends is worse than one that fails: the next minute's
 * run starts beside it, and the next. Against a server that accepts and never
 * answers, each command gives up after --timeout, closes every socket it opened and
 * exits; on any other failure it exits at once, with no timer of a library left behind.
 */
const TIMEOUT_MS = 2000
/** After the deadline: closing the sockets and the process ending. */
const MARGIN_MS = 500

let server: UnansweringServer
let dir: string
beforeAll(async () => {
  server = await unansweringServer()
  dir = mkdtempSync(join(tmpdir(), 'metrics-deadlines-'))
})
afterAll(async () => {
  await server?.close()
  rmSync(dir, {recursive: true, force: true})
})

/** Runs the CLI; returns its result, when it ended, and the connections the hung server saw from it. */
async function runAgainstHungServer(args: string[]): Promise<{result: CliResult; exitedAt: number; held: readonly HeldConnection[]}> {
  const before = server.connections.length
  const result = await runCli(args, {cwd: dir, timeoutMs: 20_000})
  const exitedAt = Date.now()
  return {result, exitedAt, held: server.connections.slice(before)}
}

/** Gave up within the deadline of the first connection, and closed every connection it opened before it ended. */
function expectGaveUpInTime({exitedAt, held}: {exitedAt: number; held: readonly HeldConnection[]}, timeoutMs = TIMEOUT_MS): void {
  expect(held.length, 'the command never reached the server').toBeGreaterThan(0)
  expect(exitedAt - held[0].openedAt).toBeLessThan(timeoutMs + MARGIN_MS)
  for (const connection of held) {
    expect(connection.closedAt, 'a connection was left open').toBeDefined()
    // The server hears the close a moment before the test hears the exit; never after.
    expect(connection.closedAt ?? Infinity).toBeLessThanOrEqual(exitedAt + 50)
  }
}

describe('metrics queues against a server that accepts and never answers', () => {
  it.each<[string, (port: number) => string[]]>([
    ['a Redis server', port => ['--redis', `redis://127.0.0.1:${port}/0`, '--print']],
    ['a Redis server, through oclif (--json)', port => ['--redis', `redis://127.0.0.1:${port}/0`, '--json']],
    ['a Cluster node', port => ['--cluster', `127.0.0.1:${port}`, '--print']],
    ['a Sentinel', port => ['--sentinel', `127.0.0.1:${port}`, '--master', 'mymaster', '--print']],
    ['two Sentinels, both hung', port => ['--sentinel', `127.0.0.1:${port}`, '--sentinel', `127.0.0.1:${port}`, '--master', 'mymaster', '--print']],
  ])('%s: exit 1 within --timeout, every socket closed', async (_, target) => {
    const run = await runAgainstHungServer(['queues', '--queue', 'q', ...target(server.port), '--timeout', '2s'])
    expect(run.result.code).toBe(1)
    expect(run.result.stdout + run.result.stderr).toMatch(/no answer within 2000 ms/)
    expectGaveUpInTime(run)
  })

  it('finds the master through a Sentinel that answers when another one hangs', async () => {
    const sentinel = await startSentinel('deadlinemaster')
    try {
      const started = Date.now()
      const result = await runCli(['queues', '--queue', 'q', '--sentinel', `127.0.0.1:${server.port}`, '--sentinel', `127.0.0.1:${sentinel.sentinelPort}`, '--master', 'deadlinemaster', '--print', '--timeout', '5s'], {cwd: dir, timeoutMs: 20_000})
      expect(result).toMatchObject({code: 0, stderr: ''})
      expect(result.stdout).toContain('queue_length{queue="q"} 0')
      expect(Date.now() - started).toBeLessThan(5000)
    } finally {
      await sentinel.stop()
    }
  })
})

describe('a Pushgateway that accepts and never answers: the push gives up after --timeout', () => {
  let postgres: ScratchDatabase
  beforeAll(async () => {
    postgres = await scratchPostgres()
    await postgres.exec('CREATE TABLE events (created timestamptz)')
    await postgres.exec('INSERT INTO events VALUES (now())')
    writeFileSync(join(dir, 'points.csv'), 'lat,lon\n51.5,-0.12\n48.85,2.35\n')
  })
  afterAll(() => postgres?.drop())

  const gateway = (): string => `http://127.0.0.1:${server.port}`
  it.each<[string, () => string[], number]>([
    ['queues', () => ['queues', '--queue', 'metrics-test:deadlines:none', '--pushgateway', gateway(), '--timeout', '2s'], 2000],
    ['tables', () => ['tables', '--db', postgres.url, '--table', 'events', '--pushgateway', gateway(), '--timeout', '2s'], 2000],
    ['datamaps', () => ['datamaps', '--source', `csv:${join(dir, 'points.csv')}`, '--output', join(dir, 'tiles'), '--max-zoom', '0', '--quiet', '--pushgateway', gateway(), '--timeout', '1s'], 1000],
  ])('%s', async (_, args, timeoutMs) => {
    const run = await runAgainstHungServer(args())
    expect(run.result.code).toBe(1)
    expect(run.result.stderr).toContain(`could not push to Pushgateway at ${gateway()}: no answer within ${timeoutMs / 1000}s (check that the gateway is up and reachable, or raise --timeout)`)
    expectGaveUpInTime(run, timeoutMs)
  })
})

describe('a statsd server over TCP that never completes the connect: given up after --timeout', () => {
  it.each([['queues', ['queues', '--queue', 'metrics-test:deadlines:none']], ['tables', ['tables', '--db', 'DB', '--table', 'events']]])('%s', async (command, args) => {
    const postgres = command === 'tables' ? await scratchPostgres() : undefined
    const listener = await unacceptingPort()
    try {
      await postgres?.exec('CREATE TABLE events (created timestamptz)')
      await postgres?.exec('INSERT INTO events VALUES (now())')
      const started = Date.now()
      const result = await runCli([...args.map(arg => (arg === 'DB' ? (postgres?.url ?? '') : arg)), '--protocol', 'tcp', '--host', '127.0.0.1', '--port', String(listener.port), '--timeout', '1s'], {cwd: dir, timeoutMs: 20_000})
      expect(result.code).toBe(1)
      expect(result.stderr).toContain(`could not send to statsd at tcp://127.0.0.1:${listener.port}: no connection within 1s (is the host reachable?)`)
      // The connect starts once the database or Redis has answered, a moment after start-up.
      expect(Date.now() - started).toBeLessThan(1000 + 1500)
    } finally {
      listener.close()
      await postgres?.drop()
    }
  })
})

describe('metrics queues fails at once on every other failure', () => {
  let protectedServer: RedisServer
  beforeAll(async () => {
    protectedServer = await startRedisServer([], 'requirepass right-password\n')
  })
  afterAll(() => protectedServer?.stop())

  // ioredis's disconnect waited 2 s for the server to close its side: every failure ended 2 s late.
  it.each<[string, () => Promise<string>, RegExp]>([
    ['a refused connection', async () => `redis://127.0.0.1:${await deadTcpPort()}/0`, /connection refused/],
    ['a wrong password', async () => `redis://:wrong-password@127.0.0.1:${protectedServer.port}/0`, /password for the default user was refused/],
    ['no password', async () => protectedServer.url, /requires a password/],
  ])('%s', async (_, url, reason) => {
    const redis = await url()
    const started = Date.now()
    const result = await runCli(['queues', '--queue', 'q', '--redis', redis, '--print'], {cwd: dir, timeoutMs: 20_000})
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(reason)
    expect(Date.now() - started).toBeLessThan(1800)
  })
})
