/**
 * Every exit code the README documents, produced for real by the built CLI: one row per
 * documented case, each quoting the README words it checks (the quote must be in
 * README.md, so the table and the README change together). And each command's --help
 * names the same exit codes as its README paragraph.
 */
import {spawn} from 'node:child_process'
import {closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import net from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {Redis} from 'ioredis'
import pg from 'pg'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {encodeHeader, encodePacket} from '../../src/capture/format.js'
import {deleteKeys, testClient, uniquePrefix} from '../redis/support.js'
import {deadTcpPort, udpListener, unansweringServer, type Listener} from '../support/listeners.js'
import {CLI, runCli, type CliResult} from '../support/run-cli.js'
import {scratchPostgres, type ScratchDatabase} from '../tables/databases.js'

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const SAMPLE_CSV = new URL('../../examples/datamaps/sample.csv', import.meta.url).pathname
const flat = (text: string): string => text.replace(/\s+/g, ' ')

interface Row {
  readonly command: string
  /** The README's words for this case, quoted exactly (line breaks aside). */
  readonly readme: string
  readonly code: 0 | 1 | 2
  readonly args: () => string[]
  readonly stdin?: string
  readonly env?: NodeJS.ProcessEnv
  /** Pins the message too, where the row is about one. */
  readonly stderr?: () => RegExp
  /** Sends SIGINT this long after the start, as Ctrl-C does. */
  /** Send SIGINT once this holds (checked every 20 ms, given what the command printed on stderr so far): a fixed delay would race its start on a busy machine. */
  readonly interruptWhen?: (stderr: string) => boolean
  /** Where stdout goes, instead of a pipe the test reads. */
  readonly stdoutTo?: string
  /** Runs around the command: sets up and tears down what only this row needs. */
  readonly around?: (run: () => Promise<CliResult>) => Promise<CliResult>
}

const dir = mkdtempSync(join(tmpdir(), 'metrics-exit-codes-'))
const prefix = uniquePrefix('exit-codes')
const file = (name: string, text: string | Buffer = ''): string => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}
let statsd: Listener
let deadPort: number
let hungPort: number
let redis: Redis
let postgres: ScratchDatabase

beforeAll(async () => {
  statsd = await udpListener()
  deadPort = await deadTcpPort()
  redis = testClient()
  await redis.rpush(`${prefix}list`, 'a', 'b')
  await redis.set(`${prefix}string`, 'not a queue')
  postgres = await scratchPostgres()
  await postgres.exec('CREATE TABLE fresh (created timestamptz)')
  await postgres.exec("INSERT INTO fresh VALUES (now() - interval '1 minute')")
  await postgres.exec('CREATE TABLE future (created timestamptz)')
  await postgres.exec("INSERT INTO future VALUES (now() + interval '1 day')")
  await postgres.exec('CREATE TABLE locked (created timestamptz)')
  file('clean.yml', 'mappings:\n- match: "a.b.*"\n  name: "a_b_total"\n  labels:\n    proc: "$1"\n')
  file('warning.yml', 'mappings:\n- match: "a.b.*"\n  name: "api_latency_ms"\n  labels:\n    proc: "$1"\n')
  file('error.yml', 'mappings:\n- match: "a.b.*"\n  name: "bad-name"\n')
  file('legacy.conf', 'a.b.*\nname="a_b_total"\n')
  file('not-legacy.conf', 'a.b.*\nname="a_b_total"\n!!! not a legacy line\n')
  file('binary.conf', Buffer.from([0x61, 0x2e, 0x62, 0x00, 0xff, 0xfe, 0x0a]))
  file('refused.conf', 'a.b.*\nname="bad-name"\n')
  file('lines.txt', 'a:1|c\n')
  file('capture.jsonl', encodeHeader(new Date(0), 'udp://127.0.0.1:8125') + encodePacket(0, Buffer.from('a:1|c')))
  file('bad-capture.jsonl', encodeHeader(new Date(0), 'udp://127.0.0.1:8125') + '{"t":0}\n')
  file('bad-config.yaml', 'statsd:\n  port: many\n')
  file('typo-config.yaml', 'queue:\n  queues: [q]\n')
  file('no-points.csv', 'lat,lon\n')
  file('a-file')
  // A directory where tile 0/0/0.png must go: that one tile cannot be written.
  mkdirSync(join(dir, 'blocked-tiles/0/0/0.png'), {recursive: true})
})

afterAll(async () => {
  await statsd?.close()
  await deleteKeys(redis, prefix)
  redis?.disconnect()
  await postgres?.drop()
  rmSync(dir, {recursive: true, force: true})
})

const toStatsd = (): string[] => ['--port', String(statsd.port)]

/** A port something listens on, for as long as `run` takes. */
async function withBusyPort(run: (port: number) => Promise<CliResult>): Promise<CliResult> {
  const busy = net.createServer()
  await new Promise<void>(resolve => busy.listen(0, '127.0.0.1', resolve))
  try {
    return await run((busy.address() as net.AddressInfo).port)
  } finally {
    await new Promise(resolve => busy.close(resolve))
  }
}

let busyPort = 0

const ROWS: Row[] = [
  // The top-level table.
  {command: 'send', readme: '| 0 | success |', code: 0, args: () => ['send', 'incr', 'exit.codes', ...toStatsd()]},
  {command: 'send', readme: 'a bad flag or value', code: 2, args: () => ['send', 'incr', 'x', '--no-such-flag']},
  {command: 'send', readme: 'an unreadable file', code: 2, args: () => ['send', 'incr', 'x', '--config', join(dir, 'missing.yaml')]},

  // metrics send
  {command: 'send', readme: 'Exit codes: **0** sent', code: 0, args: () => ['send', 'gauge', 'exit.codes', '3', '--dry-run']},
  {
    command: 'send',
    readme: '**1** a transport error',
    code: 1,
    args: () => ['send', 'incr', 'x', '--protocol', 'tcp', '--port', String(deadPort)],
    stderr: () => new RegExp(`^Error: could not send to statsd at tcp://127\\.0\\.0\\.1:${deadPort}: connection refused \\(is a statsd server listening there\\?\\)\\n$`),
  },
  {command: 'send', readme: 'a missing unixgram socket gives one line on stderr and exit 1', code: 1, args: () => ['send', 'incr', 'x', '--socket', join(dir, 'missing.sock')]},
  {command: 'send', readme: 'or invalid stdin lines (the valid ones are sent)', code: 1, args: () => ['send', '-', ...toStatsd()], stdin: 'incr good\nnot-a-type x\n'},
  {command: 'send', readme: 'An empty stdin (a `grep` that matched nothing) is no error', code: 0, args: () => ['send', '-', ...toStatsd()], stdin: ''},
  {command: 'send', readme: '**2** bad arguments or flags', code: 2, args: () => ['send', 'incr']},
  {command: 'send', readme: '`abc`, `0x10` or `1o` are refused (exit 2)', code: 2, args: () => ['send', 'gauge', 'x', '0x10', '--dry-run']},
  {command: 'send', readme: 'an unreadable config file', code: 2, args: () => ['send', 'incr', 'x', '--config', join(dir, 'bad-config.yaml')]},
  {command: 'send', readme: 'a `--replay` file that cannot be read', code: 2, args: () => ['send', '--replay', join(dir, 'missing.jsonl')]},
  {
    command: 'send',
    readme: 'has a line that is not a packet',
    code: 2,
    args: () => ['send', '--replay', join(dir, 'bad-capture.jsonl'), ...toStatsd()],
    stderr: () => new RegExp(`^Error: ${join(dir, 'bad-capture.jsonl')}:2: the packet has neither "data" nor "base64"`),
  },
  {command: 'send', readme: 'metrics send --replay checkout.jsonl --speed max --dry-run', code: 0, args: () => ['send', '--replay', join(dir, 'capture.jsonl'), '--speed', 'max', '--dry-run']},

  // metrics tail
  {command: 'tail', readme: 'Exit codes: **0** stopped as asked', code: 0, args: () => ['tail', '--input', join(dir, 'lines.txt')]},
  {command: 'tail', readme: 'Exit codes: **0** stopped as asked', code: 0, args: () => ['tail', '--port', '0', '--quiet'], interruptWhen: stderr => stderr.includes('listening on')},
  {
    command: 'tail',
    readme: '**1** could not listen or serve (the address is in use)',
    code: 1,
    args: () => ['tail', '--tcp', '--port', String(busyPort)],
    around: run => withBusyPort(port => ((busyPort = port), run())),
  },
  {
    command: 'tail',
    readme: '**1** could not listen or serve (the address is in use)',
    code: 1,
    args: () => ['tail', '--port', '0', '--expose', String(busyPort)],
    around: run => withBusyPort(port => ((busyPort = port), run())),
  },
  {
    command: 'tail',
    readme: 'writing `--capture` failed while running (a full disk)',
    code: 1,
    args: () => ['tail', '--input', join(dir, 'lines.txt'), '--capture', '/dev/full', '--quiet'],
    stderr: () => /^Error: --capture: writing \/dev\/full failed: no space left on the device\n$/,
  },
  {
    command: 'tail',
    readme: 'or stdout could not be written (a full disk)',
    code: 1,
    args: () => ['tail', '--input', join(dir, 'lines.txt')],
    stdoutTo: '/dev/full',
    stderr: () => /\nError: cannot write to stdout: no space left on the device\n$/,
  },
  {command: 'tail', readme: '**2** bad flags', code: 2, args: () => ['tail', '--format', 'fancy']},
  {command: 'tail', readme: 'an unreadable `--input`', code: 2, args: () => ['tail', '--input', join(dir, 'missing.txt')]},
  {
    command: 'tail',
    readme: 'a `--capture` path that cannot be written (checked before tail listens, as `--input` is)',
    code: 2,
    args: () => ['tail', '--port', '0', '--capture', join(dir, 'a-file', 'capture.jsonl')],
    stderr: () => /^Error: --capture: cannot write .*: a part of the path is not a directory/,
  },
  {command: 'tail', readme: 'an existing `--socket` path', code: 2, args: () => ['tail', '--socket', join(dir, 'a-file')]},
  {command: 'tail', readme: 'or a `--mapping` that does not load', code: 2, args: () => ['tail', '--port', '0', '--mapping', join(dir, 'error.yml')]},

  // metrics lint
  {command: 'lint', readme: 'Exit codes: **0** no errors (warnings allowed)', code: 0, args: () => ['lint', join(dir, 'clean.yml')]},
  {command: 'lint', readme: 'Exit codes: **0** no errors (warnings allowed)', code: 0, args: () => ['lint', join(dir, 'warning.yml')]},
  {command: 'lint', readme: '**1** errors', code: 1, args: () => ['lint', join(dir, 'error.yml')]},
  {command: 'lint', readme: 'or more warnings than `--max-warnings`', code: 1, args: () => ['lint', join(dir, 'warning.yml'), '--max-warnings', '0']},
  {command: 'lint', readme: '**2** could not run (unreadable file, bad flag', code: 2, args: () => ['lint', join(dir, 'missing.yml')]},
  {command: 'lint', readme: '**2** could not run (unreadable file, bad flag', code: 2, args: () => ['lint', join(dir, 'clean.yml'), '--format', 'fancy']},
  {command: 'lint', readme: 'a metrics config file (`--config`) that does not load', code: 2, args: () => ['lint', join(dir, 'clean.yml'), '--config', join(dir, 'typo-config.yaml')]},
  {command: 'lint', readme: 'a metrics config file (`--config`) that does not load', code: 2, args: () => ['lint', join(dir, 'clean.yml')], env: {METRICS_CONFIG: join(dir, 'typo-config.yaml')}},

  // metrics map
  {command: 'map', readme: 'Exit codes: **0** mapped, whatever each name becomes', code: 0, args: () => ['map', '-c', join(dir, 'clean.yml'), 'a.b.c', 'unmapped.name']},
  {command: 'map', readme: 'does not load stops the command with its first error and exit 2', code: 2, args: () => ['map', '-c', join(dir, 'error.yml'), 'a.b.c']},
  {command: 'map', readme: '**2** the config does not load, no names were given, or a bad flag', code: 2, args: () => ['map', '-c', join(dir, 'clean.yml'), 'a.b.c', '--type', 'fancy']},
  {command: 'map', readme: 'No names at all (an empty stdin, a pipe that produced nothing) is an error', code: 2, args: () => ['map', '-c', join(dir, 'clean.yml')], stdin: ''},

  // metrics convert
  {command: 'convert', readme: 'Exit codes: **0** converted', code: 0, args: () => ['convert', join(dir, 'legacy.conf')]},
  {command: 'convert', readme: 'lines that are not legacy syntax (nothing is written either way)', code: 1, args: () => ['convert', join(dir, 'not-legacy.conf')]},
  {command: 'convert', readme: '**1** the file is refused', code: 1, args: () => ['convert', join(dir, 'binary.conf')]},
  {command: 'convert', readme: 'or statsd_exporter would refuse the result (it is still written)', code: 1, args: () => ['convert', join(dir, 'refused.conf')]},
  {command: 'convert', readme: '**2** unreadable file', code: 2, args: () => ['convert', join(dir, 'missing.conf')]},
  {command: 'convert', readme: 'the file is YAML already', code: 2, args: () => ['convert', join(dir, 'clean.yml')]},
  {command: 'convert', readme: 'or the metrics config file (`--config`) does not load', code: 2, args: () => ['convert', join(dir, 'legacy.conf'), '--config', join(dir, 'typo-config.yaml')]},

  // metrics queues
  {command: 'queues', readme: 'Exit codes: 0 every gauge read and sent', code: 0, args: () => ['queues', '--queue', `${prefix}list`, ...toStatsd()]},
  {command: 'queues', readme: 'matches no key is a typo or a queue gone', code: 0, args: () => ['queues', '--pattern', `${prefix}nothing-*`, ...toStatsd()]},
  {
    command: 'queues',
    readme: '1 Redis failed (nothing sent)',
    code: 1,
    args: () => ['queues', '--queue', 'q', '--redis', `redis://127.0.0.1:${deadPort}`, ...toStatsd()],
    stderr: () => new RegExp(`^Error: Redis at redis://127\\.0\\.0\\.1:${deadPort}: connection refused \\(is Redis running and listening there\\?\\)\\n$`),
  },
  {
    command: 'queues',
    readme: 'A server that accepts and never answers is given up after it: every socket is closed and the run exits 1',
    code: 1,
    args: () => ['queues', '--queue', 'q', '--sentinel', `127.0.0.1:${hungPort}`, '--master', 'mymaster', '--timeout', '1s', ...toStatsd()],
    stderr: () => new RegExp(`^Error: Redis at master "mymaster" via sentinel 127\\.0\\.0\\.1:${hungPort}: no answer within 1000 ms`),
    around: async run => {
      const hung = await unansweringServer()
      hungPort = hung.port
      try {
        return await run()
      } finally {
        await hung.close()
      }
    },
  },
  {command: 'queues', readme: 'a key could not be read (the rest sent)', code: 1, args: () => ['queues', '--queue', `${prefix}list`, '--queue', `${prefix}string`, ...toStatsd()]},
  {command: 'queues', readme: 'or a sink failed', code: 1, args: () => ['queues', '--queue', `${prefix}list`, '--textfile', join(dir, 'missing-dir', 'queues.prom')]},
  {command: 'queues', readme: '2 bad flags or config', code: 2, args: () => ['queues', '--queue', 'q', '--timeout', 'soon']},
  {command: 'queues', readme: '2 bad flags or config', code: 2, args: () => ['queues', '--queue', 'q', '--config', join(dir, 'bad-config.yaml')]},
  {
    command: 'queues',
    readme: '`--job` and `--grouping` without a Pushgateway',
    code: 2,
    args: () => ['queues', '--queue', 'q', '--grouping', 'instance=cron1'],
    stderr: () => /^Error: --grouping applies only when pushing to a Pushgateway/,
  },
  {
    command: 'queues',
    readme: 'a grouping label that is not a label name',
    code: 2,
    args: () => ['queues', '--queue', 'q', '--pushgateway', `http://127.0.0.1:${deadPort}`, '--grouping', '1nstance=cron1'],
    stderr: () => /^Error: --grouping: invalid label name "1nstance"/,
  },

  // metrics tables
  {command: 'tables', readme: 'Exit codes: 0 every gauge read and sent', code: 0, args: () => ['tables', '--db', postgres.url, '--table', 'fresh', ...toStatsd()]},
  {command: 'tables', readme: '1 a database could not be reached', code: 1, args: () => ['tables', '--db', `postgres://metrics@127.0.0.1:${deadPort}/test`, '--table', 'fresh', ...toStatsd()]},
  {command: 'tables', readme: 'or logged into', code: 1, args: () => ['tables', '--db', 'mysql://no_such_metrics_user@127.0.0.1:3306/test', '--table', 'fresh', ...toStatsd()], stderr: () => /cannot log in/},
  {command: 'tables', readme: 'a table or column is missing', code: 1, args: () => ['tables', '--db', postgres.url, '--table', 'no_such_table', ...toStatsd()]},
  {command: 'tables', readme: 'a table or column is missing', code: 1, args: () => ['tables', '--db', postgres.url, '--table', 'fresh:no_such_column', ...toStatsd()]},
  {
    command: 'tables',
    readme: 'a query timed out',
    code: 1,
    args: () => ['tables', '--db', postgres.url, '--table', 'locked', '--timeout', '1s', ...toStatsd()],
    stderr: () => /table locked: no answer within 1s/,
    around: async run => {
      // Another session holds the table: the command's SELECT waits until its statement timeout.
      const holder = new pg.Client({connectionString: postgres.url})
      await holder.connect()
      try {
        await holder.query('BEGIN')
        await holder.query('LOCK TABLE locked IN ACCESS EXCLUSIVE MODE')
        return await run()
      } finally {
        await holder.query('ROLLBACK').catch(() => undefined)
        await holder.end()
      }
    },
  },
  {command: 'tables', readme: 'a value is in the future', code: 1, args: () => ['tables', '--db', postgres.url, '--table', 'future', ...toStatsd()]},
  {command: 'tables', readme: 'or a sink failed', code: 1, args: () => ['tables', '--db', postgres.url, '--table', 'fresh', '--pushgateway', `http://127.0.0.1:${deadPort}`]},
  {command: 'tables', readme: '2 bad flags, URL', code: 2, args: () => ['tables', '--db', 'oracle://db/x', '--table', 'fresh']},
  {command: 'tables', readme: 'identifier', code: 2, args: () => ['tables', '--db', postgres.url, '--table', 'fresh;drop']},
  {command: 'tables', readme: 'time zone', code: 2, args: () => ['tables', '--db', postgres.url, '--table', 'fresh', '--timezone', 'Mars/Olympus']},
  {command: 'tables', readme: 'TLS file', code: 2, args: () => ['tables', '--db', postgres.url, '--table', 'fresh', '--tls-ca', join(dir, 'missing-ca.pem')]},
  {command: 'tables', readme: 'TLS file or config', code: 2, args: () => ['tables', '--db', postgres.url, '--table', 'fresh', '--config', join(dir, 'bad-config.yaml')]},

  // metrics datamaps
  {command: 'datamaps', readme: 'Exit codes: 0 done', code: 0, args: () => ['datamaps', '--source', `csv:${SAMPLE_CSV}`, '--output', join(dir, 'tiles'), '--max-zoom', '2', ...toStatsd()]},
  {command: 'datamaps', readme: '1 the database or output was unreachable', code: 1, args: () => ['datamaps', '--source', `mysql://root@127.0.0.1:${deadPort}/location`, '--output', join(dir, 'tiles-db')]},
  {command: 'datamaps', readme: 'or unwritable (checked before any work starts)', code: 1, args: () => ['datamaps', '--source', `csv:${SAMPLE_CSV}`, '--output', join(dir, 'a-file', 'tiles')]},
  {command: 'datamaps', readme: 'the source gave no points (so nothing is deleted)', code: 1, args: () => ['datamaps', '--source', `csv:${join(dir, 'no-points.csv')}`, '--output', join(dir, 'tiles-none')]},
  {
    command: 'datamaps',
    readme: 'tiles or metrics failed to sync',
    code: 1,
    args: () => ['datamaps', '--source', `csv:${SAMPLE_CSV}`, '--output', join(dir, 'blocked-tiles'), '--max-zoom', '1', ...toStatsd()],
    stderr: () => /^Error: 1 tile failed to sync to .*; first: 0\/0\/0\.png: it is a directory \(run again to retry them\)\n$/,
  },
  {
    command: 'datamaps',
    readme: 'tiles or metrics failed to sync',
    code: 1,
    args: () => ['datamaps', '--source', `csv:${SAMPLE_CSV}`, '--output', join(dir, 'tiles-metrics'), '--max-zoom', '1', '--pushgateway', `http://127.0.0.1:${deadPort}`],
  },
  {command: 'datamaps', readme: 'or the run was interrupted', code: 1, args: () => ['datamaps', '--source', `csv:${SAMPLE_CSV}`, '--output', join(dir, 'tiles-interrupted'), '--max-zoom', '13', ...toStatsd()], interruptWhen: () => existsSync(join(dir, 'tiles-interrupted')) && readdirSync(join(dir, 'tiles-interrupted')).length > 0},
  {command: 'datamaps', readme: '2 bad flags or config', code: 2, args: () => ['datamaps', '--source', `csv:${SAMPLE_CSV}`, '--max-zoom', '99']},
  {command: 'datamaps', readme: '2 bad flags or config', code: 2, args: () => ['datamaps', '--source', `csv:${SAMPLE_CSV}`, '--config', join(dir, 'bad-config.yaml')]},
  {command: 'datamaps', readme: 'or an unreadable CSV source', code: 2, args: () => ['datamaps', '--source', `csv:${join(dir, 'missing.csv')}`]},
]

/** Runs the CLI, interrupting it as Ctrl-C does when the row asks. */
function run(row: Row): Promise<CliResult> {
  const {interruptWhen, stdoutTo} = row
  if (interruptWhen === undefined && stdoutTo === undefined) return runCli(row.args(), {input: row.stdin, env: row.env, cwd: dir, timeoutMs: 60_000})
  const stdoutFd = stdoutTo === undefined ? undefined : openSync(stdoutTo, 'w')
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...row.args()], {cwd: dir, env: {...process.env, NO_COLOR: '1'}, stdio: ['ignore', stdoutFd ?? 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', chunk => (stdout += chunk))
    child.stderr?.on('data', chunk => (stderr += chunk))
    child.on('error', reject)
    const timer = setInterval(() => {
      if (interruptWhen === undefined || !interruptWhen(stderr)) return
      clearInterval(timer)
      child.kill('SIGINT')
    }, 20)
    child.on('close', code => {
      clearInterval(timer)
      if (stdoutFd !== undefined) closeSync(stdoutFd)
      resolve({code, stdout, stderr})
    })
  })
}

describe('every documented exit code', () => {
  it.each(ROWS.map(row => [row.command, row.code, row.readme, row] as const))('metrics %s exits %i: "%s"', async (_, code, readme, row) => {
    expect(flat(README)).toContain(flat(readme))
    const result = await (row.around ?? (go => go()))(() => run(row))
    expect(result.code, `${row.args().join(' ')}\n${result.stderr}`).toBe(code)
    if (code !== 0) expect(result.stderr).toMatch(/^Error: [^\n]+\n$|\nError: [^\n]+\n$/)
    if (row.stderr) expect(result.stderr).toMatch(row.stderr())
  })

  it.each([
    [1, ['queues', '--queue', 'q', '--json']],
    [2, ['queues', '--queue', 'q', '--timeout', 'soon', '--json']],
  ] as const)('--json reports an exit %i error as {"error": {"message", "exitCode"}}', async (code, args) => {
    expect(flat(README)).toContain('`--json` reports errors as `{"error": {"message", "exitCode"}}`')
    const result = await runCli(code === 1 ? [...args, '--redis', `redis://127.0.0.1:${deadPort}`] : [...args])
    expect(result.code).toBe(code)
    expect(JSON.parse(result.stdout)).toEqual({error: {message: expect.any(String), exitCode: code}})
  })
})

describe('--help names the exit codes the README gives', () => {
  /** The codes an "Exit codes:" paragraph names: `0 …; 1 …; 2 …`, bold or not. */
  const codesIn = (paragraph: string): number[] => [...paragraph.matchAll(/(?:^|[:;] )(?:\*\*)?([012])(?:\*\*)? /g)].map(match => Number(match[1]))
  const readmeParagraph = (command: string): string => {
    const section = README.split(/\n(?=### )/).find(text => text.startsWith(`### \`metrics ${command}\``)) ?? ''
    return flat(/Exit codes: [^]*?(?:\n\n|$)/.exec(section)?.[0] ?? '')
  }

  it.each(['send', 'tail', 'lint', 'map', 'convert', 'queues', 'tables', 'datamaps'])('metrics %s', async command => {
    const help = flat((await runCli([command, '--help'])).stdout)
    const fromHelp = codesIn(/Exit codes: [^]*?\.(?: |$)/.exec(help)?.[0] ?? '')
    expect(fromHelp, help).not.toEqual([])
    expect(fromHelp).toEqual(codesIn(readmeParagraph(command)))
  })
})
