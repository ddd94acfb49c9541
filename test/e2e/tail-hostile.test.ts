/**
 * `metrics tail` against what a hostile or broken sender can put in one datagram: the
 * built CLI, real UDP packets, every view. Nothing may reach the terminal raw, no packet
 * may poison what `--expose` serves, and no name may blow up a table.
 */
import {describe, expect, it} from 'vitest'
import {startTail} from '../listen/tail-process.js'
import {sendUdp} from '../support/listeners.js'

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
