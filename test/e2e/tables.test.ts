import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startPushgateway} from '../emit/pushgateway.js'
import {deadTcpPort, udpListener, type Listener} from '../support/listeners.js'
import {runCli, type CliResult} from '../support/run-cli.js'
import {scratchMysql, scratchPostgres, type ScratchDatabase} from '../tables/databases.js'

/**
 * `metrics tables` as cron runs it: the built CLI against the real MariaDB and
 * PostgreSQL of this machine, with a real statsd listener and a real Pushgateway.
 */
const HOUR = 3_600_000
/** Slack for the time between inserting a row and the CLI reading it on a busy machine. */
const SLACK = 60_000

let mysql: ScratchDatabase
let postgres: ScratchDatabase
let statsd: Listener
let dir: string

beforeAll(async () => {
  ;[mysql, postgres, statsd] = await Promise.all([scratchMysql(), scratchPostgres(), udpListener()])
  dir = mkdtempSync(join(tmpdir(), 'metrics-tables-e2e-'))
  // Ichnaea's OCID shards: DATETIME created, the newest row an hour old, in the wcdma shard.
  for (const [shard, hoursOld] of [['gsm', 5], ['wcdma', 1], ['lte', 3]] as const) {
    await mysql.exec(`CREATE TABLE cell_${shard}_ocid (id INT PRIMARY KEY, created DATETIME, KEY (created))`)
    await mysql.exec(`INSERT INTO cell_${shard}_ocid VALUES (1, UTC_TIMESTAMP() - INTERVAL 30 DAY), (2, UTC_TIMESTAMP() - INTERVAL ${hoursOld} HOUR)`)
  }
  await mysql.exec('CREATE TABLE api_key (modified TIMESTAMP NULL)')
  await mysql.exec("SET time_zone = '+09:00'")
  await mysql.exec('INSERT INTO api_key VALUES (NOW() - INTERVAL 2 HOUR)')
  await postgres.exec("CREATE TABLE imports (loaded_at timestamptz, local_at timestamp)")
  await postgres.exec("SET TIME ZONE 'Asia/Tokyo'")
  await postgres.exec("INSERT INTO imports VALUES (now() - interval '4 hours', localtimestamp - interval '4 hours')")
  await postgres.exec('CREATE TABLE empty_t (created date)')
})

afterAll(async () => {
  await Promise.all([mysql?.drop(), postgres?.drop(), statsd?.close()])
  rmSync(dir, {recursive: true, force: true})
})

const statsdFlags = (): string[] => ['--port', String(statsd.port)]

/** Runs the CLI and returns what it sent to statsd, in order. */
async function sent(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{result: CliResult; lines: string[]}> {
  const before = statsd.lines().length
  const result = await runCli(['tables', ...args], {env, cwd: dir, timeoutMs: 30_000})
  await new Promise(resolve => setTimeout(resolve, 50))
  return {result, lines: statsd.lines().slice(before)}
}

function ageIn(line: string, pattern: RegExp): number {
  const match = pattern.exec(line)
  if (!match) throw new Error(`${JSON.stringify(line)} does not match ${pattern}`)
  return Number(match[1])
}

describe('metrics tables', () => {
  it('sends Ichnaea\'s cell_ocid_age gauge: the max over the three OCID shards, in ms', async () => {
    const {result, lines} = await sent(['--db', mysql.url, '--table', 'cell_gsm_ocid', '--table', 'cell_wcdma_ocid', '--table', 'cell_lte_ocid', '--as', 'cell_ocid_age', ...statsdFlags()])
    expect(result).toMatchObject({code: 0, stdout: '', stderr: ''})
    expect(lines).toHaveLength(1)
    const age = ageIn(lines[0], /^table:(\d+)\|g\|#table:cell_ocid_age$/)
    expect(age).toBeGreaterThanOrEqual(HOUR)
    expect(age).toBeLessThan(HOUR + SLACK)
  })

  it.each([
    ['flat', ['--prefix', 'location'], /^location\.table\.table_cell_ocid_age:(\d+)\|g$/],
    ['influx', [], /^table,table=cell_ocid_age:(\d+)\|g$/],
    ['graphite', [], /^table;table=cell_ocid_age:(\d+)\|g$/],
    ['none', [], /^table:(\d+)\|g$/],
  ])('speaks the %s tag style', async (style, extra, pattern) => {
    const {result, lines} = await sent(['--db', mysql.url, '--table', 'cell_gsm_ocid', '--table', 'cell_wcdma_ocid', '--as', 'cell_ocid_age', '--tag-style', style, ...extra, ...statsdFlags()])
    expect(result.code).toBe(0)
    expect(ageIn(lines[0], pattern)).toBeGreaterThanOrEqual(HOUR)
  })

  it('reads several databases from the config file, TIMESTAMP and timestamptz written in other zones included', async () => {
    const config = join(dir, 'several.yaml')
    writeFileSync(config, [
      'tables:',
      '  databases:',
      `    - url: ${mysql.url}`,
      '      groups:',
      '        - {name: cell_ocid_age, tables: [cell_gsm_ocid, cell_wcdma_ocid, cell_lte_ocid], column: created}',
      '        - api_key:modified',
      '    - url_env: ETL_DATABASE_URL',
      '      timezone: Asia/Tokyo',
      '      groups: [imports:loaded_at, {name: imports_local, table: imports, column: local_at}, empty_t]',
    ].join('\n'))
    const {result, lines} = await sent(['--config', config, ...statsdFlags()], {ETL_DATABASE_URL: postgres.url})
    expect(result).toMatchObject({code: 0, stderr: ''})
    const ages = Object.fromEntries(lines.filter(line => !line.startsWith('table:0|')).map(line => {
      const [, value, name] = /^table:(-?\d+)\|g\|#table:(\w+)$/.exec(line) ?? []
      return [name, Number(value)]
    }))
    expect(Object.keys(ages)).toEqual(['cell_ocid_age', 'api_key', 'imports', 'imports_local', 'empty_t'])
    for (const [name, hours] of [['cell_ocid_age', 1], ['api_key', 2], ['imports', 4], ['imports_local', 4]] as const) {
      expect(ages[name], name).toBeGreaterThanOrEqual(hours * HOUR)
      expect(ages[name], name).toBeLessThan(hours * HOUR + SLACK)
    }
    expect(ages.empty_t).toBe(-1)
  })

  it('gives the same ages whatever the time zone of the cron host', async () => {
    const args = ['--db', mysql.url, '--table', 'cell_wcdma_ocid', '--table', 'api_key:modified', '--json', ...statsdFlags()]
    const runs = await Promise.all(['UTC', 'America/New_York', 'Asia/Kolkata'].map(tz => runCli(['tables', ...args], {env: {TZ: tz}, cwd: dir})))
    const newest = runs.map(run => JSON.parse(run.stdout).readings.map((reading: {newestMs: number}) => reading.newestMs))
    expect(newest[1]).toEqual(newest[0])
    expect(newest[2]).toEqual(newest[0])
  })

  it('prints the Prometheus timestamps with --print, and sends nothing to statsd then', async () => {
    const {result, lines} = await sent(['--db', postgres.url, '--table', 'imports:loaded_at', '--table', 'empty_t', '--print', ...statsdFlags()])
    expect(result.code).toBe(0)
    expect(lines).toEqual([])
    expect(result.stdout).toMatch(/^# HELP imports_last_timestamp_seconds Unix time of the newest row of imports:loaded_at; 0 when there are none\. Alert on time\(\) minus this\.\n# TYPE imports_last_timestamp_seconds gauge\nimports_last_timestamp_seconds \d+(\.\d+)?\n/)
    expect(result.stdout).toContain('\nempty_t_last_timestamp_seconds 0\n')
    const timestamp = Number(/^imports_last_timestamp_seconds (\S+)$/m.exec(result.stdout)?.[1])
    expect(Date.now() / 1000 - timestamp).toBeGreaterThanOrEqual(4 * 3600)
    expect(Date.now() / 1000 - timestamp).toBeLessThan(4 * 3600 + 60)
  })

  it('writes a node_exporter textfile and pushes to a real Pushgateway, as well as to statsd with --statsd', async () => {
    const gateway = await startPushgateway()
    try {
      const textfile = join(dir, 'tables.prom')
      const {result, lines} = await sent(['--db', mysql.url, '--table', 'cell_gsm_ocid', '--table', 'cell_lte_ocid', '--as', 'cell_ocid_age', '--textfile', textfile, '--pushgateway', gateway.url, '--grouping', 'instance=cron1', '--statsd', ...statsdFlags()])
      expect(result).toMatchObject({code: 0, stderr: ''})
      expect(lines).toHaveLength(1)
      expect(readFileSync(textfile, 'utf8')).toMatch(/^cell_ocid_age_last_timestamp_seconds \d+$/m)
      expect(await gateway.metrics()).toMatch(/^cell_ocid_age_last_timestamp_seconds\{instance="cron1",job="metrics_tables"\} \d\.\d+e\+09$/m)

      // A gauge that cannot be read on a later run keeps its timestamp in the gateway, so that `time() - x` grows and alerts.
      const args = ['--db', mysql.url, '--pushgateway', gateway.url, '--table', 'cell_gsm_ocid']
      expect((await runCli(['tables', ...args, '--table', 'cell_lte_ocid'], {cwd: dir})).code).toBe(0)
      const failed = await runCli(['tables', ...args, '--table', 'cell_lte_ocid:no_such_column'], {cwd: dir})
      expect(failed.code).toBe(1)
      const pushed = await gateway.metrics()
      expect(pushed).toMatch(/^cell_gsm_ocid_last_timestamp_seconds\{instance="",job="metrics_tables"\} /m)
      expect(pushed).toMatch(/^cell_lte_ocid_last_timestamp_seconds\{instance="",job="metrics_tables"\} /m)
    } finally {
      await gateway.stop()
    }
  })

  it('names a missing table and a missing column on one line each, sends the rest and exits 1', async () => {
    const {result, lines} = await sent(['--db', mysql.url, '--table', 'cell_gsm_ocid', '--table', 'no_such_table', '--table', 'cell_lte_ocid:no_such_column', ...statsdFlags()])
    expect(result.code).toBe(1)
    expect(result.stderr).toBe([
      `Error: ${mysql.url}: table no_such_table does not exist (check the table name, and the database in the URL)`,
      `Error: ${mysql.url}: table cell_lte_ocid has no column no_such_column (name the column with --table TABLE:COLUMN)`,
      '',
    ].join('\n'))
    expect(lines).toEqual([expect.stringMatching(/^table:\d+\|g\|#table:cell_gsm_ocid$/)])
  })

  it('reports a naive column written in local time as a value in the future, sends age 0 and exits 1', async () => {
    const {result, lines} = await sent(['--db', postgres.url, '--table', 'imports:local_at', ...statsdFlags()])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(new RegExp(`^Error: ${postgres.url}: table imports: max\\(local_at\\) \\S+ \\S+ is 4h5\\dm in the future \\(a timestamp without time zone column is read as UTC time; give --timezone if it holds local time\\)\\n$`))
    expect(lines).toEqual(['table:0|g|#table:imports'])
    const fixed = await sent(['--db', postgres.url, '--table', 'imports:local_at', '--timezone', 'Asia/Tokyo', ...statsdFlags()])
    expect(fixed.result).toMatchObject({code: 0, stderr: ''})
    expect(ageIn(fixed.lines[0], /^table:(\d+)\|g\|#table:imports$/)).toBeGreaterThanOrEqual(4 * HOUR)
  })

  it('names a wrong password without showing it, and still reads the other database', async () => {
    const url = await mysql.userWithPassword(`${mysql.name}_u`, 'right-password')
    const wrong = url.replace('right-password', 'wrong-password')
    const config = join(dir, 'wrong-password.yaml')
    writeFileSync(config, `tables:\n  databases:\n    - {url: "${wrong}", groups: [cell_gsm_ocid]}\n    - {url: "${postgres.url}", groups: ["imports:loaded_at"]}\n`)
    const {result, lines} = await sent(['--config', config, ...statsdFlags()])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(new RegExp(`^Error: mysql://${mysql.name}_u:\\*\\*\\*@127\\.0\\.0\\.1:3306/${mysql.name}: cannot log in: Access denied for user .*\\(check the user name and password\\)\\n$`))
    expect(result.stderr + result.stdout).not.toContain('wrong-password')
    expect(lines).toEqual([expect.stringMatching(/^table:\d+\|g\|#table:imports$/)])
  })

  it.each([
    ['mysql', 3306],
    ['postgres', 5432],
  ])('names a %s server that is not there, and exits 1', async scheme => {
    const port = await deadTcpPort()
    const result = await runCli(['tables', '--db', `${scheme}://u:secret@127.0.0.1:${port}/x`, '--table', 't', ...statsdFlags()], {cwd: dir})
    expect(result).toMatchObject({code: 1, stdout: ''})
    expect(result.stderr).toBe(`Error: ${scheme}://u:***@127.0.0.1:${port}/x: cannot connect: connection refused (is the server running and listening on that port?)\n`)
  })

  it('loops with --interval, sending every round', async () => {
    const {result, lines} = await sent(['--db', mysql.url, '--table', 'cell_wcdma_ocid', '--interval', '100ms', '--count', '3', ...statsdFlags()])
    expect(result.code).toBe(0)
    expect(lines).toHaveLength(3)
  })

  it.each([
    [['--table', 'x;drop table y'], 'Error: --table: "x;drop table y" is not a valid table name (use letters, digits, _, $ and -, at most 63 bytes)\n'],
    [['--table', 't', '--as', 'bad name'], 'Error: --as: "bad name" is not a valid gauge name (use letters, digits and _, not starting with a digit)\n'],
    [['--table', 't', '--timezone', 'Mars/Olympus'], 'Error: --timezone: unknown time zone "Mars/Olympus" (use UTC, an offset such as +05:30, or an IANA name such as Europe/Berlin)\n'],
    [[], 'Error: nothing to read (give --table NAME[:COLUMN], or list groups under tables: in the config file)\n'],
  ])('refuses %j with exit 2', async (args, stderr) => {
    const result = await runCli(['tables', '--db', mysql.url, ...args], {cwd: dir})
    expect(result).toMatchObject({code: 2, stdout: '', stderr})
  })
})
