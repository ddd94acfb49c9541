/**
 * `metrics tail` against what a hostile or broken sender can put in one datagram: the
 * built CLI, real UDP packets, every view. Nothing may reach the terminal raw, no packet
 * may poison what `--expose` serves, and no name may blow up a table.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {expectTextFormat} from '../exporter/fixture.js'
import {startTail, type TailProcess} from '../listen/tail-process.js'
import {sendUdp} from '../support/listeners.js'
import {runCli} from '../support/run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'metrics-tail-hostile-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

/** Characters that reorder or hide text on a terminal. */
const INVISIBLE = [
  '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069',
  '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u2060', '\u2061', '\u2062', '\u2063', '\u2064',
  '\ufeff', '\u061c', '\u00ad', '\u3164', '\u{e0041}',
]
const RAW_INVISIBLE = /[\p{Cf}\u3164]/u

const VIEWS: ReadonlyArray<readonly string[]> = [
  ['--format', 'pretty'],
  ['--format', 'json'],
  ['--format', 'raw'],
  ['--aggregate', '--interval', '1h'],
  ['--aggregate', '--interval', '1h', '--format', 'json'],
  ['--top', '--interval', '1h'],
]

describe('tail shows invisible characters escaped', () => {
  // Each in a name, a tag key and value, and a set member.
  const lines = INVISIBLE.flatMap((char, i) => [`exe.${char}gpj${i}:1|c|#k${char}:v${char}`, `members${i}:m${char}|s`])

  it.each(VIEWS.map(view => [view.join(' '), view] as const))('in %s', async (_, view) => {
    const tail = await startTail(['--port', '0', '--count', String(lines.length), ...view])
    await sendUdp(tail.port, lines.join('\n'))
    const {code, stdout, stderr} = await tail.exited
    expect(code, stderr).toBe(0)
    expect(stdout).toContain('exe.')
    expect(stdout).not.toMatch(RAW_INVISIBLE)
    // JSON escapes them as JSON does, the other views as visible() does.
    expect(stdout).toMatch(view.includes('json') ? /\\u202e/ : /\\u202egpj/)
  })
})

/** Sends `lines` over UDP, `perPacket` to a datagram. */
async function sendLines(port: number, lines: readonly string[], perPacket = 50): Promise<void> {
  for (let i = 0; i < lines.length; i += perPacket) await sendUdp(port, lines.slice(i, i + perPacket).join('\n'))
}

describe('tail tables stay bounded whatever the names', () => {
  const LONG_NAME = 'long.' + 'x'.repeat(60_000) + '.end'
  const SERIES = Array.from({length: 9000}, (_, i) => `series.${i}:1|c|#k:${i}`)

  it('--aggregate keeps running with one 60 KB name among 9,000 series, prints bounded lines and the summary', async () => {
    const tail = await startTail(['--port', '0', '--aggregate', '--interval', '1s'])
    try {
      await sendLines(tail.port, SERIES)
      await sendUdp(tail.port, `${LONG_NAME}:1|c|#${'t'.repeat(3000)}:v`)
      // The flush after the long name arrived: it holds at least that name.
      const until = Date.now() + 15_000
      while (!tail.stdout().includes('long.xxx') && Date.now() < until) await new Promise(resolve => setTimeout(resolve, 50))
    } finally {
      const {code, stdout, stderr} = await tail.stop()
      expect(code, stderr).toBe(0)
      expect(stderr).toMatch(/: [\d,]+ packets, [\d,]+ lines/)
      expect(stderr).not.toMatch(/analysis thread/)
      const lines = stdout.split('\n')
      expect(Math.max(...lines.map(line => line.length))).toBeLessThan(500)
      // Shortened in the middle, start and end kept.
      expect(stdout).toMatch(/^long\.x+…x+\.end\s+COUNT\s+1\s/m)
      expect(stdout).toMatch(/^series\.8999\s+COUNT/m)
    }
  })

  it('--aggregate --format json keeps the name whole', async () => {
    const tail = await startTail(['--port', '0', '--aggregate', '--format', 'json', '--interval', '1h', '--count', '1'])
    await sendUdp(tail.port, `${LONG_NAME}:1|c`)
    const {code, stdout, stderr} = await tail.exited
    expect(code, stderr).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({name: LONG_NAME, count: 1})
  })

  it.each([['--format', 'pretty'], ['--top', '--interval', '1h']].map(view => [view.join(' '), view] as const))('%s shortens a 60 KB name, tag list and set member', async (_, view) => {
    const tail = await startTail(['--port', '0', '--count', '2', ...view])
    await sendUdp(tail.port, `${LONG_NAME}:1|c|#${'t'.repeat(3000)}:v`)
    await sendUdp(tail.port, `${LONG_NAME}:${'m'.repeat(3000)}|s`)
    const {code, stdout, stderr} = await tail.exited
    expect(code, stderr).toBe(0)
    expect(Math.max(...stdout.split('\n').map(line => line.length))).toBeLessThan(500)
    expect(stdout).toMatch(/long\.x+…x+\.end/)
    expect(stdout).toMatch(/t{10,}…/)
    expect(stdout).toMatch(/m{10,}…/)
  })
})

/** Names that are empty once their tags are parsed: InfluxDB, SignalFX, Librato. */
const NAMELESS = [',a=b:1|c', '[]:1|ms', '#k=v:1|g', ',x=y:2|c|@0.5', '[k=v]:3|h']

async function scrapeUntil(tail: TailProcess, pattern: RegExp): Promise<string> {
  const [, url] = await tail.waitForStderr(/serving (\S+)/)
  const until = Date.now() + 10_000
  for (;;) {
    const response = await fetch(url)
    expect(response.status).toBe(200)
    const text = await response.text()
    if (pattern.test(text) || Date.now() > until) return text
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}

describe('a sample without a name', () => {
  it('never makes a nameless family in /metrics: dropped and counted as statsd_exporter counts empty_metric_name', async () => {
    const mapping = join(dir, 'empty-rule.yml')
    // A rule whose name template expands to nothing: statsd_exporter's own empty_metric_name.
    writeFileSync(mapping, 'mappings:\n- match: "empty.*"\n  name: "${2}"\n')
    const tail = await startTail(['--port', '0', '--quiet', '--mapping', mapping, '--expose', '0'])
    try {
      for (const line of NAMELESS) await sendUdp(tail.port, line)
      await sendUdp(tail.port, 'empty.rule:1|c')
      await sendUdp(tail.port, 'after:1|c')
      const text = await scrapeUntil(tail, /^after 1$/m)
      expectTextFormat(text)
      expect(text).toMatch(/^after 1$/m)
      expect(text).toMatch(/^statsd_exporter_events_error_total\{reason="empty_metric_name"\} 6$/m)
      // No rule matched the nameless five, as statsd_exporter counts them; `after` is the sixth.
      expect(text).toMatch(/^statsd_exporter_events_unmapped_total 6$/m)
      expect(text).not.toMatch(/^\{|^# (HELP|TYPE) {2}/m)
      // A later scrape is as valid: nothing was left behind to poison it.
      await sendUdp(tail.port, 'after:1|c')
      expectTextFormat(await scrapeUntil(tail, /^after 2$/m))
    } finally {
      const {code, stderr} = await tail.stop()
      expect(code, stderr).toBe(0)
      expect(stderr).toContain('without a name: 5 samples (statsd_exporter makes no series of them: empty_metric_name)')
    }
  })

  it('shows in pretty and json with its status', async () => {
    for (const view of [['--format', 'pretty'], ['--format', 'json']]) {
      const tail = await startTail(['--port', '0', '--count', String(NAMELESS.length), ...view])
      await sendUdp(tail.port, NAMELESS.join('\n'))
      const {code, stdout, stderr} = await tail.exited
      expect(code, stderr).toBe(0)
      const lines = stdout.trim().split('\n')
      expect(lines).toHaveLength(NAMELESS.length)
      if (view[1] === 'json') {
        for (const line of lines) expect(JSON.parse(line)).toMatchObject({name: '', prometheus: {status: 'empty_metric_name', mapping: null}})
      } else {
        for (const line of lines) expect(line).toMatch(/→ empty_metric_name \(no name\)$/)
      }
    }
  })

  it.each([['--aggregate', '--interval', '1h'], ['--top', '--interval', '1h']].map(view => [view.join(' '), view] as const))('%s does not table it, and counts it in the title', async (_, view) => {
    const tail = await startTail(['--port', '0', '--count', String(NAMELESS.length + 1), ...view])
    await sendUdp(tail.port, [...NAMELESS, 'named:1|c'].join('\n'))
    const {code, stdout, stderr} = await tail.exited
    expect(code, stderr).toBe(0)
    expect(stdout).toMatch(/1 series .*5 without a name/)
    expect(stdout).toMatch(/^named\s+COUNT/m)
    expect(stdout).not.toMatch(/^\s+(COUNT|TIMER|GAUGE|HIST)/m)
  })

  it('metrics map says statsd_exporter drops it', async () => {
    const mapping = join(dir, 'map.yml')
    writeFileSync(mapping, 'mappings:\n- match: "empty.*"\n  name: "${2}"\n')
    const {code, stdout} = await runCli(['map', '-c', mapping, '', 'empty.x', 'ok'])
    expect(code).toBe(0)
    expect(stdout).toBe([
      ' → empty_metric_name (no name: statsd_exporter drops the event)',
      "empty.x → empty_metric_name (the rule's name is empty: statsd_exporter drops the event)",
      'ok → unmapped ok',
      '',
    ].join('\n'))
    const json = await runCli(['map', '-c', mapping, '--json', '--', '', 'ok'])
    expect(JSON.parse(json.stdout)).toMatchObject([{input: '', name: '', error: 'empty_metric_name'}, {input: 'ok', name: 'ok'}])
    expect(JSON.parse(json.stdout)[1]).not.toHaveProperty('error')
  })
})
