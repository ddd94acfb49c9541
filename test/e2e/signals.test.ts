import {execFileSync, spawn, type ChildProcess} from 'node:child_process'
import dgram from 'node:dgram'
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'
import {uniquePrefix, testClient, deleteKeys} from '../redis/support.js'
import {udpListener, type Listener} from '../support/listeners.js'
import {CLI, runCli} from '../support/run-cli.js'
import {scratchPostgres, type ScratchDatabase} from '../tables/databases.js'

/**
 * Every long-running command stops promptly and cleanly on SIGTERM (what cron, systemd
 * and Kubernetes send) as on Ctrl-C: the built CLI is started, seen to be really at
 * work, sent a real signal, and must exit within STOP_MS with its documented code and
 * output, leaving nothing behind.
 */
const STOP_MS = 3000
const SAMPLE = fileURLToPath(new URL('../../examples/datamaps/sample.csv', import.meta.url))
const TIMEOUT = 60_000

interface Ended {
  readonly code: number | null
  /** The signal that killed it, when one did. */
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

interface Stopped extends Ended {
  /** From the signal to the exit. */
  readonly ms: number
}

interface Running {
  stdout(): string
  stderr(): string
  readonly stdin: NodeJS.WritableStream
  /** Resolves once `ready()` holds; fails the test if the command exits first or 15 s pass. */
  waitFor(ready: () => boolean, what: string): Promise<void>
  kill(signal: NodeJS.Signals): void
  /** Sends `signal` and waits for the exit (killing it after 10 s, so that a hang fails instead of blocking). */
  stop(signal: NodeJS.Signals): Promise<Stopped>
  readonly exited: Promise<Ended>
}

const running = new Set<ChildProcess>()
afterEach(() => {
  for (const child of running) child.kill('SIGKILL')
  running.clear()
})

/** `metrics ...args`, as a user starts it, with stdin left open (a pipe nobody closes). */
function start(args: readonly string[], options: {env?: NodeJS.ProcessEnv; user?: {uid: number; gid: number}} = {}): Running {
  const inherited = Object.entries(process.env).filter(([key]) => !/^(STATSD_|DD_|METRICS_CONFIG$|DATABASE_URL$|REDIS_URL$|PUSHGATEWAY_URL$)/.test(key))
  const child = spawn(process.execPath, [CLI, ...args], {env: {...Object.fromEntries(inherited), NO_COLOR: '1', ...options.env}, stdio: ['pipe', 'pipe', 'pipe'], ...options.user})
  running.add(child)
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', chunk => (stdout += chunk))
  child.stderr.on('data', chunk => (stderr += chunk))
  child.stdin.on('error', () => undefined)
  const exited = new Promise<Ended>(resolve =>
    child.on('close', (code, signal) => {
      running.delete(child)
      resolve({code, signal, stdout, stderr})
    }),
  )
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    stdin: child.stdin,
    async waitFor(ready, what) {
      const deadline = Date.now() + 15_000
      while (!ready()) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`exited (${child.exitCode ?? child.signalCode}) before ${what}: ${stderr}`)
        if (Date.now() > deadline) throw new Error(`never ${what}: ${stderr}`)
        await new Promise(resolve => setTimeout(resolve, 20))
      }
    },
    kill: signal => void child.kill(signal),
    async stop(signal) {
      const sent = Date.now()
      child.kill(signal)
      const backstop = setTimeout(() => child.kill('SIGKILL'), 10_000)
      const ended = await exited
      clearTimeout(backstop)
      return {...ended, ms: Date.now() - sent}
    },
    exited,
  }
}

const listening = (command: Running): Promise<void> => command.waitFor(() => /listening on /.test(command.stderr()), 'listened')

/** A TCP server that accepts every connection and never says or reads a thing. */
async function silentServer(): Promise<{port: number; connections(): number; bytes(): number; close(): Promise<void>}> {
  const sockets = new Set<net.Socket>()
  let connections = 0
  let bytes = 0
  const server = net.createServer(socket => {
    connections++
    sockets.add(socket)
    socket.on('error', () => undefined)
    // Reads once, so that a test knows data arrived; then never again, so that the sender's buffers fill.
    socket.once('data', chunk => {
      bytes += chunk.length
      socket.pause()
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => connections,
    bytes: () => bytes,
    close: () => {
      for (const socket of sockets) socket.destroy()
      return new Promise(resolve => server.close(() => resolve()))
    },
  }
}

function sendUdp(port: number, text: string): Promise<void> {
  const socket = dgram.createSocket('udp4')
  return new Promise(resolve => socket.send(text, port, '127.0.0.1', () => socket.close(() => resolve())))
}

let scratch: string
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'metrics-signals-'))
})
afterAll(() => rmSync(scratch, {recursive: true, force: true}))
let made = 0
const fresh = (name: string): string => join(scratch, `${++made}-${name}`)

/** Every file under `dir`, relative, hidden ones included. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, {recursive: true, encoding: 'utf8'}).filter(path => statSync(join(dir, path)).isFile()).sort()
}

describe('metrics tail stops on SIGTERM as on Ctrl-C: the summary, exit 0', () => {
  it.each([
    {view: 'udp', args: [], signal: 'SIGTERM'},
    {view: 'udp', args: [], signal: 'SIGINT'},
    {view: '--aggregate', args: ['--aggregate', '--interval', '1h'], signal: 'SIGTERM'},
    {view: '--top', args: ['--top', '--interval', '1h'], signal: 'SIGTERM'},
    {view: '--expose', args: ['--expose', '0', '--quiet'], signal: 'SIGTERM'},
  ] as const)('$view, on $signal', async ({args, signal}) => {
    const tail = start(['tail', '--port', '0', ...args])
    await listening(tail)
    const port = Number(/listening on udp:\/\/127\.0\.0\.1:(\d+)/.exec(tail.stderr())?.[1])
    await sendUdp(port, 'signals.a:1|c')
    if (args.length === 0) await tail.waitFor(() => tail.stdout().includes('signals.a'), 'printed the packet')
    else await new Promise(resolve => setTimeout(resolve, 200))
    const stopped = await tail.stop(signal)
    expect(stopped).toMatchObject({code: 0, signal: null})
    expect(stopped.ms).toBeLessThan(STOP_MS)
    expect(stopped.stderr).toMatch(new RegExp(`udp://127\\.0\\.0\\.1:${port}: 1 packet, 1 line, 1 sample in `))
  }, TIMEOUT)

  it('over TCP, with a client still connected', async () => {
    const tail = start(['tail', '--tcp', '--port', '0'])
    await listening(tail)
    const port = Number(/listening on tcp:\/\/127\.0\.0\.1:(\d+)/.exec(tail.stderr())?.[1])
    const client = net.connect(port, '127.0.0.1')
    client.on('error', () => undefined)
    client.write('signals.tcp:1|c\n')
    await tail.waitFor(() => tail.stdout().includes('signals.tcp'), 'printed the line')
    const stopped = await tail.stop('SIGTERM')
    client.destroy()
    expect(stopped).toMatchObject({code: 0, signal: null})
    expect(stopped.ms).toBeLessThan(STOP_MS)
    expect(stopped.stderr).toMatch(/tcp:\/\/127\.0\.0\.1:\d+: 1 connection, 1 line, 1 sample in /)
  }, TIMEOUT)

  it('on a unixgram socket, which it removes', async () => {
    const path = fresh('statsd.sock')
    const tail = start(['tail', '--socket', path])
    await listening(tail)
    expect(existsSync(path)).toBe(true)
    const stopped = await tail.stop('SIGTERM')
    expect(stopped).toMatchObject({code: 0, signal: null})
    expect(stopped.ms).toBeLessThan(STOP_MS)
    expect(existsSync(path)).toBe(false)
  }, TIMEOUT)

  it('reading --input - from a pipe that stays open', async () => {
    const tail = start(['tail', '--input', '-'])
    tail.stdin.write('signals.stdin:1|c\n')
    await tail.waitFor(() => tail.stdout().includes('signals.stdin'), 'printed the line')
    const stopped = await tail.stop('SIGTERM')
    expect(stopped).toMatchObject({code: 0, signal: null})
    expect(stopped.ms).toBeLessThan(STOP_MS)
    expect(stopped.stderr).toMatch(/^stdin: 1 line, 1 sample in /m)
  }, TIMEOUT)

  it('reading --input from a FIFO that no writer has opened yet', async () => {
    const fifo = fresh('fifo')
    execFileSync('mkfifo', [fifo])
    const capture = fresh('capture.jsonl')
    // The capture file is made just before the input is opened: something to wait for.
    const tail = start(['tail', '--input', fifo, '--capture', capture])
    await tail.waitFor(() => existsSync(capture), 'made the capture file')
    await new Promise(resolve => setTimeout(resolve, 200))
    const stopped = await tail.stop('SIGTERM')
    expect(stopped).toMatchObject({code: 0, signal: null})
    expect(stopped.ms).toBeLessThan(STOP_MS)
    expect(stopped.stderr).toMatch(/fifo: 0 lines, 0 samples in /)
  }, TIMEOUT)

  it('with --capture: the file is closed whole, every packet in it', async () => {
    const capture = fresh('traffic.jsonl')
    const tail = start(['tail', '--port', '0', '--format', 'raw', '--capture', capture])
    await listening(tail)
    const port = Number(/listening on udp:\/\/127\.0\.0\.1:(\d+)/.exec(tail.stderr())?.[1])
    for (const line of ['c.a:1|c', 'c.b:2|g', 'c.c:3|ms']) await sendUdp(port, line)
    await tail.waitFor(() => tail.stdout().includes('c.c:3|ms'), 'printed the packets')
    const stopped = await tail.stop('SIGTERM')
    expect(stopped).toMatchObject({code: 0, signal: null})
    expect(stopped.stderr).toContain(`captured 3 packets to ${capture}`)
    const lines = readFileSync(capture, 'utf8').split('\n')
    expect(lines.pop()).toBe('')
    expect(lines.map(line => JSON.parse(line) as {data?: string}).slice(1).map(packet => packet.data)).toEqual(['c.a:1|c', 'c.b:2|g', 'c.c:3|ms'])
  }, TIMEOUT)

  it('takes SIGHUP as a reload of --mapping, not as a stop', async () => {
    const mapping = fresh('mapping.yml')
    writeFileSync(mapping, 'mappings:\n  - match: "a.*"\n    name: "a_total"\n')
    const tail = start(['tail', '--port', '0', '--mapping', mapping])
    await listening(tail)
    tail.kill('SIGHUP')
    await tail.waitFor(() => /mapping\.yml: reloaded, 1 mapping/.test(tail.stderr()), 'reloaded')
    const stopped = await tail.stop('SIGTERM')
    expect(stopped).toMatchObject({code: 0, signal: null})
    expect(stopped.stderr).toMatch(/udp:\/\/127\.0\.0\.1:\d+: 0 packets/)
  }, TIMEOUT)
})

describe('metrics send stops on SIGTERM as on Ctrl-C, and reports what it sent', () => {
  let udp: Listener
  beforeAll(async () => {
    udp = await udpListener()
  })
  afterAll(() => udp.close())

  it.each([
    {mode: '--rate alone', args: ['--rate', '100/s'], signal: 'SIGTERM'},
    {mode: '--rate alone', args: ['--rate', '100/s'], signal: 'SIGINT'},
    {mode: '--rate and a long --duration', args: ['--rate', '100/s', '--duration', '1h'], signal: 'SIGTERM'},
  ] as const)('load mode, $mode, on $signal', async ({args, signal}) => {
    const name = `load.${++made}`
    const send = start(['send', 'incr', name, ...args, '-p', String(udp.port)])
    await send.waitFor(() => udp.lines().filter(line => line.startsWith(`${name}:`)).length >= 5, 'sent 5 lines')
    const stopped = await send.stop(signal)
    expect(stopped).toMatchObject({code: 0, signal: null})
    expect(stopped.ms).toBeLessThan(STOP_MS)
    const sent = Number(/^sent (\d+) lines /.exec(stopped.stderr)?.[1])
    await udp.waitForLines(0)
    expect(sent).toBeGreaterThanOrEqual(5)
    expect(udp.lines().filter(line => line.startsWith(`${name}:`))).toHaveLength(sent)
  }, TIMEOUT)

  it('--replay, waiting for a packet an hour away', async () => {
    const capture = fresh('replay.jsonl')
    writeFileSync(capture, [JSON.stringify({metricsCapture: 1, started: new Date().toISOString(), source: 'udp://127.0.0.1:8125'}), '{"t":0,"data":"replayed.first:1|c"}', '{"t":3600000,"data":"replayed.later:1|c"}', ''].join('\n'))
    const send = start(['send', '--replay', capture, '-p', String(udp.port)])
    await send.waitFor(() => udp.lines().includes('replayed.first:1|c'), 'sent the first packet')
    const stopped = await send.stop('SIGTERM')
    expect(stopped).toMatchObject({code: 0, signal: null})
    expect(stopped.ms).toBeLessThan(STOP_MS)
    expect(stopped.stderr).toMatch(/^sent 1 line \(18 bytes\) to udp:\/\//)
  }, TIMEOUT)

  it('--replay of a FIFO that no writer has opened yet', async () => {
    const fifo = fresh('replay.fifo')
    execFileSync('mkfifo', [fifo])
    const send = start(['send', '--replay', fifo, '-p', String(udp.port)])
    await new Promise(resolve => setTimeout(resolve, 1000))
    const stopped = await send.stop('SIGTERM')
    expect(stopped.ms).toBeLessThan(STOP_MS)
    // An interrupted wait for the writer reads nothing: the capture is empty.
    expect(stopped).toMatchObject({code: 2, signal: null, stderr: `Error: ${fifo}: the capture is empty (make one with metrics tail --capture FILE)\n`})
  }, TIMEOUT)

  it('metrics send - from a pipe that stays open: what was read is sent', async () => {
    const send = start(['send', '-', '-p', String(udp.port)])
    send.stdin.write('incr piped.a\ngauge piped.b 3\n')
    await send.waitFor(() => udp.lines().includes('piped.b:3|g'), 'sent both lines')
    const stopped = await send.stop('SIGTERM')
    expect(stopped).toMatchObject({code: 0, signal: null})
    expect(stopped.ms).toBeLessThan(STOP_MS)
    expect(stopped.stderr).toMatch(/^sent 2 lines \(\d+ bytes\) to udp:\/\//)
  }, TIMEOUT)

  describe('to a TCP server that stopped reading', () => {
    let server: Awaited<ReturnType<typeof silentServer>>
    beforeAll(async () => {
      server = await silentServer()
    })
    afterAll(() => server.close())

    /** A flood the server takes nothing of any more: its socket buffers are full. */
    async function flooding(): Promise<Running> {
      const before = server.bytes()
      const send = start(['send', 'incr', 'flood', '--count', '100000000', '--protocol', 'tcp', '-p', String(server.port)])
      await send.waitFor(() => server.bytes() > before, 'sent bytes')
      await new Promise(resolve => setTimeout(resolve, 1000))
      return send
    }

    it('exits 1, saying how many lines it never took', async () => {
      const stopped = await (await flooding()).stop('SIGTERM')
      expect(stopped).toMatchObject({code: 1, signal: null})
      expect(stopped.ms).toBeLessThan(STOP_MS)
      expect(stopped.stderr).toMatch(new RegExp(`^Error: interrupted before tcp://127\\.0\\.0\\.1:${server.port} took [\\d,]+ lines; [\\d,]+ sent \\(is the statsd server reading\\?\\)\\n$`))
    }, TIMEOUT)

    it('a second SIGTERM while it winds down ends it at once', async () => {
      const send = await flooding()
      send.kill('SIGTERM')
      // The first gives sends in flight a moment (INTERRUPT_GRACE_MS); the second does not wait.
      await new Promise(resolve => setTimeout(resolve, 100))
      const stopped = await send.stop('SIGTERM')
      expect(stopped).toMatchObject({code: null, signal: 'SIGTERM'})
      expect(stopped.ms).toBeLessThan(500)
    }, TIMEOUT)
  })
})

describe('a command that never watches for a stop still ends on SIGTERM', () => {
  it.each([
    ['metrics lint -, on its fast path', ['lint', '-']],
    ['metrics lint -, through oclif', ['lint', '--', '-']],
  ])('%s, reading a pipe that stays open', async (_, args) => {
    const lint = start(args)
    await new Promise(resolve => setTimeout(resolve, 500))
    const stopped = await lint.stop('SIGTERM')
    expect(stopped).toMatchObject({code: null, signal: 'SIGTERM'})
    expect(stopped.ms).toBeLessThan(STOP_MS)
  }, TIMEOUT)
})

describe('metrics queues and tables stop on SIGTERM at once, even while a server never answers', () => {
  let server: Awaited<ReturnType<typeof silentServer>>
  beforeAll(async () => {
    server = await silentServer()
  })
  afterAll(() => server.close())

  const connected = async (command: Running, before: number): Promise<void> => {
    await command.waitFor(() => server.connections() > before, 'connected')
    // Past the connect: waiting on the server's answer.
    await new Promise(resolve => setTimeout(resolve, 200))
  }

  it.each([
    ['queues, fast path', ['queues', '--queue', 'q', '--redis', 'REDIS'], 'Redis at redis://127.0.0.1:PORT'],
    ['queues --json, through oclif', ['queues', '--queue', 'q', '--redis', 'REDIS', '--json'], 'Redis at redis://127.0.0.1:PORT'],
    ['tables on MySQL, fast path', ['tables', '--db', 'mysql://root@127.0.0.1:PORT/test', '--table', 't'], 'mysql://root@127.0.0.1:PORT/test'],
    ['tables on PostgreSQL, fast path', ['tables', '--db', 'postgres://root@127.0.0.1:PORT/test', '--table', 't'], 'postgres://root@127.0.0.1:PORT/test'],
    ['tables --json, through oclif', ['tables', '--db', 'postgres://root@127.0.0.1:PORT/test', '--table', 't', '--json'], 'postgres://root@127.0.0.1:PORT/test'],
  ])('%s, run once: exit 1, nothing sent, no textfile', async (_, args, what) => {
    const dir = fresh('textfile')
    mkdirSync(dir)
    const textfile = join(dir, 'gauges.prom')
    const port = String(server.port)
    const filled = args.map(arg => arg.replace('REDIS', `redis://127.0.0.1:${port}`).replace('PORT', port))
    const command = start([...filled, '--timeout', '30s', '--textfile', textfile, '--statsd', '--port', '9'])
    await connected(command, server.connections())
    const stopped = await command.stop('SIGTERM')
    expect(stopped).toMatchObject({code: 1, signal: null})
    expect(stopped.ms).toBeLessThan(STOP_MS)
    const message = `interrupted while reading ${what.replace('PORT', port)}; nothing sent`
    if (args.includes('--json')) expect(JSON.parse(stopped.stdout)).toEqual({error: {message, exitCode: 1}})
    else expect(stopped.stderr).toBe(`Error: ${message}\n`)
    expect(readdirSync(dir)).toEqual([])
  }, TIMEOUT)

  it.each([
    ['queues', ['queues', '--queue', 'q', '--redis', 'REDIS']],
    ['tables', ['tables', '--db', 'postgres://root@127.0.0.1:PORT/test', '--table', 't']],
  ])('%s --interval, while connecting: a stop as asked, exit 0', async (_, args) => {
    const port = String(server.port)
    const filled = args.map(arg => arg.replace('REDIS', `redis://127.0.0.1:${port}`).replace('PORT', port))
    const command = start([...filled, '--interval', '60s', '--timeout', '30s', '--port', '9'])
    await connected(command, server.connections())
    const stopped = await command.stop('SIGTERM')
    expect(stopped).toMatchObject({code: 0, signal: null, stderr: ''})
    expect(stopped.ms).toBeLessThan(STOP_MS)
  }, TIMEOUT)
})

describe('metrics queues and tables --interval stop on SIGTERM between samples, the textfile whole', () => {
  let postgres: ScratchDatabase
  const prefix = uniquePrefix('e2e-signals')
  const redis = testClient()
  beforeAll(async () => {
    postgres = await scratchPostgres()
    await postgres.exec('CREATE TABLE imports (created timestamptz)')
    await postgres.exec("INSERT INTO imports VALUES (now() - interval '1 hour')")
    await redis.rpush(`${prefix}list`, 'a', 'b')
  })
  afterAll(async () => {
    await postgres.drop()
    await deleteKeys(redis, prefix)
    redis.disconnect()
  })

  it.each([
    ['queues, fast path', () => ['queues', '--queue', `${prefix}list`, '--redis', 'redis://127.0.0.1:6379/0'], /^queue_length\{queue=".*list"\} 2$/m],
    ['queues --json, through oclif', () => ['queues', '--queue', `${prefix}list`, '--redis', 'redis://127.0.0.1:6379/0', '--json'], /^queue_length\{queue=".*list"\} 2$/m],
    ['tables, fast path', () => ['tables', '--db', postgres.url, '--table', 'imports'], /^imports_last_timestamp_seconds \d+/m],
  ])('%s', async (_, args, gauge) => {
    const dir = fresh('textfile')
    mkdirSync(dir)
    const textfile = join(dir, 'gauges.prom')
    const command = start([...args(), '--interval', '60s', '--textfile', textfile])
    await command.waitFor(() => existsSync(textfile), 'wrote the textfile')
    const stopped = await command.stop('SIGTERM')
    expect(stopped).toMatchObject({code: 0, signal: null, stderr: ''})
    expect(stopped.ms).toBeLessThan(STOP_MS)
    expect(readdirSync(dir)).toEqual(['gauges.prom'])
    expect(readFileSync(textfile, 'utf8')).toMatch(gauge)
  }, TIMEOUT)
})

describe('metrics datamaps checks its output before any work', () => {
  const unwritable: Array<[what: string, output: () => string, cause: (output: string) => string]> = [
    ['under a regular file', () => join(scratch, 'a-file', 'tiles'), () => `${join(scratch, 'a-file')} is not a directory (ENOTDIR)`],
    ['under a dangling symlink', () => join(scratch, 'dangling', 'tiles'), () => `${join(scratch, 'dangling')} takes no new directories (ENOENT)`],
  ]
  // Node's own recursive mkdir spins forever under /proc, at full CPU and deaf to SIGTERM.
  if (existsSync('/proc/self')) unwritable.push(['under /proc', () => '/proc/x', () => '/proc takes no new directories (ENOENT)'])
  if (existsSync('/sys/kernel')) unwritable.push(['under /sys', () => '/sys/x', () => 'no permission to write in /sys (EPERM)'])

  beforeAll(() => {
    writeFileSync(join(scratch, 'a-file'), '')
    symlinkSync(join(scratch, 'gone'), join(scratch, 'dangling'))
  })

  it.each(unwritable)('refuses an output %s: one line, exit 1, at once', async (_, output, cause) => {
    const started = Date.now()
    const result = await runCli(['datamaps', '--source', `csv:${SAMPLE}`, '--output', output(), '--port', '9'], {timeoutMs: 10_000})
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(`Error: cannot write to output directory ${output()}: ${cause(output())} (check --output and its permissions)\n`)
    expect(Date.now() - started).toBeLessThan(STOP_MS + 2000)
  }, TIMEOUT)

  it('refuses a read-only directory (run as another user when this is root)', async () => {
    const parent = fresh('read-only')
    mkdirSync(parent)
    chmodSync(parent, 0o555)
    // nobody must reach it, and the CLI.
    chmodSync(scratch, 0o755)
    const asRoot = process.getuid?.() === 0
    const output = join(parent, 'tiles')
    const command = start(['datamaps', '--source', `csv:${SAMPLE}`, '--output', output, '--port', '9'], asRoot ? {user: {uid: 65534, gid: 65534}, env: {HOME: scratch}} : {})
    const result = await command.exited
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(`Error: cannot write to output directory ${output}: no permission to write in ${parent} (EACCES) (check --output and its permissions)\n`)
  }, TIMEOUT)
})

describe('metrics datamaps stops on SIGTERM in every stage: exit 1, every tile whole, no staging left', () => {
  /** The staging directory's tiles: render is at work once there are some. */
  const staged = (output: string): string[] => filesUnder(output).filter(path => path.startsWith('.datamaps-staging-') && path.endsWith('.png'))

  it.each(['SIGTERM', 'SIGINT'] as const)('during export, reading csv:- from a pipe that stays open, on %s', async signal => {
    const output = fresh('tiles')
    const datamaps = start(['datamaps', '--source', 'csv:-', '--output', output, '--port', '9'])
    datamaps.stdin.write('51.5,-0.12\n')
    await datamaps.waitFor(() => existsSync(output), 'checked the output')
    await new Promise(resolve => setTimeout(resolve, 300))
    const stopped = await datamaps.stop(signal)
    expect(stopped).toMatchObject({code: 1, signal: null})
    expect(stopped.ms).toBeLessThan(STOP_MS)
    expect(stopped.stderr).toMatch(/^Error: interrupted during export \(run it again: /)
    expect(filesUnder(output)).toEqual([])
  }, TIMEOUT)

  it('during export, waiting for the writer of a FIFO (csv:FIFO)', async () => {
    const fifo = fresh('points.csv')
    execFileSync('mkfifo', [fifo])
    const output = fresh('tiles')
    const datamaps = start(['datamaps', '--source', `csv:${fifo}`, '--output', output, '--port', '9'])
    await datamaps.waitFor(() => existsSync(output), 'checked the output')
    await new Promise(resolve => setTimeout(resolve, 300))
    const stopped = await datamaps.stop('SIGTERM')
    expect(stopped).toMatchObject({code: 1, signal: null})
    expect(stopped.ms).toBeLessThan(STOP_MS)
    expect(stopped.stderr).toMatch(/^Error: interrupted during export \(/)
    expect(filesUnder(output)).toEqual([])
  }, TIMEOUT)

  it('during render, on its worker threads', async () => {
    const output = fresh('tiles')
    const datamaps = start(['datamaps', '--source', `csv:${SAMPLE}`, '--output', output, '--max-zoom', '13', '--concurrency', '1', '--port', '9'])
    await datamaps.waitFor(() => staged(output).length > 0, 'staged a tile')
    const stopped = await datamaps.stop('SIGTERM')
    expect(stopped).toMatchObject({code: 1, signal: null})
    expect(stopped.ms).toBeLessThan(STOP_MS)
    expect(stopped.stderr).toBe('Error: interrupted during render (run it again: every tile written so far is whole, and the next run converges to the same tiles)\n')
    expect(filesUnder(output)).toEqual([])
  }, TIMEOUT)

  it('while the database never answers: before export', async () => {
    const server = await silentServer()
    try {
      const output = fresh('tiles')
      const datamaps = start(['datamaps', '--source', `mysql://root@127.0.0.1:${server.port}/location`, '--output', output, '--port', '9'])
      await datamaps.waitFor(() => server.connections() > 0, 'connected')
      const stopped = await datamaps.stop('SIGTERM')
      expect(stopped).toMatchObject({code: 1, signal: null})
      expect(stopped.ms).toBeLessThan(STOP_MS)
      expect(stopped.stderr).toMatch(/^Error: interrupted before export \(/)
      expect(existsSync(output)).toBe(false)
    } finally {
      await server.close()
    }
  }, TIMEOUT)

  it('during upload, to an S3 server that stopped answering', async () => {
    // Answers the write check and the listing, then never answers a tile upload.
    let uploads = 0
    const s3 = http.createServer((request, response) => {
      request.resume()
      if (request.method === 'PUT' && request.url?.includes('.png')) return void uploads++
      if (request.method === 'GET') {
        response.setHeader('content-type', 'application/xml')
        return void response.end('<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>tiles-bucket</Name><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>')
      }
      response.statusCode = request.method === 'DELETE' ? 204 : 200
      response.setHeader('ETag', '"0"')
      response.end()
    })
    await new Promise<void>(resolve => s3.listen(0, '127.0.0.1', resolve))
    const temporary = fresh('tmp')
    mkdirSync(temporary)
    try {
      const endpoint = `http://127.0.0.1:${(s3.address() as net.AddressInfo).port}`
      const env = {TMPDIR: temporary, AWS_ACCESS_KEY_ID: 'key', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'}
      const datamaps = start(['datamaps', '--source', `csv:${SAMPLE}`, '--output', 's3://tiles-bucket/tiles', '--s3-endpoint', endpoint, '--max-zoom', '3', '--port', '9'], {env})
      await datamaps.waitFor(() => uploads > 0, 'uploaded')
      const stopped = await datamaps.stop('SIGTERM')
      expect(stopped).toMatchObject({code: 1, signal: null})
      expect(stopped.ms).toBeLessThan(STOP_MS)
      expect(stopped.stderr).toMatch(/^Error: interrupted during upload \(/)
      expect(readdirSync(temporary)).toEqual([])
    } finally {
      s3.closeAllConnections()
      await new Promise(resolve => s3.close(resolve))
    }
  }, TIMEOUT)
})
