/**
 * Where packets come from: a UDP, TCP or unixgram listener, or a file or stdin. Each
 * source is started with the function that handles a packet and reports what only it
 * knows (kernel drops, connections, lines too long) for the summary.
 */
import type {EventEmitter} from 'node:events'
import {OperationError} from '../errors.js'
import {describeError, systemErrorCode} from '../text/system-error.js'

export type PacketHandler = (packet: Uint8Array) => void

/** Sees every packet as it arrived, before parsing: --forward, --capture. */
export interface PacketTap {
  packet(packet: Uint8Array, now: number): void
}

export interface SourceStats {
  /** Datagram sources: the kernel's receive buffer, as it reports it (Linux doubles what was asked). */
  readonly receiveBuffer?: number
  /** Datagrams the kernel dropped for want of room in the receive buffer, where Linux reports it. */
  readonly kernelDrops?: number
  readonly connections?: number
  readonly tooLongLines?: number
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
