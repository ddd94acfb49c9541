/**
 * Where packets come from: a UDP, TCP or unixgram listener, or a file or stdin. Each
 * source is started with the function that handles a packet and reports what only it
 * knows (kernel drops; connections, refused or closed, and lines too long) for the
 * summary and --expose.
 */
import type {EventEmitter} from 'node:events'
import {OperationError} from '../errors.js'
import {describeError, systemErrorCode} from '../text/system-error.js'

export type PacketHandler = (packet: Uint8Array) => void

/** Sees every packet as it arrived, before parsing: --forward, --capture. */
export interface PacketTap {
  packet(packet: Uint8Array, now: number): void
}

/** What the TCP listener counts, since the start. */
export interface TcpStats {
  /** Connections accepted and read (statsd_exporter_tcp_connections_total). */
  readonly connections: number
  /** Lines longer than --max-line-length: each closed its connection. */
  readonly tooLongLines: number
  /** Connections that ended on a read error, such as a reset (statsd_exporter_tcp_connection_errors_total), and failed accepts. */
  readonly connectionErrors: number
  /** Connections reset at once because --max-connections were open. */
  readonly refusedAtMaxConnections: number
  /** Connections reset at once because the open-file limit (ulimit -n) left no room. */
  readonly refusedAtFileLimit: number
  /** Connections reset after --idle-timeout without a byte. */
  readonly idleTimeouts: number
}

export interface SourceStats extends Partial<TcpStats> {
  /** Datagram sources: the kernel's receive buffer, as it reports it (Linux doubles what was asked). */
  readonly receiveBuffer?: number
  /** Datagrams the kernel dropped for want of room in the receive buffer, where Linux reports it. */
  readonly kernelDrops?: number
  /** Bytes still in the socket's receive queue when it closed: what the drain at stop had no time to read (see drain.ts). */
  readonly unreadBytes?: number
}

export interface PacketSource {
  /** Where it listens, as shown to the user: `udp://127.0.0.1:41234`, with the port really bound. */
  readonly address: string
  /** The source sends datagrams (udp, unixgram) rather than a stream of lines. */
  readonly datagrams: boolean
  /** Resolves when the source ends by itself: the end of a file. Listeners never do. */
  readonly ended: Promise<void>
  /** Said once on stderr when listening starts: a limit lower than asked. */
  readonly notice?: string
  /** Read before close(): the kernel forgets a socket's drops when it closes. */
  stats(): Promise<SourceStats>
  /** Bytes the kernel holds for the socket to read, where it says (UDP on Linux); see drain.ts. */
  queued?(): Promise<number | undefined>
  close(): Promise<void>
}

/** A listener that could not start, with a hint for the usual causes. */
export function listenError(error: unknown, where: string): OperationError {
  const code = systemErrorCode(error)
  const hints: Record<string, string> = {
    EADDRINUSE: 'is another statsd listening there? --port 0 picks a free port',
    EACCES: 'ports below 1024 need privileges; try --port 8125',
    EADDRNOTAVAIL: 'that address is not on this machine; try --host 127.0.0.1',
    ENOTFOUND: 'check --host',
    ENOENT: 'does the directory exist?',
  }
  return new OperationError(`cannot listen on ${where}: ${describeError(error)}`, code ? hints[code] : undefined)
}

export const NEVER: Promise<void> = new Promise(() => undefined)

/** Runs `start` (a bind, a listen, a connect) and resolves when it calls back, or rejects with the emitter's first error. */
export function whenStarted(emitter: EventEmitter, start: (started: () => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    emitter.once('error', reject)
    start(() => {
      emitter.off('error', reject)
      resolve()
    })
  })
}
