import {spawn} from 'node:child_process'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {deadTcpPort, tcpListener, udpListener, unixgramListener, type Listener} from '../support/listeners.js'
import {CLI, runCli} from '../support/run-cli.js'

const TYPES: Array<[string[], string]> = [
  [['incr', 'page.views'], 'page.views:1|c'],
  [['decr', 'stock', '2'], 'stock:-2|c'],
  [['gauge', 'queue.depth', '42'], 'queue.depth:42|g'],
  [['gauge', 'queue.depth', '+5'], 'queue.depth:+5|g'],
  [['gauge', 'queue.depth', '-5'], 'queue.depth:-5|g'],
  [['timing', 'api.latency', '250'], 'api.latency:250|ms'],
  [['histogram', 'size', '1024'], 'size:1024|h'],
  [['distribution', 'dist', '0.5'], 'dist:0.5|d'],
  [['set', 'users', 'alice'], 'users:alice|s'],
]

const STYLES: Array<[string, (line: string) => string]> = [
  ['dogstatsd', line => `${line}|#env:prod,name:function`],
  ['influx', line => line.replace(':', ',env=prod,name=function:')],
  ['graphite', line => line.replace(':', ';env=prod;name=function:')],
  ['flat', line => line.replace(':', '.env_prod.name_function:')],
  ['none', line => line],
]

describe('metrics send over real sockets', () => {
  let udp: Listener
  beforeAll(async () => {
    udp = await udpListener()
  })
  afterAll(async () => {
    await udp.close()
  })

  for (const [style, expected] of STYLES) {
    it(`sends every type in the ${style} tag style, byte for byte`, async () => {
      const before = udp.lines().length
      for (const [args] of TYPES) {
        const result = await runCli(['send', ...args, '--port', String(udp.port), '--tag', 'env:prod', '-t', 'name:function', '--tag-style', style])
        expect(result.stderr).toMatch(/^sent 1 line/)
        expect(result.code).toBe(0)
      }
      const lines = (await udp.waitForLines(before + TYPES.length)).slice(before)
      expect(lines).toEqual(TYPES.map(([, line]) => expected(line)))
    })
  }

  it('sends events and service checks', async () => {
    const before = udp.lines().length
    await runCli(['send', 'event', 'deploy', 'v2 is out', '--alert-type', 'success', '--priority', 'low', '--hostname', 'web1', '-p', String(udp.port)])
    await runCli(['send', 'check', 'db.up', 'critical', '--message', 'replica lag', '-p', String(udp.port), '-t', 'env:prod'])
    expect((await udp.waitForLines(before + 2)).slice(before)).toEqual([
      '_e{6,9}:deploy|v2 is out|h:web1|p:low|t:success',
      '_sc|db.up|2|#env:prod|m:replica lag',
    ])
  })

  it('takes its target from the environment and the config file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'metrics-send-'))
    writeFileSync(join(dir, 'metrics.config.yaml'), `statsd:\n  port: ${udp.port}\n  prefix: fromfile\n  tags: [team:core]\n`)
    const before = udp.lines().length
    expect((await runCli(['send', 'incr', 'a'], {cwd: dir})).code).toBe(0)
    expect((await runCli(['send', 'incr', 'b'], {cwd: dir, env: {STATSD_PREFIX: 'fromenv'}})).code).toBe(0)
    expect((await runCli(['send', 'incr', 'c', '--prefix', 'fromflag'], {cwd: dir, env: {STATSD_PREFIX: 'fromenv'}})).code).toBe(0)
    expect((await udp.waitForLines(before + 3)).slice(before)).toEqual(['fromfile.a:1|c|#team:core', 'fromenv.b:1|c|#team:core', 'fromflag.c:1|c|#team:core'])
  })

  it('load mode: --count packs lines into datagrams of at most 1432 bytes and reports totals', async () => {
    const start = udp.received.length
    const result = await runCli(['send', 'timing', 'load.test', '50..250', '--count', '5000', '-p', String(udp.port), '--json'])
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(report).toMatchObject({lines: 5000, dryRun: false, target: `udp://127.0.0.1:${udp.port}`})
    const lines = await udp.waitForLines(udp.lines().length + 0)
    const datagrams = udp.received.slice(start)
    expect(datagrams.every(d => d.length <= 1432)).toBe(true)
    expect(datagrams.length).toBe(report.payloads)
    const sent = datagrams.flatMap(d => d.toString().split('\n'))
    expect(sent).toHaveLength(5000)
    expect(report.bytes).toBe(sent.reduce((sum, line) => sum + Buffer.byteLength(line), 0) + sent.length - datagrams.length)
    expect(sent.every(line => /^load\.test:(\d+)\|ms$/.test(line) && +line.split(/[:|]/)[1] >= 50 && +line.split(/[:|]/)[1] <= 250)).toBe(true)
    expect(lines.length).toBeGreaterThan(5000)
  })

  it('load mode: --rate and --duration pace the lines, in packets as they go', async () => {
    const before = udp.lines().length
    const packetsBefore = udp.received.length
    const started = Date.now()
    const result = await runCli(['send', 'incr', 'paced', '--rate', '200/s', '--duration', '1s', '-p', String(udp.port), '--json'])
    const elapsed = Date.now() - started
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(report.lines).toBeGreaterThanOrEqual(190)
    expect(report.lines).toBeLessThanOrEqual(202)
    expect(elapsed).toBeGreaterThanOrEqual(1000)
    expect((await udp.waitForLines(before + report.lines)).length - before).toBe(report.lines)
    expect(udp.received.length - packetsBefore).toBeGreaterThan(20)
  })

  it('load mode: --rate alone runs until Ctrl-C, then reports', async () => {
    const child = spawn(process.execPath, [CLI, 'send', 'incr', 'until.stopped', '--rate', '100', '-p', String(udp.port)], {env: {...process.env, NO_COLOR: '1'}})
    let stderr = ''
    child.stderr.on('data', chunk => (stderr += chunk))
    await new Promise(resolve => setTimeout(resolve, 1000))
    child.kill('SIGINT')
    const code = await new Promise(resolve => child.on('close', resolve))
    expect(code).toBe(0)
    expect(stderr).toMatch(/^sent \d+ lines .* to udp:\/\/127\.0\.0\.1:\d+ in \d+ packets/)
  })

  it('metrics send - reads stdin, reports bad lines by number, still sends the good ones, exits 1', async () => {
    const before = udp.lines().length
    const input = ['incr a', 'gauge b 3 env:prod', 'raw.line:7|ms|@0.5', '# comment', '', 'gauge c abc', 'non\\sense here', 'timing d 12'].join('\n')
    const result = await runCli(['send', '-', '-p', String(udp.port)], {input})
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/stdin:6: .*"abc" is not a number/)
    // The line quoted as JSON quotes it, its backslash escaped once.
    expect(result.stderr).toContain('stdin:7: neither a statsd line nor "type name [value] [k:v ...]": "non\\\\sense here"\n')
    expect(result.stderr).toMatch(/Error: 2 stdin lines were invalid and not sent; 4 sent/)
    expect((await udp.waitForLines(before + 4)).slice(before)).toEqual(['a:1|c', 'b:3|g|#env:prod', 'raw.line:7|ms|@0.5', 'd:12|ms'])
  })

  it('metrics send - on an empty stdin sends nothing, says so and exits 0: a pipeline with nothing to report is no failure', async () => {
    const result = await runCli(['send', '-', '-p', String(udp.port)], {input: ''})
    expect(result).toMatchObject({code: 0, stdout: '', stderr: `sent 0 lines (0 bytes) to udp://127.0.0.1:${udp.port}\n`})
  })

  it('--dry-run prints the exact wire lines and sends nothing', async () => {
    const before = udp.received.length
    const result = await runCli(['send', 'gauge', 'temp', '-3', '--dry-run', '-p', String(udp.port), '-t', 'room:lab'])
    expect(result).toMatchObject({code: 0, stdout: 'temp:-3|g|#room:lab\n'})
    const absolute = await runCli(['send', 'gauge', 'temp', '-3..-3', '-n', '-q'])
    expect(absolute).toMatchObject({code: 0, stdout: 'temp:0|g\ntemp:-3|g\n', stderr: ''})
    await new Promise(resolve => setTimeout(resolve, 100))
    expect(udp.received.length).toBe(before)
  })

  it('--quiet prints nothing on success', async () => {
    expect(await runCli(['send', 'incr', 'q', '-q', '-p', String(udp.port)])).toMatchObject({code: 0, stdout: '', stderr: ''})
  })
})

describe('metrics send over tcp and unixgram', () => {
  it('tcp: newline-terminated lines', async () => {
    const tcp = await tcpListener()
    try {
      const result = await runCli(['send', 'incr', 'over.tcp', '--protocol', 'tcp', '-p', String(tcp.port), '--count', '3', '-t', 'a:b'])
      expect(result.code).toBe(0)
      expect(await tcp.waitForLines(3)).toEqual(['over.tcp:1|c|#a:b', 'over.tcp:1|c|#a:b', 'over.tcp:1|c|#a:b'])
      expect(Buffer.concat(tcp.received).toString().endsWith('\n')).toBe(true)
    } finally {
      await tcp.close()
    }
  })

  it('tcp and udp carry UTF-8 names unchanged', async () => {
    const tcp = await tcpListener()
    const udp = await udpListener()
    try {
      expect((await runCli(['send', 'incr', 'café.größe', '--protocol', 'tcp', '-p', String(tcp.port), '-t', 'city:zürich'])).code).toBe(0)
      expect((await runCli(['send', 'incr', 'café.größe', '-p', String(udp.port), '-t', 'city:zürich'])).code).toBe(0)
      expect(await tcp.waitForLines(1)).toEqual(['café.größe:1|c|#city:zürich'])
      expect(await udp.waitForLines(1)).toEqual(['café.größe:1|c|#city:zürich'])
    } finally {
      await tcp.close()
      await udp.close()
    }
  })

  it('unixgram: --socket implies uds', async () => {
    const uds = await unixgramListener()
    try {
      const result = await runCli(['send', 'gauge', 'over.uds', '7', '--socket', String(uds.path), '--tag-style', 'influx', '-t', 'k:v'])
      expect(result.code).toBe(0)
      expect(await uds.waitForLines(1)).toEqual(['over.uds,k=v:7|g'])
    } finally {
      await uds.close()
    }
  })

  it('ipv6 udp', async () => {
    const udp6 = await udpListener('udp6')
    try {
      expect((await runCli(['send', 'incr', 'v6', '--host', '::1', '-p', String(udp6.port)])).code).toBe(0)
      expect(await udp6.waitForLines(1)).toEqual(['v6:1|c'])
    } finally {
      await udp6.close()
    }
  })
})

describe('metrics send errors: one line, documented exit code', () => {
  it.each<[string[], number, RegExp]>([
    [['send', 'gauge', 'x', 'abc'], 2, /^Error: metrics send: gauge x: "abc" is not a number\n$/],
    [['send', 'timing', 'x', '-5'], 2, /a timing cannot be negative/],
    [['send', 'bogus', 'x'], 2, /unknown type "bogus" \(use one of /],
    [['send'], 2, /needs a type and a name/],
    [['send', 'incr', 'x', '--port', 'abc'], 2, /--port: port must be a whole number/],
    [['send', 'incr', 'x', '--nope'], 2, /Nonexistent flag: --nope/],
    [['send', 'incr', 'x', '--sample-rate', '2'], 2, /--sample-rate: 2 is not in \(0, 1\]/],
    [['send', 'incr', 'x', '--count', '0'], 2, /--count: expected a whole number of at least 1/],
    [['send', 'incr', 'x', '--config', '/nonexistent/m.yaml'], 2, /cannot read config file \/nonexistent\/m.yaml: no such file or directory/],
    [['send', 'incr', 'x', '--host', 'no-such-host.invalid'], 1, /could not send to statsd at udp:\/\/no-such-host.invalid:8125: host not found \(check the host name\)/],
    [['send', 'incr', 'x', '--protocol', 'uds', '--socket', '/nonexistent/dsd.sock'], 1, /could not send to statsd at unixgram socket \/nonexistent\/dsd.sock/],
  ])('%j exits %i', async (args, code, message) => {
    const result = await runCli(args)
    expect(result.stderr).toMatch(message)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.code).toBe(code)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('a refused tcp connection is exit 1, with a hint', async () => {
    const port = await deadTcpPort()
    const result = await runCli(['send', 'incr', 'x', '--protocol', 'tcp', '-p', String(port)])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(new RegExp(`^Error: could not send to statsd at tcp://127.0.0.1:${port}: connection refused \\(is a statsd server listening there\\?\\)\\n$`))
  })

  it('--json reports errors as JSON too', async () => {
    const result = await runCli(['send', 'gauge', 'x', 'abc', '--json'])
    expect(result.code).toBe(2)
    expect(JSON.parse(result.stdout)).toEqual({error: {message: 'metrics send: gauge x: "abc" is not a number', exitCode: 2}})
  })
})
