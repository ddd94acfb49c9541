/**
 * --capture FILE records packets with the time they arrived, for `metrics send --replay`.
 * The file is JSON lines, so that jq and grep work on it:
 *
 *   {"metricsCapture":1,"started":"2026-01-02T03:04:05.678Z","source":"udp://127.0.0.1:8125"}
 *   {"t":0,"data":"api.requests:1|c\napi.latency:12|ms"}
 *   {"t":12.5,"base64":"/w=="}
 *
 * `t` is milliseconds since the first packet. A packet that is valid UTF-8 is kept as
 * text, any other as base64, so that every byte survives.
 */
import {isUtf8} from 'node:buffer'
import type {FileHandle} from 'node:fs/promises'
import {open} from 'node:fs/promises'
import type {WriteStream} from 'node:fs'
import {OperationError, UsageError} from '../errors.js'
import type {PacketTap} from './source.js'

export const CAPTURE_VERSION = 1

export interface CaptureHeader {
  readonly metricsCapture: number
  readonly started: string
  readonly source: string
}

export interface CapturedPacket {
  /** Milliseconds since the first packet. */
  readonly t: number
  readonly packet: Buffer
}

/** A whole line of the capture file for one packet, newline included. */
export function encodePacket(t: number, packet: Uint8Array): string {
  const bytes = Buffer.from(packet.buffer, packet.byteOffset, packet.byteLength)
  const time = Math.round(t * 1000) / 1000
  return isUtf8(bytes)
    ? `{"t":${time},"data":${JSON.stringify(bytes.toString('utf8'))}}\n`
    : `{"t":${time},"base64":"${bytes.toString('base64')}"}\n`
}

export function encodeHeader(started: Date, source: string): string {
  return JSON.stringify({metricsCapture: CAPTURE_VERSION, started: started.toISOString(), source} satisfies CaptureHeader) + '\n'
}

/** Checks the first line of a capture; `where` is `FILE:1` for messages. */
export function decodeHeader(line: string, where: string): CaptureHeader {
  const header = parseObject(line, where)
  if (header?.metricsCapture === undefined) throw new UsageError(`${where}: not a metrics tail capture`, 'make one with metrics tail --capture FILE')
  if (header.metricsCapture !== CAPTURE_VERSION) throw new UsageError(`${where}: capture version ${JSON.stringify(header.metricsCapture)} is not supported (this metrics reads ${CAPTURE_VERSION})`)
  return {metricsCapture: CAPTURE_VERSION, started: String(header.started ?? ''), source: String(header.source ?? '')}
}

export function decodePacket(line: string, where: string): CapturedPacket {
  const record = parseObject(line, where)
  const t = record?.t
  if (typeof t !== 'number' || !(t >= 0)) throw new UsageError(`${where}: expected {"t": milliseconds, "data" or "base64": packet}`)
  if (typeof record?.data === 'string') return {t, packet: Buffer.from(record.data, 'utf8')}
  if (typeof record?.base64 === 'string') return {t, packet: Buffer.from(record.base64, 'base64')}
  throw new UsageError(`${where}: a packet needs "data" or "base64"`)
}

function parseObject(line: string, where: string): Record<string, unknown> | undefined {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    throw new UsageError(`${where}: not JSON: ${JSON.stringify(line.slice(0, 60))}`)
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
}

/** What the capture file may hold in memory before packets are dropped (and counted) instead. */
const MAX_BUFFERED = 64 << 20

export interface CaptureStats {
  readonly path: string
  readonly written: number
  /** Packets not written because the disk fell behind, or failed. */
  readonly dropped: number
}

export class CaptureWriter implements PacketTap {
  private dropped = 0
  private written = 0
  /** Where the packets come from, for the header: set once the listener knows its port. */
  source = ''
  private first: number | undefined
  private failure: Error | undefined

  private constructor(
    private readonly path: string,
    private readonly stream: WriteStream,
    private readonly started: Date,
  ) {
    stream.on('error', error => (this.failure ??= error))
  }

  /** Opens (and truncates) the file now, so that an unwritable path fails before tail starts. */
  static async open(path: string, started: Date): Promise<CaptureWriter> {
    let handle: FileHandle
    try {
      handle = await open(path, 'w')
    } catch (error) {
      throw new UsageError(`--capture: cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
    }
    return new CaptureWriter(path, handle.createWriteStream(), started)
  }

  packet(packet: Uint8Array, now: number): void {
    if (this.first === undefined) {
      this.first = now
      this.stream.write(encodeHeader(this.started, this.source))
    }
    if (this.failure !== undefined || this.stream.writableLength >= MAX_BUFFERED) {
      this.dropped++
      return
    }
    this.stream.write(encodePacket(now - this.first, packet))
    this.written++
  }

  get stats(): CaptureStats {
    return {path: this.path, written: this.written, dropped: this.dropped}
  }

  async close(): Promise<void> {
    // A capture of nothing is still a capture: replaying it sends nothing.
    if (this.first === undefined) this.stream.write(encodeHeader(this.started, this.source))
    await new Promise<void>(resolve => this.stream.end(() => resolve()))
    if (this.failure) throw new OperationError(`--capture: writing ${this.path} failed: ${this.failure.message}`)
  }
}
