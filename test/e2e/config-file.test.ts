import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {uniquePrefix} from '../redis/support.js'
import {udpListener, type Listener} from '../support/listeners.js'
import {runCli, type CliResult} from '../support/run-cli.js'
import {scratchPostgres, type ScratchDatabase} from '../tables/databases.js'

/**
 * The config file as every command reads it: a key or section that no command knows
 * stops any command, whichever sections it reads, with exit 2 and one line naming
 * file:line:col and the nearest known key, before anything is sent or written. The
 * same file without the typo works.
 */
const SAMPLE = fileURLToPath(new URL('../../examples/datamaps/sample.csv', import.meta.url))
const TIMEOUT = 60_000

let udp: Listener
let postgres: ScratchDatabase
let dir: string
const queue = `${uniquePrefix('e2e-config')}q`

beforeAll(async () => {
  ;[udp, postgres] = await Promise.all([udpListener(), scratchPostgres()])
  await postgres.exec('CREATE TABLE t (created timestamptz)')
  await postgres.exec("INSERT INTO t VALUES (now() - interval '1 hour')")
  dir = mkdtempSync(join(tmpdir(), 'metrics-config-e2e-'))
  writeFileSync(join(dir, 'packets.txt'), 'a:1|c\n')
})
afterAll(async () => {
  await Promise.all([udp?.close(), postgres?.drop()])
  rmSync(dir, {recursive: true, force: true})
})

const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}
const statsdSection = (): string => `statsd:\n  host: 127.0.0.1\n  port: ${udp.port}\n`

const tiles = (): string => join(dir, 'tiles')

/** Each command as cron or a user runs it, sending to statsd as the config file says. */
const COMMANDS: Record<string, () => string[]> = {
  send: () => ['send', 'incr', 'config.e2e'],
  queues: () => ['queues', '--queue', queue],
  tables: () => ['tables', '--db', postgres.url, '--table', 't'],
  datamaps: () => ['datamaps', '--source', `csv:${SAMPLE}`, '--max-zoom', '0', '--output', tiles(), '--quiet'],
  // Listens until stopped: a file it failed to refuse would show as a summary after 2 s, not as a hang.
  tail: () => ['tail', '--port', '0', '--duration', '2s'],
}

/** What each command sends when it runs. */
const SENDS: Record<string, RegExp> = {
  send: /^config\.e2e:1\|c$/,
  queues: new RegExp(`^queue:0\\|g\\|#queue:${queue}$`),
  tables: /^table:\d+\|g\|#table:t$/,
  datamaps: /^datamaps:\d+\|ms\|#func:export$/,
}

/** Runs a command and returns what it printed, and what reached statsd meanwhile. */
async function run(args: string[], options: Parameters<typeof runCli>[1] = {}): Promise<CliResult & {sent: string[]}> {
  const before = udp.lines().length
  const result = await runCli(args, {cwd: dir, timeoutMs: TIMEOUT, ...options})
  // Time for a datagram in flight to arrive.
  await new Promise(resolve => setTimeout(resolve, 100))
  return {...result, sent: udp.lines().slice(before)}
}

describe('a key no command knows', () => {
  const TYPOS: Array<[string, () => string, string]> = [
    ['a misspelt key', () => `statsd:\n  port: ${udp.port}\n  hostt: 127.0.0.1\n`, ':3:3: unknown key "hostt" in statsd (did you mean "host"?)'],
    ['a misspelt section', () => `${statsdSection()}queue:\n  - default\n`, ':4:1: unknown section "queue" (did you mean "queues"?)'],
    ['a key in a list entry', () => `${statsdSection()}queues:\n  checks:\n    - {name: a, key: "a:{k}", read: get}\n    - name: b\n      key: "b:{k}"\n      reed: get\n`, ':9:7: unknown key "reed" in queues.checks[1] (did you mean "read"?)'],
    ['a key nested in lists', () => `${statsdSection()}tables:\n  databases:\n    - url: postgres://db/x\n      groups:\n        - a\n        - b\n        - {name: c, table: d, colum: e}\n`, ':10:31: unknown key "colum" in tables.databases[0].groups[2] (did you mean "column"?)'],
  ]

  for (const [command, args] of Object.entries(COMMANDS)) {
    it.each(TYPOS)(`stops metrics ${command}: %s`, async (_, content, where) => {
      const config = file(`${command}.yaml`, content())
      const result = await run([...args(), '--config', config])
      expect(result).toMatchObject({code: 2, stdout: '', stderr: `Error: ${config}${where}\n`, sent: []})
      expect(existsSync(tiles())).toBe(false)
    }, TIMEOUT)
  }

  it.each(['send', 'queues', 'tables'])('stops metrics %s the same way through oclif (--json)', async command => {
    const config = file(`${command}-json.yaml`, TYPOS[0][1]())
    const result = await run([...COMMANDS[command](), '--config', config, '--json'])
    expect(result).toMatchObject({code: 2, stderr: '', sent: []})
    expect(JSON.parse(result.stdout)).toEqual({error: {message: `${config}:3:3: unknown key "hostt" in statsd (did you mean "host"?)`, exitCode: 2}})
  })

  it('wherever the file was found: in the working directory, or through METRICS_CONFIG', async () => {
    const cwd = mkdtempSync(join(dir, 'cwd-'))
    writeFileSync(join(cwd, 'metrics.config.yaml'), TYPOS[0][1]())
    expect(await run(['send', 'incr', 'x'], {cwd})).toMatchObject({code: 2, stderr: `Error: ${join(cwd, 'metrics.config.yaml')}:3:3: unknown key "hostt" in statsd (did you mean "host"?)\n`, sent: []})
    const named = file('named.yml', TYPOS[1][1]())
    expect(await run(['queues', '--queue', queue], {env: {METRICS_CONFIG: named}})).toMatchObject({code: 2, stderr: `Error: ${named}:4:1: unknown section "queue" (did you mean "queues"?)\n`, sent: []})
  })

  it('in a JSON file too', async () => {
    const config = file('metrics.config.json', `{\n  "statsd": {\n    "port": ${udp.port},\n    "hostt": "127.0.0.1"\n  }\n}\n`)
    expect(await run(['send', 'incr', 'x', '--config', config])).toMatchObject({code: 2, stderr: `Error: ${config}:4:5: unknown key "hostt" in statsd (did you mean "host"?)\n`, sent: []})
  })
})

describe('a value the command refuses is named by line and column', () => {
  it.each([
    ['send', `statsd:\n  port: ${99_999}\n`, ':2:9: statsd.port: port must be a whole number from 1 to 65535, got "99999"'],
    ['queues', `queues:\n  checks:\n    - name: a\n      key: "a:{k}"\n      read: llen\n`, ':5:13: queues.checks[0].read: expected one of length, get, pfcount, got "llen"'],
    ['tables', `tables:\n  tls: {mode: sometimes}\n`, ':2:15: tables.tls.mode: expected one of disable, require, verify-ca, verify-full, got "sometimes"'],
  ])('metrics %s', async (command, content, where) => {
    const config = file(`${command}-value.yaml`, content)
    expect(await run([...COMMANDS[command](), '--config', config])).toMatchObject({code: 2, stdout: '', stderr: `Error: ${config}${where}\n`, sent: []})
  })
})

describe('the catalog: key, which names the metric catalogue', () => {
  it('is no unknown key to metrics send, and metrics catalog check reads the catalogue it names', async () => {
    const cwd = mkdtempSync(join(dir, 'catalog-'))
    writeFileSync(join(cwd, 'x.yml'), 'version: 1\nmetrics:\n  - name: config.e2e\n    type: counter\n')
    writeFileSync(join(cwd, 'metrics.config.yaml'), `${statsdSection()}catalog: x.yml\n`)
    const sent = await run(COMMANDS.send(), {cwd})
    expect(sent.code, sent.stderr).toBe(0)
    expect(sent.sent).toEqual(['config.e2e:1|c'])
    const checked = await runCli(['catalog', 'check', '-f', 'json'], {cwd})
    expect(checked.code, checked.stderr).toBe(0)
    expect(JSON.parse(checked.stdout)).toMatchObject([{filePath: 'x.yml', errorCount: 0, warningCount: 0}])
  }, TIMEOUT)
})

describe('a file that is not a config file: one line, exit 2', () => {
  it.each([
    ['empty.yaml', '', (path: string) => `config file ${path} is empty (write {} for a config file with no settings, or remove it)`],
    ['list.yaml', '- statsd\n- queues\n', (path: string) => `${path}:1:1: expected a mapping of sections (statsd, redis, queues, tables, datamaps, catalog), got a list`],
    ['garbage.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]), (path: string) => `${path}:3:1: a NUL byte: the file is binary, not YAML or JSON`],
    ['huge.yaml', Buffer.alloc((1 << 20) + 1, 'a'), (path: string) => `config file ${path} is larger than 1 MiB (is it the right file?)`],
  ])('%s', async (name, content, line) => {
    const config = file(name, content)
    for (const command of ['send', 'tail']) {
      expect(await run([...COMMANDS[command](), '--config', config]), command).toMatchObject({code: 2, stdout: '', stderr: `Error: ${line(config)}\n`, sent: []})
    }
  })
})

describe('the same file without the typo', () => {
  it.each(['send', 'queues', 'tables', 'datamaps'])('metrics %s sends where it says', async command => {
    const config = file(`${command}-good.yaml`, statsdSection())
    const result = await run([...COMMANDS[command](), '--config', config])
    expect(result.code, result.stderr).toBe(0)
    expect(result.sent.some(line => SENDS[command].test(line)), result.sent.join('\n')).toBe(true)
  }, TIMEOUT)

  it('metrics tail runs', async () => {
    const result = await run(['tail', '--input', join(dir, 'packets.txt'), '--format', 'raw', '--config', file('tail-good.yaml', statsdSection())])
    expect(result).toMatchObject({code: 0, stdout: 'a:1|c\n'})
  })
})
