/**
 * The capture file that `metrics tail --capture` writes and `metrics send --replay`
 * reads. It is JSON lines, so that jq and grep work on it:
 *
 *   {"metricsCapture":1,"started":"2026-01-02T03:04:05.678Z","source":"udp://127.0.0.1:8125"}
 *   {"t":0,"data":"api.requests:1|c\napi.latency:12|ms"}
 *   {"t":12.5,"base64":"/w=="}
 *
 * `t` is milliseconds since the first packet. A packet that is valid UTF-8 is kept as
 * text, any other as base64, so that every byte survives. Pure: the writer is in
 * src/listen/capture.ts, the reader in src/capture/read.ts.
 */
import {isUtf8} from 'node:buffer'
import {UsageError} from '../errors.js'

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

const MAKE_ONE = 'make one with metrics tail --capture FILE'
const PACKET_SHAPE = '{"t": milliseconds, "data": text} or {"t": milliseconds, "base64": bytes}'
// Standard base64 as Buffer writes it; Buffer.from would skip any other character without a word.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

export function encodeHeader(started: Date, source: string): string {
  return JSON.stringify({metricsCapture: CAPTURE_VERSION, started: started.toISOString(), source} satisfies CaptureHeader) + '\n'
}

/** A whole line of the capture file for one packet, newline included. */
export function encodePacket(t: number, packet: Uint8Array): string {
  const bytes = Buffer.from(packet.buffer, packet.byteOffset, packet.byteLength)
  const time = Math.round(t * 1000) / 1000
  return isUtf8(bytes)
    ? `{"t":${time},"data":${JSON.stringify(bytes.toString('utf8'))}}\n`
    : `{"t":${time},"base64":"${bytes.toString('base64')}"}\n`
}

/** Checks the first line of a capture; `where` is `FILE:1` for messages. */
export function decodeHeader(line: string, where: string): CaptureHeader {
  const header = parseObject(line, where, 'a capture header')
  if (header.metricsCapture === undefined) throw new UsageError(`${where}: not a metrics tail capture (the first line has no "metricsCapture")`, MAKE_ONE)
  if (header.metricsCapture !== CAPTURE_VERSION) {
    throw new UsageError(`${where}: capture version ${shown(header.metricsCapture)} is not supported (this metrics reads ${CAPTURE_VERSION})`)
  }
  return {metricsCapture: CAPTURE_VERSION, started: optionalString(header, 'started', where), source: optionalString(header, 'source', where)}
}

/** Checks one packet line; `where` is `FILE:LINE` for messages. */
export function decodePacket(line: string, where: string): CapturedPacket {
  const record = parseObject(line, where, PACKET_SHAPE)
  const {t, data, base64} = record
  if (t === undefined) throw new UsageError(`${where}: the packet has no "t"`, `expected ${PACKET_SHAPE}`)
  if (typeof t !== 'number' || !(t >= 0)) throw new UsageError(`${where}: "t" must be a number of milliseconds, 0 or more, got ${shown(t)}`)
  if (data !== undefined && base64 !== undefined) throw new UsageError(`${where}: the packet has both "data" and "base64"`, `expected ${PACKET_SHAPE}`)
  if (data !== undefined) {
    if (typeof data !== 'string') throw new UsageError(`${where}: "data" must be a string, got ${shown(data)}`)
    return {t, packet: Buffer.from(data, 'utf8')}
  }
  if (base64 !== undefined) {
    if (typeof base64 !== 'string' || !BASE64.test(base64)) throw new UsageError(`${where}: "base64" is not base64: ${shown(base64)}`)
    return {t, packet: Buffer.from(base64, 'base64')}
  }
  throw new UsageError(`${where}: the packet has neither "data" nor "base64"`, `expected ${PACKET_SHAPE}`)
}

function parseObject(line: string, where: string, expected: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    throw new UsageError(`${where}: not JSON: ${shown(line)}`, `a capture line is ${expected}`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${where}: expected ${expected}, got ${shown(value)}`)
  return value as Record<string, unknown>
}

function optionalString(record: Record<string, unknown>, key: string, where: string): string {
  const value = record[key]
  if (value === undefined) return ''
  if (typeof value !== 'string') throw new UsageError(`${where}: "${key}" must be a string, got ${shown(value)}`)
  return value
}

/** A value as JSON, cut short; the error renderer makes it safe to print. */
function shown(value: unknown): string {
  const text = typeof value === 'string' && value.length > 60 ? JSON.stringify(value.slice(0, 60)) + '…' : JSON.stringify(value) ?? String(value)
  return text.length > 80 ? text.slice(0, 80) + '…' : text
}
