import {randomBytes} from 'node:crypto'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import fc from 'fast-check'
import type {Redis} from 'ioredis'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startRedisServer, startSentinel, testClient, type RedisServer} from '../redis/support.js'
import {hostilePassword} from '../support/hostile-passwords.js'
import {deadTcpPort} from '../support/listeners.js'
import {runCli, type CliResult} from '../support/run-cli.js'
import {scratchMysql, scratchPostgres, type ScratchDatabase} from '../tables/databases.js'

/**
 * No password given to queues or tables reaches any output: stdout, stderr, --json,
 * the Pushgateway's and the textfile's errors, DEBUG stack traces and the libraries'
 * own debug lines. Passwords are generated to break URLs apart (`# ? / @ : %`,
 * spaces, quotes), and each is a real credential on a real server.
 */
const PASSWORDS = [
  // A base64 password, the example.
  'q8/Zk+Ab3dE9xw==',
  'pa ss#wo?rd/x@y:z%',
  ...fc.sample(hostilePassword(), 3),
]

/** Every form a password could leak in: as it is, percent-encoded as a URL or a form has it, JSON-escaped. */
function leakForms(password: string): string[] {
  const url = new URL('http://host')
  url.password = password
  return [...new Set([password, encodeURIComponent(password), url.password, new URLSearchParams({p: password}).toString().slice(2), JSON.stringify(password).slice(1, -1)])]
}

function expectNoLeak(result: CliResult, password: string): void {
  const output = `${result.stdout}\n${result.stderr}`
  for (const form of leakForms(password)) expect(output, `the password leaked as ${JSON.stringify(form)}`).not.toContain(form)
}

let dir: string
let deadPort: number
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'metrics-secrets-'))
  deadPort = await deadTcpPort()
})
afterAll(() => rmSync(dir, {recursive: true, force: true}))

/** A Pushgateway URL carrying the password, where nothing listens: the push fails and names the gateway. */
const failingGateway = (password: string): string => `http://metrics:${encodeURIComponent(password)}@127.0.0.1:${deadPort}`
const failingTextfile = (): string => join(dir, 'no-such-dir', 'out.prom')

describe('metrics queues never shows a password', () => {
  let server: RedisServer
  let admin: Redis
  beforeAll(async () => {
    server = await startRedisServer()
    admin = testClient(server.url)
    for (const [index, password] of PASSWORDS.entries()) await admin.acl('SETUSER', `user${index}`, 'on', `>${password}`, '~*', '+@all')
    await admin.rpush('jobs', 'a')
  })
  afterAll(async () => {
    admin?.disconnect()
    await server?.stop()
  })

  const redisUrl = (index: number, password: string): string => `redis://user${index}:${encodeURIComponent(password)}@127.0.0.1:${server.port}/0`
  const run = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> => runCli(['queues', '--queue', 'jobs', ...args], {env, cwd: dir, timeoutMs: 20_000})

  it.each(PASSWORDS.map((password, index) => [JSON.stringify(password), index, password] as const))('password %s', async (_, index, password) => {
    const sinks = ['--pushgateway', failingGateway(password), '--textfile', failingTextfile()]
    // A Sentinel password from the config file, and a Sentinel that is not there.
    const config = join(dir, `queues-${index}.json`)
    writeFileSync(config, JSON.stringify({redis: {sentinels: [`127.0.0.1:${deadPort}`], master: 'mymaster', sentinelPassword: password, url: redisUrl(index, password)}}))
    const unescaped = `redis://user${index}:${password}@127.0.0.1:${server.port}/0`
    const [printed, json, fromEnv, wrong, ...others] = await Promise.all([
      // Read, printed, then a failing Pushgateway and textfile; with ioredis's debug lines and our stack traces.
      run(['--redis', redisUrl(index, password), '--print', ...sinks], {DEBUG: '*'}),
      run(['--redis', redisUrl(index, password), '--json', ...sinks]),
      run(['--json'], {REDIS_URL: redisUrl(index, password)}),
      run(['--redis', redisUrl(index, `${password}-wrong`), '--print'], {DEBUG: '1'}),
      // As a user types it, unescaped: whether it parses or not, it is never shown.
      run(['--redis', unescaped, '--print'], {DEBUG: '1'}),
      run(['--redis', unescaped, '--json']),
      run(['--config', config, '--print'], {DEBUG: '1'}),
      run(['--config', config, '--json']),
    ])
    expect(printed.stdout).toContain('queue_length{queue="jobs"} 1')
    expect(printed.stderr).toMatch(/could not push to Pushgateway at http:\/\/metrics:\*\*\*@127\.0\.0\.1/)
    expect(printed.stderr).toMatch(/could not write textfile/)
    expect(printed.stderr).toMatch(/ioredis:redis write command/)
    expect(JSON.parse(json.stdout)).toMatchObject({error: {message: expect.stringMatching(/could not (push|write)/)}})
    expect(JSON.parse(fromEnv.stdout)).toMatchObject({redis: `redis://user${index}:***@127.0.0.1:${server.port}/0`})
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toMatch(/refused/)
    expect(others.slice(-2).map(result => result.code)).toEqual([1, 1])
    for (const result of [printed, json, fromEnv, wrong, ...others]) expectNoLeak(result, password)
  })

  it('never shows the password a Sentinel requires, right or wrong', async () => {
    const password = PASSWORDS[1]
    const sentinel = await startSentinel('secretmaster', password, password)
    try {
      const config = (sentinelPassword: string): string => {
        const path = join(dir, `sentinel-${randomBytes(4).toString('hex')}.json`)
        writeFileSync(path, JSON.stringify({redis: {sentinels: [`127.0.0.1:${sentinel.sentinelPort}`], master: 'secretmaster', sentinelPassword, url: `redis://:${encodeURIComponent(password)}@ignored/0`}}))
        return path
      }
      const right = await run(['--config', config(password), '--print'], {DEBUG: '*'})
      expect(right.stdout).toContain('queue_length{queue="jobs"} 0')
      expectNoLeak(right, password)
      const wrong = await run(['--config', config(`${password}-wrong`), '--print'], {DEBUG: '*'})
      expect(wrong.code).toBe(1)
      expectNoLeak(wrong, password)
    } finally {
      await sentinel.stop()
    }
  })
})

describe('metrics tables never shows a password', () => {
  let mysql: ScratchDatabase
  let postgres: ScratchDatabase
  beforeAll(async () => {
    ;[mysql, postgres] = await Promise.all([scratchMysql(), scratchPostgres()])
    await mysql.exec('CREATE TABLE events (created DATETIME)')
    await mysql.exec('INSERT INTO events VALUES (UTC_TIMESTAMP())')
    await postgres.exec('CREATE TABLE events (created timestamptz)')
    await postgres.exec('INSERT INTO events VALUES (now())')
  })
  afterAll(async () => {
    await Promise.all([mysql?.drop(), postgres?.drop()])
  })

  const run = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> => runCli(['tables', '--table', 'events', ...args], {env, cwd: dir, timeoutMs: 20_000})

  it.each(PASSWORDS.map((password, index) => [JSON.stringify(password), index, password] as const))('password %s', async (_, index, password) => {
    const user = `metrics_secret_${randomBytes(3).toString('hex')}_${index}`
    const mysqlUrl = await mysql.userWithPassword(user, password)
    const postgresUrl = await postgres.userWithPassword(user, password)
    const sinks = ['--pushgateway', failingGateway(password), '--textfile', failingTextfile()]

    const wrongUrl = mysqlUrl.replace(encodeURIComponent(password), encodeURIComponent(`${password}-wrong`))
    // As typed, unescaped, with and without a scheme.
    const unescaped = [`mysql://${user}:${password}@127.0.0.1:3306/${mysql.name}`, `${user}:${password}@127.0.0.1`, `postgres://127.0.0.1/${postgres.name}?password=${password}`]
    const perDatabase = (url: string): Array<Promise<CliResult>> => [
      run(['--db', url, '--print', ...sinks], {DEBUG: '*'}),
      run(['--db', url, '--json', ...sinks]),
      run(['--json'], {DATABASE_URL: url}),
      run(['--db', `${url}?sslpassword=${encodeURIComponent(password)}`, '--print'], {DEBUG: '1'}),
    ]
    const [mysqlRuns, postgresRuns, [wrong], raw] = await Promise.all([
      Promise.all(perDatabase(mysqlUrl)),
      Promise.all(perDatabase(postgresUrl)),
      // MariaDB checks passwords (PostgreSQL here trusts every login).
      Promise.all([run(['--db', wrongUrl, '--print'], {DEBUG: '1'})]),
      Promise.all(unescaped.flatMap(url => [run(['--db', url, '--print'], {DEBUG: '1'}), run(['--db', url, '--json'])])),
    ])
    for (const [printed, json, fromEnv, withParameter] of [mysqlRuns, postgresRuns]) {
      expect(printed.stdout).toMatch(/^events_last_timestamp_seconds /m)
      expect(printed.stderr).toMatch(/could not push to Pushgateway at http:\/\/metrics:\*\*\*@127\.0\.0\.1/)
      expect(printed.stderr).toMatch(/could not write textfile/)
      expect(JSON.parse(json.stdout)).toMatchObject({error: {message: expect.stringMatching(/could not (push|write)/)}})
      expect(JSON.parse(fromEnv.stdout)).toMatchObject({rounds: 1})
      expect(withParameter.code).toBe(2)
    }
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toMatch(/cannot log in/)
    for (const result of [...mysqlRuns, ...postgresRuns, wrong, ...raw]) expectNoLeak(result, password)
  })
})
