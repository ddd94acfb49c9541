/**
 * --forward HOST:PORT: every packet goes on, unchanged, to an upstream statsd over UDP,
 * so tail can sit between an application and its statsd. Sending never holds up
 * receiving: each upstream has a bounded queue of sends in flight (10,000 datagrams, as
 * dogstatsd-local), and what does not fit is dropped and counted.
 *
 * Datagrams are forwarded as they came. Runs of lines from a stream (TCP, a file) have no
 * packets of their own, so they are cut at line ends into datagrams a statsd client would
 * send (at most MAX_PAYLOAD_BYTES.udp).
 */
import dgram from 'node:dgram'
import {lookup} from 'node:dns/promises'
import {MAX_PAYLOAD_BYTES} from '../emit/statsd.js'
import {OperationError} from '../errors.js'
import type {HostPort} from './options.js'
import {whenStarted, type PacketTap} from './source.js'
import {formatHostPort} from '../text/host-port.js'
import {describeError} from '../text/system-error.js'

export interface ForwardStats {
  readonly target: string
  readonly sent: number
  /** Dropped because the queue was full. */
  readonly dropped: number
  /** Sends that failed, and refusals the upstream reported (nothing listening there). */
  readonly errors: number
}

const MAX_IN_FLIGHT = 10_000
const CLOSE_WAIT_MS = 1000
const NEWLINE = 0x0a

class Upstream {
  sent = 0
  dropped = 0
  errors = 0
  private inFlight = 0
  private readonly done = (error: Error | null): void => {
    this.inFlight--
    if (error) this.errors++
    else this.sent++
  }

  constructor(
    readonly target: string,
    private readonly socket: dgram.Socket,
  ) {
    // A connected UDP socket reports what the upstream refused (ICMP port unreachable) as an error event.
    socket.on('error', () => this.errors++)
  }

  send(datagram: Uint8Array): void {
    if (this.inFlight >= MAX_IN_FLIGHT) {
      this.dropped++
      return
    }
    this.inFlight++
    this.socket.send(datagram, this.done)
  }

  async close(): Promise<void> {
    const deadline = Date.now() + CLOSE_WAIT_MS
    while (this.inFlight > 0 && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 5))
    await new Promise<void>(resolve => this.socket.close(() => resolve()))
  }
}

export class Forwarder implements PacketTap {
  private constructor(
    private readonly upstreams: readonly Upstream[],
    private readonly repack: boolean,
  ) {}

  /** Resolves each upstream once (not on every send) and connects a UDP socket to it. */
  static async open(targets: readonly HostPort[], repack: boolean): Promise<Forwarder> {
    const upstreams = await Promise.all(targets.map(async target => {
      const name = formatHostPort(target.host, target.port)
      let address: {address: string; family: number}
      try {
        address = await lookup(target.host)
      } catch (error) {
        throw new OperationError(`--forward ${name}: cannot resolve ${target.host}: ${describeError(error)}`, 'check the host name')
      }
      const socket = dgram.createSocket(address.family === 6 ? 'udp6' : 'udp4')
      await whenStarted(socket, started => socket.connect(target.port, address.address, started)).catch(error => {
        throw new OperationError(`--forward ${name}: ${describeError(error)}`)
      })
      return new Upstream(name, socket)
    }))
    return new Forwarder(upstreams, repack)
  }

  packet(packet: Uint8Array): void {
    const datagrams = this.repack ? splitLines(packet, MAX_PAYLOAD_BYTES.udp) : [packet]
    for (const upstream of this.upstreams) for (const datagram of datagrams) upstream.send(datagram)
  }

  get stats(): ForwardStats[] {
    return this.upstreams.map(({target, sent, dropped, errors}) => ({target, sent, dropped, errors}))
  }

  async close(): Promise<void> {
    await Promise.all(this.upstreams.map(upstream => upstream.close()))
  }
}

/** Cuts a run of lines at line ends into pieces of at most maxBytes; a longer line stays whole. */
export function splitLines(run: Uint8Array, maxBytes: number): Uint8Array[] {
  if (run.length <= maxBytes) return [run]
  const pieces: Uint8Array[] = []
  let start = 0
  while (run.length - start > maxBytes) {
    let cut = run.lastIndexOf(NEWLINE, start + maxBytes)
    if (cut < start) cut = run.indexOf(NEWLINE, start + maxBytes)
    if (cut === -1) break
    if (cut > start) pieces.push(run.subarray(start, cut))
    start = cut + 1
  }
  if (start < run.length) pieces.push(run.subarray(start))
  return pieces
}
