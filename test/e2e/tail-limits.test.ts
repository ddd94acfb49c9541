/**
 * tail's bounds under load, end to end: the built CLI, real sockets. --max-series must
 * never leave --aggregate or --top blind to new series, and what it costs is counted.
 */
import dgram from 'node:dgram'
import {describe, expect, it} from 'vitest'
import {startTail, type TailProcess} from '../listen/tail-process.js'

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
