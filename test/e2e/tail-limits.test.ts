/**
 * tail's bounds under load, end to end: the built CLI, real sockets. --max-series must
 * never leave --aggregate or --top blind to new series; TCP connections are bounded in
 * number and in silence; and what each bound costs is counted.
 */
import dgram from 'node:dgram'
import net from 'node:net'
import {StatsD} from 'hot-shots'
import {describe, expect, it} from 'vitest'
import {startTail, type TailProcess} from '../listen/tail-process.js'
import {runCli} from '../support/run-cli.js'

const jsonLines = (text: string): Array<Record<string, unknown>> => text.trim().split('\n').filter(Boolean).map(line => JSON.parse(line))

/** Sends the lines over UDP, 20 to a datagram, a little at a time so that the receive buffer keeps up. */
async function sendLines(port: number, lines: readonly string[]): Promise<void> {
  const socket = dgram.createSocket('udp4')
  for (let at = 0; at < lines.length; at += 20) {
    await new Promise(resolve => socket.send(lines.slice(at, at + 20).join('\n'), port, '127.0.0.1', resolve))
    if (at % 400 === 0) await new Promise(resolve => setTimeout(resolve, 5))
  }
  socket.close()
}

const names = (prefix: string, n: number): string[] => Array.from({length: n}, (_, i) => `${prefix}.${String(i).padStart(4, '0')}`)

/** Polls stdout until `done` holds for what has been printed, or fails after 15 s. */
async function waitForStdout(tail: TailProcess, done: (stdout: string) => boolean, what: string): Promise<void> {
  const until = Date.now() + 15_000
  while (!done(tail.stdout())) {
    if (Date.now() > until) throw new Error(`never printed ${what}: ${tail.stdout().slice(-2000)}\n${tail.stderr()}`)
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}

/** The distinct names of the series rows printed so far with this prefix. */
const rowNames = (stdout: string, prefix: string): Set<string> =>
  new Set(jsonLines(stdout).map(row => row.name).filter((name): name is string => typeof name === 'string' && name.startsWith(prefix)))

const maxSeriesLines = (stdout: string): Array<{limit: number; refused_samples: number; evicted_gauges: number}> =>
  jsonLines(stdout).flatMap(line => (line.max_series === undefined ? [] : [line.max_series as {limit: number; refused_samples: number; evicted_gauges: number}]))

describe('metrics tail --aggregate at --max-series', () => {
  it('evicts idle gauges, least recently updated first, so that new series are still tabled, and counts them per interval', async () => {
    const tail = await startTail(['--port', '0', '--aggregate', '--format', 'json', '--interval', '1s', '--max-series', '1000'])
    const gauges = names('fill', 1000)
    await sendLines(tail.port, gauges.map((name, i) => `${name}:${i}|g`))
    await waitForStdout(tail, stdout => rowNames(stdout, 'fill.').size === 1000, 'the 1,000 gauges')
    const counters = names('new', 1000)
    await sendLines(tail.port, counters.map(name => `${name}:1|c`))
    await waitForStdout(tail, stdout => rowNames(stdout, 'new.').size === 1000, 'the 1,000 new counters')
    const result = await tail.stop()
    expect(result.code).toBe(0)

    const rows = jsonLines(result.stdout).filter(row => typeof row.name === 'string' && row.name.startsWith('new.'))
    expect(rows).toHaveLength(1000)
    expect(rows.every(row => row.type === 'c' && row.count === 1)).toBe(true)
    const limits = maxSeriesLines(result.stdout)
    expect(limits.every(line => line.limit === 1000)).toBe(true)
    expect(limits.reduce((sum, line) => sum + line.evicted_gauges, 0)).toBe(1000)
    expect(limits.reduce((sum, line) => sum + line.refused_samples, 0)).toBe(0)
    expect(result.stderr).toContain('--max-series: 1,000 idle series evicted to make room for new ones')
    expect(result.stderr).not.toContain('not counted')
  })

  it('refuses and counts new series when every series in the table had data in the interval', async () => {
    const tail = await startTail(['--port', '0', '--aggregate', '--interval', '1h', '--max-series', '1000', '--count', '1500'])
    await sendLines(tail.port, names('busy', 1500).map(name => `${name}:1|c`))
    const result = await tail.exited
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^── \S+ +[\d.]+s {2}1,000 series {2}\(--max-series 1,000 full: 500 samples refused\)$/m)
    expect(result.stdout.match(/^busy\.\d{4} +COUNT +1 /gm)).toHaveLength(1000)
    expect(result.stderr).toContain('--max-series: 500 samples of series over the limit not counted')
  })

  it('says so in JSON too, one line per interval that cost something', async () => {
    const tail = await startTail(['--port', '0', '--aggregate', '--format', 'json', '--interval', '1h', '--max-series', '10', '--count', '15'])
    await sendLines(tail.port, names('busy', 15).map(name => `${name}:1|c`))
    const {stdout} = await tail.exited
    const [first, ...rows] = jsonLines(stdout)
    expect(first).toMatchObject({interval: expect.any(Number), max_series: {limit: 10, refused_samples: 5, evicted_gauges: 0}})
    expect(first).not.toHaveProperty('name')
    expect(rows).toHaveLength(10)
  })
})

describe('metrics tail --top at --max-series', () => {
  it('forgets series not seen since the last refresh to make room for new ones', async () => {
    const tail = await startTail(['--port', '0', '--top', '--interval', '300ms', '--max-series', '100'])
    await sendLines(tail.port, names('old', 100).map(name => `${name}:1|c`))
    await waitForStdout(tail, stdout => / 100 series /.test(stdout), 'a table of the 100 old series')
    // The refresh after the one that showed them: they are idle now.
    const shown = tail.stdout().length
    await waitForStdout(tail, stdout => stdout.slice(shown).includes('metrics tail --top'), 'the next refresh')
    await sendLines(tail.port, names('new', 100).map(name => `${name}:1|c`))
    await waitForStdout(tail, stdout => /^new\.\d{4} +COUNT/m.test(stdout), 'a new series')
    const result = await tail.stop()
    const last = result.stdout.slice(result.stdout.lastIndexOf('metrics tail --top'))
    expect(last).toMatch(/ 100 series .* 200 samples/)
    expect(last).toContain('--max-series full: 100 idle series forgotten')
    expect(last).not.toContain('not shown')
    expect(last.match(/^new\.\d{4} +COUNT +1 /gm)).toHaveLength(20)
    expect(result.stderr).toContain('--max-series: 100 idle series evicted to make room for new ones')
  })
})

/** A client connection and what became of it. */
interface Client {
  readonly socket: net.Socket
  /** Resolves when the server closed or reset it. */
  readonly closed: Promise<void>
  isClosed(): boolean
  /** The error code it ended with: ECONNRESET when reset. */
  error(): string | undefined
}

async function connect(port: number): Promise<Client> {
  const socket = net.connect(port, '127.0.0.1')
  let closed = false
  let code: string | undefined
  const ended = new Promise<void>(resolve => {
    const done = (): void => {
      closed = true
      resolve()
    }
    socket.on('end', done)
    socket.on('close', done)
  })
  socket.on('error', error => (code ??= (error as NodeJS.ErrnoException).code))
  // A connection reset as soon as it is accepted may report the reset before it reports the connection.
  await Promise.race([new Promise(resolve => socket.once('connect', resolve)), ended])
  return {socket, closed: ended, isClosed: () => closed, error: () => code}
}

const within = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms))])

const settle = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms))

async function scrape(tail: TailProcess): Promise<string> {
  const [, url] = await tail.waitForStderr(/serving (\S+)/)
  return (await fetch(url)).text()
}

describe('metrics tail --tcp bounds', () => {
  it('resets a connection silent for --idle-timeout, parses what it sent before, and counts it; a talking one stays', async () => {
    const tail = await startTail(['--tcp', '--port', '0', '--format', 'raw', '--idle-timeout', '400ms'])
    const silent = await connect(tail.port)
    silent.socket.write('before.silence:1|c')
    const talking = await connect(tail.port)
    const started = Date.now()
    const talk = setInterval(() => talking.socket.write('talk:1|c\n'), 100)
    await within(silent.closed, 5000, 'closing the silent connection')
    const waited = Date.now() - started
    expect(silent.error()).toBe('ECONNRESET')
    await settle(600)
    clearInterval(talk)
    expect(waited).toBeGreaterThanOrEqual(350)
    expect(talking.isClosed()).toBe(false)
    talking.socket.end()
    const result = await tail.stop()
    expect(result.stdout).toContain('before.silence:1|c\n')
    expect(result.stdout).toContain('talk:1|c\n')
    expect(result.stderr).toMatch(/: 2 connections, /)
    expect(result.stderr).toContain('connections closed: 1 silent for --idle-timeout')
  })

  it('resets the connection past --max-connections at once, counts it on stderr and /metrics, and takes new ones once one closes', async () => {
    const tail = await startTail(['--tcp', '--port', '0', '--format', 'raw', '--max-connections', '3', '--expose', '0'])
    const clients = await Promise.all([1, 2, 3].map(() => connect(tail.port)))
    clients.forEach((client, i) => client.socket.write(`held.${i}:1|c\n`))
    await waitForStdout(tail, stdout => (stdout.match(/^held\./gm) ?? []).length === 3, 'the three held connections\' lines')
    const refused = await connect(tail.port)
    await within(refused.closed, 5000, 'closing the fourth connection')
    expect(refused.error()).toBe('ECONNRESET')
    expect(clients.some(client => client.isClosed())).toBe(false)
    const metrics = await scrape(tail)
    expect(metrics).toContain('metrics_tail_tcp_connections_refused_total{reason="max_connections"} 1\n')
    expect(metrics).toContain('metrics_tail_tcp_connections_refused_total{reason="open_file_limit"} 0\n')
    expect(metrics).toContain('statsd_exporter_tcp_connections_total 3\n')
    expect(metrics).toContain('statsd_exporter_tcp_connection_errors_total 0\n')
    clients[0].socket.end()
    await clients[0].closed
    await settle(200)
    const next = await connect(tail.port)
    next.socket.end('after.room:1|c\n')
    await waitForStdout(tail, stdout => stdout.includes('after.room:1|c'), 'the line of the connection that found room')
    for (const client of clients) client.socket.destroy()
    const result = await tail.stop()
    expect(result.stderr).toMatch(/: 4 connections, 4 lines/)
    expect(result.stderr).toContain('connections refused: 1 at --max-connections\n')
  })

  it('lets a hot-shots client carry on after an idle reset: it connects again and loses nothing', async () => {
    // hot-shots makes a new connection after a reset, when its socket is over a second old.
    const tail = await startTail(['--tcp', '--port', '0', '--format', 'raw', '--idle-timeout', '1500ms'])
    const client = new StatsD({host: '127.0.0.1', port: tail.port, protocol: 'tcp', errorHandler: () => undefined})
    client.increment('before.idle')
    await waitForStdout(tail, stdout => stdout.includes('before.idle'), 'the line before the silence')
    await settle(2500)
    for (let i = 0; i < 3; i++) {
      client.increment(`after.idle.${i}`)
      await settle(100)
    }
    await waitForStdout(tail, stdout => stdout.includes('after.idle.2'), 'the lines after the reset')
    await new Promise(resolve => client.close(resolve))
    const result = await tail.stop()
    expect(result.stdout).toBe('before.idle:1|c\nafter.idle.0:1|c\nafter.idle.1:1|c\nafter.idle.2:1|c\n')
    expect(result.stderr).toMatch(/: 2 connections, 4 lines/)
    expect(result.stderr).toContain('connections closed: 1 silent for --idle-timeout')
  })

  it('counts a reset connection as statsd_exporter does, as a read error', async () => {
    const tail = await startTail(['--tcp', '--port', '0', '--quiet', '--expose', '0'])
    const client = await connect(tail.port)
    client.socket.write('reset:1|c\n')
    await settle(200)
    client.socket.resetAndDestroy()
    await settle(300)
    expect(await scrape(tail)).toContain('statsd_exporter_tcp_connection_errors_total 1\n')
    const result = await tail.stop()
    expect(result.stderr).toContain('connections closed: 1 read error')
  })

  it('keeps running under a low open-file limit, refuses what does not fit and counts every connection', async () => {
    const tail = await startTail(['--tcp', '--port', '0', '--format', 'raw'], {}, {openFiles: 64})
    const [, room] = await tail.waitForStderr(/the open-file limit \(ulimit -n 64\) leaves room for (\d+) TCP connections, not 512; more are refused and counted/)
    const clients = await Promise.all(Array.from({length: 200}, () => connect(tail.port)))
    await settle(1000)
    const held = clients.filter(client => !client.isClosed())
    expect(held).toHaveLength(Number(room))
    for (const client of clients) client.socket.destroy()
    await settle(300)
    // Still listening, and still reading.
    const last = await connect(tail.port)
    last.socket.end('still.here:1|c\n')
    await waitForStdout(tail, stdout => stdout.includes('still.here:1|c'), 'a line after the flood')
    const result = await tail.stop()
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(new RegExp(`: ${Number(room) + 1} connections, 1 line`))
    expect(result.stderr).toContain(`connections refused: ${200 - Number(room)} at the open-file limit (ulimit -n)\n`)
  })
})

describe('durations past what a timer can wait', () => {
  // Node.js fires a timer set beyond 2^31 - 1 ms after 1 ms: every connection would be cut at once, tail would stop at once.
  it.each([
    [['--tcp', '--idle-timeout', '1000h'], '--idle-timeout'],
    [['--duration', '1000h'], '--duration'],
    [['--aggregate', '--interval', '597h'], '--interval'],
  ])('are refused, not cut to 1 ms: %j', async (args, flag) => {
    const result = await runCli(['tail', '--port', '0', ...args], {timeoutMs: 5000})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`${flag}: expected at most 596h (24 days, the longest a timer can wait)`)
  })
})
