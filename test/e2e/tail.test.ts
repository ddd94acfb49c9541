import {spawn, spawnSync} from 'node:child_process'
import dgram from 'node:dgram'
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {startTail} from '../listen/tail-process.js'
import {udpListener} from '../support/listeners.js'
import {CLI, runCli} from '../support/run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'metrics-tail-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

const jsonLines = (text: string): Array<Record<string, unknown>> => text.trim().split('\n').filter(Boolean).map(line => JSON.parse(line))
const ESC = 0x1b

/** Lines with everything an application (or an attacker) might send: escapes, bad UTF-8, NULs, a long line. */
const GARBAGE = Buffer.concat([
  Buffer.from('good.counter:1|c|#env:prod\n'),
  Buffer.from('\u001b]0;owned\u0007\u001b[2J:1|c\n'),
  Buffer.from([0xff, 0xfe, 0x3a, 0x31, 0x7c, 0x63, 0x0a]),
  Buffer.from('nul\u0000name:2|g|#k:\u001b[31mred\n'),
  Buffer.from('set.members:\u009b31m|s\n'),
  Buffer.from('x'.repeat(70_000) + ':1|c\n'),
  Buffer.from([0x00, 0x01, 0x02, 0x0a]),
  Buffer.from('last.timer:12|ms|@0.5'),
])

describe('metrics tail --input', () => {
  it('reads binary garbage without a crash, and no escape reaches the output, in every format', async () => {
    const path = file('garbage.bin', GARBAGE)
    for (const format of ['pretty', 'json', 'raw']) {
      const result = await runCli(['tail', '--input', path, '--format', format])
      expect(result.code, result.stderr).toBe(0)
      expect(Buffer.from(result.stdout).includes(ESC), format).toBe(false)
      expect(result.stdout, format).not.toContain('\u009b')
      expect(result.stdout, format).toContain('good.counter')
      expect(result.stderr).toMatch(/: 8 lines, 6 samples in [\d.]+ s/)
      expect(result.stderr).toMatch(/bad lines: 2 \(malformed_line 2\)/)
    }
  })

  it('prints JSON records numbered by line, as the conformance runner reads them', async () => {
    const result = await runCli(['tail', '--input', file('lines.txt', 'a:1|c\n\nbad\nb:2|ms|@0.5|#env:prod\n'), '--format', 'json'])
    expect(jsonLines(result.stdout)).toEqual([
      {lineNo: 1, name: 'a', type: 'c', value: 1, rate: 1, tags: {}, relative: false, prometheus: {kind: 'counter', value: 1, repeat: 1, labels: {}}},
      {lineNo: 3, error: 'malformed_line', line: 'bad'},
      {lineNo: 4, name: 'b', type: 'ms', value: 2, rate: 0.5, tags: {env: 'prod'}, relative: false, prometheus: {kind: 'observer', value: 0.002, repeat: 2, labels: {env: 'prod'}}},
    ])
  })

  it('reads stdin with --input -', async () => {
    const result = await runCli(['tail', '--input', '-', '--format', 'raw'], {input: 'a:1|c\nb:2|g'})
    expect(result.stdout).toBe('a:1|c\nb:2|g\n')
    expect(result.stderr).toMatch(/^stdin: 2 lines, 2 samples/)
  })

  it.each([
    ['all formats', [], {name: 'cpu', labels: {host: 'a'}}],
    ['none', ['--tag-formats', 'none'], {name: 'cpu,host=a', labels: {}}],
    ['dogstatsd only', ['--tag-formats', 'dogstatsd'], {name: 'cpu,host=a', labels: {}}],
  ])('parses tags with --tag-formats %s', async (_, flags, expected) => {
    const result = await runCli(['tail', '--input', file('influx.txt', 'cpu,host=a:1|g\n'), '--format', 'json', ...flags])
    const [record] = jsonLines(result.stdout)
    expect({name: record.name, labels: (record.prometheus as {labels: object}).labels}).toEqual(expected)
  })

  it('filters by name, type and tag, and counts bad lines it does not show', async () => {
    const path = file('mixed.txt', ['api.hits:1|c|#env:prod', 'api.hits:1|c|#env:dev', 'api.latency:5|ms|#env:prod', 'db.hits:1|c|#env:prod', 'broken'].join('\n'))
    const result = await runCli(['tail', '--input', path, '--format', 'raw', '--filter', 'api.*', '--type', 'counter', '--tag', 'env:prod'])
    expect(result.stdout).toBe('api.hits:1|c|#env:prod\n')
    expect(result.stderr).toContain('bad lines: 1 (malformed_line 1)')
  })

  it('stops after --count lines', async () => {
    const result = await runCli(['tail', '--input', file('many.txt', 'a:1|c\nb:1|c\nc:1|c\n'), '--format', 'raw', '--count', '2'])
    expect(result.stdout).toBe('a:1|c\nb:1|c\n')
  })

  it('aggregates with statsd semantics: hand-computed numbers', async () => {
    const lines = [
      'hits:1|c', 'hits:2|c|@0.5', 'hits:3|c|@0.1',
      'depth:5|g', 'depth:+3|g', 'depth:-10|g',
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map(v => `rt:${v}|ms`), 'rt:10|ms|@0.5',
      'users:alice|s', 'users:bob|s', 'users:alice|s',
    ]
    const result = await runCli(['tail', '--input', file('agg.txt', lines.join('\n')), '--aggregate', '--format', 'json', '--percentiles', '50,90'])
    expect(result.code, result.stderr).toBe(0)
    const rows = Object.fromEntries(jsonLines(result.stdout).map(row => [row.name, row]))
    expect(rows.hits).toMatchObject({type: 'c', count: 35})
    expect(rows.depth).toMatchObject({type: 'g', value: -2})
    expect(rows.rt).toMatchObject({type: 'ms', count: 11, lower: 1, upper: 10, mean: 5.5, median: 5.5, sum: 55, upper_50: 5, mean_50: 3, sum_50: 15, upper_90: 9, mean_90: 5, sum_90: 45})
    expect(rows.rt.std as number).toBeCloseTo(Math.sqrt(8.25), 10)
    expect(rows.users).toMatchObject({type: 's', unique: 2})
    // The rate is over the (short) time the file took to read, so only its relation to the count is known.
    expect((rows.hits.rate as number) * (rows.hits.interval as number)).toBeCloseTo(35, 6)
  })

  it('prints the aggregate as a table by default', async () => {
    const result = await runCli(['tail', '--input', file('table.txt', 'hits:4|c\nrt:10|ms\nrt:30|ms'), '--aggregate'])
    expect(result.stdout).toMatch(/^COUNTERS\s+TYPE\s+count\s+rate\/s\s+TAGS$/m)
    expect(result.stdout).toMatch(/^hits\s+COUNT\s+4\s/m)
    expect(result.stdout).toMatch(/^rt\s+TIMER\s+2\s+[\d.]+\s+10\s+30\s+20\s+20\s+10\s+40\s+30$/m)
  })

  it.each<[string[], RegExp]>([
    [['--input', join(tmpdir(), 'no-such-file.txt')], /--input: cannot read .*: no such file or directory/],
    [['--aggregate', '--top'], /--aggregate and --top cannot be used together/],
    [['--tag-formats', 'yaml'], /--tag-formats: unknown format "yaml"/],
    [['--format', 'xml'], /Expected --format=xml to be one of: pretty, json, raw/],
  ])('exits 2 for %j', async (args, message) => {
    const result = await runCli(['tail', ...args])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
  })
})

describe('metrics send → metrics tail over real sockets', () => {
  it('UDP: shows each line, stops at --count and reports the kernel drops', async () => {
    const tail = await startTail(['--port', '0', '--format', 'json', '--count', '3'])
    expect(tail.address).toMatch(/^udp:\/\/127\.0\.0\.1:\d+$/)
    await runCli(['send', 'incr', 'page.views', '-p', String(tail.port), '-t', 'env:prod'])
    await runCli(['send', 'gauge', 'queue.depth', '-5', '-p', String(tail.port)])
    await runCli(['send', 'timing', 'api.latency', '250', '-p', String(tail.port)])
    const result = await tail.exited
    expect(result.code).toBe(0)
    expect(jsonLines(result.stdout).map(record => [record.name, record.value, record.relative, record.tags])).toEqual([
      ['page.views', 1, false, {env: 'prod'}],
      ['queue.depth', -5, true, {}],
      ['api.latency', 250, false, {}],
    ])
    expect(result.stderr).toMatch(/udp:\/\/127\.0\.0\.1:\d+: 3 packets, 3 lines, 3 samples/)
    expect(result.stderr).toMatch(/kernel drops: 0 \(receive buffer [\d.]+ MiB\)/)
  })

  it('UDP over IPv6', async () => {
    const tail = await startTail(['--host', '::1', '--port', '0', '--format', 'raw', '--count', '1'])
    expect(tail.address).toMatch(/^udp:\/\/\[::1\]:\d+$/)
    await runCli(['send', 'incr', 'six', '--host', '::1', '-p', String(tail.port)])
    expect((await tail.exited).stdout).toBe('six:1|c\n')
  })

  it('TCP: newline-framed lines, \\r\\n accepted', async () => {
    const tail = await startTail(['--tcp', '--port', '0', '--format', 'raw', '--count', '3'])
    expect(tail.address).toMatch(/^tcp:\/\//)
    await runCli(['send', '-', '--protocol', 'tcp', '-p', String(tail.port)], {input: 'a:1|c\r\nb:2|g\nc:3|ms\n'})
    const result = await tail.exited
    expect(result.stdout).toBe('a:1|c\nb:2|g\nc:3|ms\n')
    expect(result.stderr).toMatch(/1 connection, 3 lines/)
  })

  it('TCP: a line longer than --max-line-length closes its connection and is counted', async () => {
    const tail = await startTail(['--tcp', '--port', '0', '--format', 'raw', '--max-line-length', '100'])
    await runCli(['send', '-', '--protocol', 'tcp', '-p', String(tail.port)], {input: `ok:1|c\n${'x'.repeat(200)}:1|c\nlost:1|c\n`})
    await new Promise(resolve => setTimeout(resolve, 300))
    const result = await tail.stop()
    expect(result.stdout).toBe('ok:1|c\n')
    expect(result.stderr).toContain('lines too long: 1')
  })

  it('unixgram: what DogStatsD clients send to a socket', async () => {
    const path = join(dir, 'dsd.sock')
    const tail = await startTail(['--socket', path, '--format', 'raw', '--count', '2'])
    expect(tail.address).toBe(`unixgram://${path}`)
    await runCli(['send', 'incr', 'uds.a', '--socket', path])
    await runCli(['send', 'set', 'uds.b', 'x', '--socket', path])
    const result = await tail.exited
    expect(result.stdout).toBe('uds.a:1|c\nuds.b:x|s\n')
    expect(result.stderr).toContain('kernel drops: not reported for this socket')
    expect(existsSync(path)).toBe(false)
  })

  it('forwards every packet unchanged to a second listener', async () => {
    const upstream = await udpListener()
    const tail = await startTail(['--port', '0', '--format', 'raw', '--forward', `127.0.0.1:${upstream.port}`])
    const sender = dgram.createSocket('udp4')
    const packets = ['a:1|c\nb:2|g', 'not a metric \u0001', 'c:3|ms|#k:v']
    for (const packet of packets) await new Promise(resolve => sender.send(packet, tail.port, '127.0.0.1', resolve))
    sender.close()
    await upstream.waitForLines(4)
    const result = await tail.stop()
    await upstream.close()
    expect(upstream.received.map(datagram => datagram.toString())).toEqual(packets)
    expect(result.stderr).toMatch(new RegExp(`forwarded to 127\\.0\\.0\\.1:${upstream.port}: 3 packets, 0 dropped \\(queue full\\), 0 errors`))
  })

  it('prints its summary on Ctrl-C, with --duration as a backstop', async () => {
    const tail = await startTail(['--port', '0', '--aggregate', '--interval', '1h', '--duration', '20s'])
    await runCli(['send', 'timing', 'rt', '10..20', '--count', '100', '-p', String(tail.port)])
    await new Promise(resolve => setTimeout(resolve, 200))
    const result = await tail.stop('SIGINT')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^rt\s+TIMER\s+100\s/m)
    expect(result.stderr).toMatch(/100 lines, 100 samples/)
  })

  it('stops by itself after --duration', async () => {
    const tail = await startTail(['--port', '0', '--duration', '300ms'])
    const result = await tail.exited
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/0 packets, 0 lines, 0 samples in 0\.\d s/)
  })

  it('exits 1 when the port is taken', async () => {
    const taken = dgram.createSocket('udp4')
    await new Promise<void>(resolve => taken.bind(0, '127.0.0.1', resolve))
    const result = await runCli(['tail', '--port', String(taken.address().port)])
    taken.close()
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/cannot listen on udp:\/\/127\.0\.0\.1:\d+: the address is already in use \(is another statsd listening there\?/)
  })
})

const hasScript = spawnSync('script', ['--version']).status === 0

describe.runIf(hasScript)('metrics tail --top on a terminal', () => {
  it('takes the alternate screen, redraws in place, and leaves the last table behind', async () => {
    const log = join(dir, 'top.log')
    const port = await freeUdpPort()
    await inTerminal(`tail --top --port ${port} --interval 200ms --duration 2s`, log)
    const screen = readFileSync(log, 'utf8')
    expect(screen).toContain('\u001b[?1049h')
    expect(screen).toContain('\u001b[?1049l')
    expect(screen.match(/\u001b\[H/g)?.length ?? 0).toBeGreaterThan(3)
    expect(screen).toContain(`metrics tail --top  udp://127.0.0.1:${port}`)
  })

  it('shows the busiest series with counts, rates and cardinality while traffic flows', async () => {
    const log = join(dir, 'top-busy.log')
    const port = await freeUdpPort()
    const running = inTerminal(`tail --top --port ${port} --interval 200ms --duration 5s`, log)
    await waitForFile(log, `127.0.0.1:${port}`)
    await runCli(['send', '-', '-p', String(port)], {input: 'api.hits:1|c|#route:/a\napi.hits:1|c|#route:/a\napi.hits:1|c|#route:/b\nqueue:7|g\n'})
    await running
    const screen = readFileSync(log, 'utf8')
    // The last frame, left on the normal screen once the alternate one is gone; colour codes around the type.
    const last = screen.slice(screen.lastIndexOf('\u001b[?1049l'))
    expect(last).toMatch(/api\.hits\s+\S*COUNT\S*\s+2\s+[\d.]+\s+1\s+[\d.]+s\s+2\s+route:\/a/)
    expect(last).toMatch(/api\.hits\s+\S*COUNT\S*\s+1\s+[\d.]+\s+1\s+[\d.]+s\s+2\s+route:\/b/)
    expect(last).toMatch(/queue\s+\S*GAUGE\S*\s+1\s+[\d.]+\s+7\s/)
  })
})

describe('metrics tail --top without a terminal', () => {
  it('prints a plain table every interval', async () => {
    const tail = await startTail(['--port', '0', '--top', '--interval', '100ms'])
    await runCli(['send', 'incr', 'plain', '-p', String(tail.port)])
    await new Promise(resolve => setTimeout(resolve, 400))
    const result = await tail.stop()
    expect(result.stdout).not.toContain('\u001b')
    expect(result.stdout.match(/^metrics tail --top/gm)?.length ?? 0).toBeGreaterThan(2)
    expect(result.stdout).toMatch(/^plain\s+COUNT\s+1\s/m)
  })
})

/** Runs `metrics ARGS` on a pseudo-terminal (util-linux script), 15 rows by 120 columns, logging the screen to `log`. */
function inTerminal(args: string, log: string): Promise<void> {
  const command = `stty rows 15 cols 120; ${process.execPath} ${CLI} ${args}`
  const child = spawn('script', ['-q', '-e', '-c', command, log], {stdio: 'ignore', env: {...process.env, NO_COLOR: ''}})
  return new Promise(resolve => child.on('close', () => resolve()))
}

async function freeUdpPort(): Promise<number> {
  const socket = dgram.createSocket('udp4')
  await new Promise<void>(resolve => socket.bind(0, '127.0.0.1', resolve))
  const {port} = socket.address()
  await new Promise<void>(resolve => socket.close(() => resolve()))
  return port
}

async function waitForFile(path: string, text: string): Promise<void> {
  const deadline = Date.now() + 15_000
  while (!(existsSync(path) && readFileSync(path, 'utf8').includes(text))) {
    if (Date.now() > deadline) throw new Error(`${path} never showed ${text}`)
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}
