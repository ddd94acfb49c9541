import {once} from 'node:events'
import net from 'node:net'
import type {ClientOptions, StatsD} from 'hot-shots'
import {describeTarget, type StatsdTarget} from '../config/statsd-target.js'
import {OperationError} from '../errors.js'
import {onAbort} from '../io/abort.js'
import type {Sample} from '../statsd/sample.js'
import {countLines} from '../statsd/lines.js'
import {serializeSample} from '../statsd/serialize.js'
import {mergeTags} from '../statsd/tags.js'
import {formatHostPort} from '../text/host-port.js'
import {formatSeconds} from '../text/seconds.js'
import {describeError, systemErrorCode} from '../text/system-error.js'

/**
 * The part of hot-shots' client we use. We serialise lines ourselves (five tag
 * styles, exact --dry-run output) and pack datagrams ourselves (1432-byte UDP
 * payloads), so the client is our transport: `sendMessage` is the method its own
 * buffering and telemetry send through, and `close` flushes and closes the socket.
 */
interface HotShotsTransport {
  sendMessage(message: string, callback: (error?: Error | null) => void): void
  close(callback: (error?: Error) => void): void
}

/** How long a TCP connect may take, unless the command has a --timeout of its own. */
const TCP_CONNECT_TIMEOUT_MS = 5000

/** Payload limits: a UDP datagram that fits a 1500-byte Ethernet frame, unixgram's limit, and TCP batches. */
export const MAX_PAYLOAD_BYTES = {udp: 1432, uds: 8192, tcp: 65536} as const

export interface SendTotals {
  readonly lines: number
  readonly bytes: number
  readonly payloads: number
}

// Enough sends in flight to keep the socket busy, few enough that memory stays flat in load mode.
const MAX_IN_FLIGHT = 512
/**
 * After Ctrl-C or SIGTERM, how long close() still waits for sends in flight: plenty for
 * a socket that takes them (UDP, a reading server), and a prompt stop for one that never will.
 */
export const INTERRUPT_GRACE_MS = 1000

/**
 * A statsd sink over hot-shots for udp, tcp and uds. Lines are packed into payloads
 * of at most MAX_PAYLOAD_BYTES; close() sends what is queued, waits for every send to
 * finish, and throws an OperationError naming the first transport error, if any.
 * Once `interrupt` is aborted, a producer waiting for room goes on at once, and close()
 * waits INTERRUPT_GRACE_MS at most, then counts what the socket never took as unsent.
 */
export class StatsdSink {
  /** Texts waiting for the next payload, and their length in characters with the newlines between them. */
  private pending: string[] = []
  private pendingChars = 0
  private inFlight = 0
  private drained: (() => void) | undefined
  private firstError: Error | undefined
  private transportGone = false
  private flushScheduled = false
  private lines = 0
  private bytes = 0
  private payloads = 0
  /** Lines handed to the transport, sent or not. */
  private handedLines = 0
  private graceOver = false
  private readonly maxBytes: number

  private readonly client: HotShotsTransport
  /** Ours for TCP (see transportOptions), to destroy when an interrupt gives up on it. */
  private readonly socket: net.Socket | undefined
  private readonly unwatch: () => void

  private constructor(
    private readonly target: StatsdTarget,
    Client: typeof StatsD,
    private readonly interrupt: AbortSignal | undefined,
    private readonly connectTimeoutMs: number,
  ) {
    this.maxBytes = MAX_PAYLOAD_BYTES[target.protocol]
    const fail = (error: Error): void => this.fail(error)
    this.socket = target.protocol === 'tcp' ? connectTcp(target, connectTimeoutMs, fail, () => this.transportClosed()) : undefined
    const options: ClientOptions = {
      ...transportOptions(target, this.socket),
      maxBufferSize: 0,
      includeDataDogTags: false,
      // We write the lines: Datadog mode would only probe the environment and cgroup files for fields we never send.
      datadog: false,
      cacheDns: true,
      // close() waits this long for follow-up sends; we have already waited for every send callback.
      closingFlushInterval: 1,
      udsGracefulErrorHandling: false,
      errorHandler: fail,
    }
    this.client = new Client(options) as unknown as HotShotsTransport
    this.unwatch = onAbort(interrupt, () => {
      this.resumeProducer()
      // Unref'd: a socket with sends still in flight keeps the process alive until then anyway.
      setTimeout(() => {
        this.graceOver = true
        this.resumeProducer()
      }, INTERRUPT_GRACE_MS).unref()
    })
  }

  /**
   * Loads hot-shots on first use, so that --dry-run and the commands that never send do not pay for it.
   * `connectTimeoutMs` bounds a TCP connect: the command's --timeout, where it has one.
   */
  static async open(target: StatsdTarget, interrupt?: AbortSignal, connectTimeoutMs = TCP_CONNECT_TIMEOUT_MS): Promise<StatsdSink> {
    const {StatsD: Client} = await import('hot-shots')
    return new StatsdSink(target, Client, interrupt, connectTimeoutMs)
  }

  /** Queues samples, serialised in the target's tag style with its prefix and global tags. */
  write(samples: Iterable<Sample>): void {
    for (const sample of samples) {
      const tags = mergeTags(this.target.tags, sample.tags)
      // Without global tags the sample goes as it is: copying 10,000 gauges to change nothing showed in profiles.
      void this.writeText(serializeSample(tags === sample.tags ? sample : {...sample, tags}, this.target.tagStyle, this.target.prefix))
    }
  }

  /**
   * Queues wire text (one line, or lines that must stay together). Resolves at once
   * unless too many sends are in flight, so that a fast producer waits for the socket.
   */
  writeText(text: string): Promise<void> | undefined {
    // Packed by characters, which are never more than bytes: ASCII texts then need no byte
    // count of their own, and flushPending re-packs by bytes only a payload that overflows.
    if (this.pending.length > 0 && this.pendingChars + 1 + text.length > this.maxBytes) this.flushPending()
    this.pendingChars += this.pending.length === 0 ? text.length : 1 + text.length
    this.pending.push(text)
    // A payload that is not full still goes out as soon as the producer yields, so paced and piped lines are not held back.
    if (!this.flushScheduled) {
      this.flushScheduled = true
      setImmediate(() => {
        this.flushScheduled = false
        this.flushAll()
      })
    }
    return this.inFlight >= MAX_IN_FLIGHT ? this.belowInFlightLimit() : undefined
  }

  get totals(): SendTotals {
    return {lines: this.lines, bytes: this.bytes, payloads: this.payloads}
  }

  async close(): Promise<SendTotals> {
    try {
      return await this.closeTransport()
    } finally {
      // The interrupt lives as long as the process; a loop opens a sink per sample.
      this.unwatch()
    }
  }

  private async closeTransport(): Promise<SendTotals> {
    this.flushAll()
    while (this.inFlight > 0 && !this.graceOver) await new Promise<void>(resolve => (this.drained = resolve))
    // An error from before the close is the cause; the sends a close cuts off fail with errors of its own.
    const failure = this.firstError
    // Given up on: a connection that takes nothing is destroyed here, so that its sends fail now
    // (hot-shots would wait, then print a warning of its own and destroy it anyway).
    if (this.inFlight > 0 && this.socket !== undefined && !this.socket.closed) await once(this.socket.destroy(), 'close')
    // hot-shots reports a close through the socket's 'close' event, which a TCP socket that already failed never emits again.
    // It gives sends still in flight a few milliseconds, then destroys the socket.
    if (!this.transportGone) await new Promise<void>(resolve => this.client.close(() => resolve()))
    const unsent = this.handedLines - this.lines
    if (failure === undefined && this.interrupt?.aborted && unsent > 0) {
      const count = (lines: number): string => lines.toLocaleString('en-US')
      throw new OperationError(`interrupted before ${describeTarget(this.target)} took ${count(unsent)} ${unsent === 1 ? 'line' : 'lines'}; ${count(this.lines)} sent`, 'is the statsd server reading?')
    }
    if (this.firstError) throw transportError(failure ?? this.firstError, this.target, this.connectTimeoutMs)
    return this.totals
  }

  private flushAll(): void {
    while (this.pending.length > 0) this.flushPending()
  }

  /**
   * Sends the pending texts as one payload; or, when texts that are not ASCII make them
   * more bytes than a payload holds, as many as fit, and keeps the rest pending, so
   * that payloads stay full whatever the texts.
   */
  private flushPending(): void {
    let message = this.pending.length === 1 ? this.pending[0] : this.pending.join('\n')
    let bytes = Buffer.byteLength(message)
    let taken = this.pending.length
    if (bytes > this.maxBytes && taken > 1) {
      taken = this.textsThatFit()
      message = this.pending.slice(0, taken).join('\n')
      bytes = Buffer.byteLength(message)
    }
    this.pending = taken === this.pending.length ? [] : this.pending.slice(taken)
    this.pendingChars = this.pending.reduce((chars, text) => chars + text.length, Math.max(0, this.pending.length - 1))
    this.send(message, bytes)
  }

  /** How many of the pending texts fit one payload by bytes: at least one, which may be too long alone. */
  private textsThatFit(): number {
    let bytes = Buffer.byteLength(this.pending[0])
    let count = 1
    while (count < this.pending.length) {
      const next = bytes + 1 + Buffer.byteLength(this.pending[count])
      if (next > this.maxBytes) break
      bytes = next
      count++
    }
    return count
  }

  private send(message: string, bytes: number): void {
    const lines = countLines(message)
    this.handedLines += lines
    this.inFlight++
    this.client.sendMessage(message, error => {
      this.inFlight--
      if (error) this.fail(error)
      else {
        this.lines += lines
        this.bytes += bytes
        this.payloads++
      }
      if (this.inFlight < MAX_IN_FLIGHT) this.resumeProducer()
    })
  }

  private async belowInFlightLimit(): Promise<void> {
    while (this.inFlight >= MAX_IN_FLIGHT && !this.interrupt?.aborted) await new Promise<void>(resolve => (this.drained = resolve))
  }

  private fail(error: Error): void {
    this.firstError ??= error
  }

  /** The TCP connection is gone: sends still in flight will never complete. */
  private transportClosed(): void {
    this.transportGone = true
    if (this.inFlight === 0) return
    this.fail(Object.assign(new Error('connection closed before everything was sent'), {code: 'ECONNRESET'}))
    this.inFlight = 0
    this.resumeProducer()
  }

  private resumeProducer(): void {
    const resume = this.drained
    this.drained = undefined
    resume?.()
  }
}

/**
 * UDP and unixgram go through hot-shots' own transports. For TCP we hand hot-shots a
 * socket of our own (its `stream` protocol): its TCP transport writes strings as
 * ASCII, which garbles any UTF-8 name, and unrefs the socket, so a process whose only
 * work is the send can exit before the connection is even made.
 */
function transportOptions(target: StatsdTarget, tcpSocket: net.Socket | undefined): ClientOptions {
  if (tcpSocket !== undefined) return {protocol: 'stream', stream: tcpSocket}
  if (target.protocol === 'uds') return {protocol: 'uds', path: target.socket}
  return {protocol: 'udp', host: target.host, port: target.port}
}

function connectTcp(target: StatsdTarget, timeoutMs: number, fail: (error: Error) => void, closed: () => void): net.Socket {
  const socket = net.connect({host: target.host, port: target.port})
  socket.setTimeout(timeoutMs, () => socket.destroy(Object.assign(new Error('connect timed out'), {code: 'ETIMEDOUT'})))
  socket.once('connect', () => socket.setTimeout(0))
  socket.on('error', fail)
  socket.on('close', closed)
  return socket
}


interface Diagnosis {
  readonly what?: string
  readonly hint: string
}

/** What each error means when sending to a unixgram socket. */
const UNIXGRAM: Readonly<Record<string, Diagnosis>> = {
  ENOENT: {what: 'no such socket', hint: 'check the socket path, and that the agent is running'},
  ECONNREFUSED: {what: 'nothing is receiving on it', hint: 'the path must be the socket of a running agent; a stale socket or a plain file refuses'},
  EPROTOTYPE: {what: 'it is a stream socket, not a datagram (unixgram) socket', hint: 'metrics sends datagrams: give the agent\'s unixgram socket'},
  EACCES: {hint: 'check the permissions of the socket and of its directory'},
}

/** What each error means when sending over UDP or TCP. */
const NETWORK: Readonly<Record<string, Diagnosis>> = {
  ECONNREFUSED: {hint: 'is a statsd server listening there?'},
  ECONNRESET: {what: 'the server closed the connection', hint: 'is that port a statsd server that takes TCP?'},
  EPIPE: {what: 'the server closed the connection', hint: 'is that port a statsd server that takes TCP?'},
  ENOTFOUND: {hint: 'check the host name'},
  EAI_AGAIN: {hint: 'check the host name and DNS'},
  EHOSTUNREACH: {hint: 'check the host and the network'},
  ENETUNREACH: {hint: 'check the host and the network'},
  EMSGSIZE: {hint: 'send shorter lines, or use --protocol tcp'},
}

function transportError(error: Error, target: StatsdTarget, connectTimeoutMs: number): OperationError {
  const code = systemErrorCode(error)
  const unixgram = target.protocol === 'uds'
  const where = unixgram ? `unixgram socket ${target.socket}` : `${target.protocol}://${formatHostPort(target.host, target.port)}`
  const timedOut: Diagnosis = {what: `no connection within ${formatSeconds(connectTimeoutMs)}`, hint: 'is the host reachable?'}
  const diagnosis = code === undefined ? undefined : code === 'ETIMEDOUT' && !unixgram ? timedOut : (unixgram ? UNIXGRAM : NETWORK)[code]
  // hot-shots wraps a failed send's error in its own words, keeping the code.
  const reason = diagnosis?.what ?? describeError(error).replace(/^Error sending hot-shots message: (?:Error: )?/, '')
  return new OperationError(`could not send to statsd at ${where}: ${reason}`, diagnosis?.hint)
}
