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
