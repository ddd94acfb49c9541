import net from 'node:net'
import {systemErrorCode} from '../text/system-error.js'
import {LineFramer} from './line-framer.js'
import {openFiles} from './open-files.js'
import {describeListen, type ListenSpec} from './options.js'
import {listenError, NEVER, whenStarted, type PacketHandler, type PacketSource, type TcpStats} from './source.js'

type TcpSpec = Extract<ListenSpec, {kind: 'tcp'}>

const FIELDS = ['connections', 'tooLongLines', 'connectionErrors', 'refusedAtMaxConnections', 'refusedAtFileLimit', 'idleTimeouts'] as const
type Field = (typeof FIELDS)[number]

/**
 * The listener's counts in shared memory: the main thread, which owns the sockets, adds;
 * the analysis thread reads them for /metrics at each scrape, with no message between.
 */
export class TcpCounts {
  private readonly counts: BigUint64Array

  private constructor(readonly shared: SharedArrayBuffer) {
    this.counts = new BigUint64Array(shared)
  }

  static create(): TcpCounts {
    return new TcpCounts(new SharedArrayBuffer(FIELDS.length * BigUint64Array.BYTES_PER_ELEMENT))
  }

  /** The other side of counts made by create(), from their shared memory. */
  static attach(shared: SharedArrayBuffer): TcpCounts {
    return new TcpCounts(shared)
  }

  add(field: Field): void {
    Atomics.add(this.counts, FIELDS.indexOf(field), 1n)
  }

  read(): TcpStats {
    const value = (field: Field): number => Number(Atomics.load(this.counts, FIELDS.indexOf(field)))
    return Object.fromEntries(FIELDS.map(field => [field, value(field)])) as Record<Field, number>
  }
}

/**
 * Descriptors kept for tail's own use after it listens: --expose scrapes, a --mapping
 * reload, and the one a refused connection needs to be accepted and closed.
 */
const RESERVED_FILES = 16

/** The connections to allow: --max-connections, or fewer when the open-file limit (given then) leaves less room. */
async function connectionLimit(maxConnections: number): Promise<{readonly max: number; readonly fileLimit?: number}> {
  const files = await openFiles()
  const room = files === undefined ? maxConnections : Math.max(1, files.limit - files.open - RESERVED_FILES)
  return room < maxConnections && files !== undefined ? {max: room, fileLimit: files.limit} : {max: maxConnections}
}

/**
 * TCP as statsd_exporter reads it: newline-framed lines, `\r\n` accepted, and a line
 * longer than the limit closes its connection (counted as a line too long).
 *
 * Bounded where statsd_exporter is not: at most spec.maxConnections connections (each
 * holds at most one line of spec.maxLineLength bytes), fewer if the open-file limit
 * leaves less room (Linux); more are accepted and reset at once, and counted. Were the
 * descriptors to run out all the same (other parts of tail opened more), libuv closes
 * what waits to be accepted, unseen by Node.js; an accept that fails is counted, never
 * fatal (statsd_exporter exits on it). A connection silent for spec.idleTimeoutMs is
 * reset and counted.
 *
 * Refused and idle connections are reset, not closed: the client learns at once that
 * nothing more will be read, where after a FIN its next write would seem to succeed.
 * hot-shots, for one, makes a new connection after a reset, and never after a FIN.
 */
export async function listenTcp(spec: TcpSpec, handle: PacketHandler, counts: TcpCounts = TcpCounts.create()): Promise<PacketSource> {
  const limit = await connectionLimit(spec.maxConnections)
  const open = new Set<net.Socket>()
  const server = net.createServer(socket => {
    if (open.size >= limit.max) {
      counts.add(limit.fileLimit === undefined ? 'refusedAtMaxConnections' : 'refusedAtFileLimit')
      socket.on('error', () => undefined)
      socket.resetAndDestroy()
      return
    }
    counts.add('connections')
    open.add(socket)
    const framer = new LineFramer({
      maxLineLength: spec.maxLineLength,
      stripCR: true,
      onRun: handle,
      onTooLong: () => {
        counts.add('tooLongLines')
        socket.destroy()
        return false
      },
    })
    socket.on('data', chunk => framer.push(chunk))
    socket.on('end', () => framer.end())
    socket.on('error', () => counts.add('connectionErrors'))
    socket.on('close', () => open.delete(socket))
    if (spec.idleTimeoutMs > 0) {
      socket.setTimeout(spec.idleTimeoutMs, () => {
        counts.add('idleTimeouts')
        // What came before the silence is parsed, as when the client closes.
        framer.end()
        socket.resetAndDestroy()
      })
    }
  })
  await whenStarted(server, started => server.listen(spec.port, spec.host, started)).catch(error => {
    throw listenError(error, describeListen(spec))
  })
  // After listening, an error is a failed accept: count it and go on accepting.
  server.on('error', error => {
    const code = systemErrorCode(error)
    counts.add(code === 'EMFILE' || code === 'ENFILE' ? 'refusedAtFileLimit' : 'connectionErrors')
  })
  return {
    address: describeListen(spec, (server.address() as net.AddressInfo).port),
    datagrams: false,
    ended: NEVER,
    notice: limit.fileLimit === undefined
      ? undefined
      : `--max-connections: the open-file limit (ulimit -n ${limit.fileLimit}) leaves room for ${limit.max} TCP connections, not ${spec.maxConnections}; more are refused and counted`,
    stats: async () => counts.read(),
    close: () => {
      for (const socket of open) socket.destroy()
      return new Promise(resolve => server.close(() => resolve()))
    },
  }
}
