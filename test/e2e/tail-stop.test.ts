/**
 * How `metrics tail` ends: when stdout fails under it, and what it counts at a stop. The
 * built CLI, real UDP packets.
 */
import {spawn} from 'node:child_process'
import dgram from 'node:dgram'
import {closeSync, openSync} from 'node:fs'
import net from 'node:net'
import type {Readable} from 'node:stream'
import {describe, expect, it} from 'vitest'
import {startTail} from '../listen/tail-process.js'
import {sendUdp} from '../support/listeners.js'
import {CLI, type CliResult} from '../support/run-cli.js'

const VIEWS: ReadonlyArray<readonly string[]> = [
  ['--format', 'pretty'],
  ['--format', 'json'],
  ['--format', 'raw'],
  ['--aggregate', '--interval', '200ms'],
  ['--aggregate', '--interval', '200ms', '--format', 'json'],
  ['--top', '--interval', '200ms'],
]

interface Running {
  readonly exited: Promise<CliResult>
  readonly stdout: Readable | null
}

/** `metrics tail --port 0 ...args` with stdout given; sends a line every 20 ms to where it listens, until it exits. */
async function tailSending(args: readonly string[], stdout: 'pipe' | number): Promise<Running> {
  const child = spawn(process.execPath, [CLI, 'tail', '--port', '0', ...args], {env: {...process.env, NO_COLOR: '1'}, stdio: ['ignore', stdout, 'pipe']})
  let stderr = ''
  child.stderr?.on('data', chunk => (stderr += chunk))
  const exited = new Promise<CliResult>(resolve => child.on('close', code => resolve({code, stdout: '', stderr})))
  const until = Date.now() + 15_000
  let port: string | undefined
  while ((port = /listening on udp:\/\/127\.0\.0\.1:(\d+)/.exec(stderr)?.[1]) === undefined) {
    if (child.exitCode !== null || Date.now() > until) throw new Error(`tail did not start: ${stderr}`)
    await new Promise(resolve => setTimeout(resolve, 20))
  }
  let running = true
  void exited.then(() => (running = false))
  void (async () => {
    for (let i = 0; running && Date.now() < until; i++) {
      await sendUdp(Number(port), `line.${i}:1|c`)
      await new Promise(resolve => setTimeout(resolve, 20))
    }
    if (running) child.kill('SIGKILL')
  })()
  return {exited, stdout: child.stdout}
}

describe('tail when stdout fails', () => {
  it.each(VIEWS.map(view => [view.join(' '), view] as const))('%s > /dev/full: one line after the summary, exit 1, no stack trace', async (_, view) => {
    const full = openSync('/dev/full', 'w')
    try {
      const {code, stderr} = await (await tailSending(view, full)).exited
      expect(code, stderr).toBe(1)
      const lines = stderr.trim().split('\n')
      expect(lines.at(-1)).toBe('Error: cannot write to stdout: no space left on the device')
      expect(stderr).toMatch(/^udp:\/\/127\.0\.0\.1:\d+: [\d,]+ packets?, /m)
      expect(stderr).not.toMatch(/^\s+at /m)
    } finally {
      closeSync(full)
    }
  })

  it.each(VIEWS.map(view => [view.join(' '), view] as const))('%s | head -1: ends quietly with 0 once the reader has gone', async (_, view) => {
    const running = await tailSending(view, 'pipe')
    // What `head -1` does: read the first line, then close the pipe.
    await new Promise<void>(resolve => running.stdout?.once('data', () => resolve()))
    running.stdout?.destroy()
    const {code, stderr} = await running.exited
    expect(code, stderr).toBe(0)
    expect(stderr).not.toMatch(/Error|^\s+at /m)
    expect(stderr).toMatch(/^udp:\/\/127\.0\.0\.1:\d+: [\d,]+ packets?, /m)
  })
})

/** The number the first group of `pattern` finds in the summary, with its thousands separators. */
function counted(stderr: string, pattern: RegExp): number {
  const found = pattern.exec(stderr)
  if (found === null) throw new Error(`${pattern} not in: ${stderr}`)
  return Number(found[1].replaceAll(',', ''))
}

describe('tail counts what the socket still holds at a stop', () => {
  const SENT = 30_000

  it.each([['--quiet'], ['--format', 'json'], ['--aggregate', '--interval', '1h'], ['--top', '--interval', '1h']].map(view => [view.join(' '), view] as const))(
    'UDP %s: 30,000 datagrams sent just before Ctrl-C are all counted, or counted as dropped',
    async (_, view) => {
      const tail = await startTail(['--port', '0', ...view])
      const socket = dgram.createSocket('udp4')
      // A connected socket hears of a closed port (ICMP) as an error.
      socket.on('error', () => undefined)
      await new Promise<void>(resolve => socket.connect(tail.port, '127.0.0.1', resolve))
      let sent = 0
      await new Promise<void>(resolve => {
        for (let i = 0; i < SENT; i++) socket.send(`burst.${i % 100}:1|c`, () => ++sent === SENT && resolve())
      })
      socket.close()
      const {code, stderr} = await tail.stop()
      expect(code, stderr).toBe(0)
      const packets = counted(stderr, /: ([\d,]+) packets,/)
      const kernelDrops = counted(stderr, /^kernel drops: ([\d,]+)/m)
      const analysisDrops = /^analysis drops: ([\d,]+)/m.test(stderr) ? counted(stderr, /^analysis drops: ([\d,]+)/m) : 0
      expect(packets + kernelDrops + analysisDrops, stderr).toBe(SENT)
      expect(stderr).not.toMatch(/left unread/)
    },
  )

  it('TCP: 100,000 lines written just before Ctrl-C are all counted', async () => {
    const tail = await startTail(['--tcp', '--port', '0', '--quiet'])
    const socket = net.connect(tail.port, '127.0.0.1')
    await new Promise(resolve => socket.once('connect', resolve))
    const lines = 100_000
    await new Promise<void>(resolve => socket.write(Array.from({length: lines}, (_, i) => `tcp.${i % 100}:1|c\n`).join(''), () => resolve()))
    const {code, stderr} = await tail.stop()
    socket.destroy()
    expect(code, stderr).toBe(0)
    expect(counted(stderr, /connection, ([\d,]+) lines/)).toBe(lines)
  })

  it.each([['--quiet'], ['--top', '--interval', '1h']].map(view => [view.join(' '), view] as const))(
    'TCP %s at --max-connections: lines written on every held connection just before Ctrl-C are all counted, the refused one too',
    async (_, view) => {
      const tail = await startTail(['--tcp', '--port', '0', '--max-connections', '4', '--idle-timeout', '30s', ...view])
      const held = await Promise.all([1, 2, 3, 4].map(async () => {
        const socket = net.connect(tail.port, '127.0.0.1')
        await new Promise(resolve => socket.once('connect', resolve))
        return socket
      }))
      // Accepted and reset at once: the cap is full.
      const refused = net.connect(tail.port, '127.0.0.1')
      refused.on('error', () => undefined)
      await new Promise(resolve => refused.once('close', resolve))
      const perConnection = 25_000
      await Promise.all(held.map((socket, c) => new Promise<void>(resolve => {
        socket.write(Array.from({length: perConnection}, (_, i) => `tcp.${c}.${i % 100}:1|c\n`).join(''), () => resolve())
      })))
      const {code, stderr} = await tail.stop()
      for (const socket of held) socket.destroy()
      expect(code, stderr).toBe(0)
      expect(counted(stderr, /: ([\d,]+) connections,/)).toBe(4)
      expect(counted(stderr, /connections, ([\d,]+) lines/)).toBe(4 * perConnection)
      expect(stderr).toContain('connections refused: 1 at --max-connections\n')
    },
  )

  it('stops within the drain\'s budget while a sender keeps sending', async () => {
    const tail = await startTail(['--port', '0', '--quiet'])
    const socket = dgram.createSocket('udp4')
    // It goes on sending after tail has closed its port, which a connected socket hears of as an error.
    socket.on('error', () => undefined)
    await new Promise<void>(resolve => socket.connect(tail.port, '127.0.0.1', resolve))
    let sending = true
    const flood = (async () => {
      while (sending) {
        for (let i = 0; i < 100; i++) socket.send('flood:1|c')
        await new Promise(resolve => setImmediate(resolve))
      }
    })()
    await new Promise(resolve => setTimeout(resolve, 300))
    const started = Date.now()
    const {code, stderr} = await tail.stop()
    const took = Date.now() - started
    sending = false
    await flood
    socket.close()
    expect(code, stderr).toBe(0)
    expect(took, stderr).toBeLessThan(4000)
    expect(stderr).toMatch(/^udp:\/\/127\.0\.0\.1:\d+: [\d,]+ packets,/m)
  })
})
