/**
 * --capture FILE records packets with the time they arrived, for `metrics send --replay`,
 * in the format of src/capture/format.ts.
 */
import type {FileHandle} from 'node:fs/promises'
import {open} from 'node:fs/promises'
import type {WriteStream} from 'node:fs'
import {finished} from 'node:stream/promises'
import {encodeHeader, encodePacket} from '../capture/format.js'
import {OperationError, UsageError} from '../errors.js'
import {describeError} from '../text/system-error.js'
import type {PacketTap} from './source.js'

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
      throw new UsageError(`--capture: cannot write ${path}: ${describeError(error)}`, 'check that the directory exists and is writable')
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
    // Not end()'s callback: it can run before the 'error' event of a write that failed (a full disk).
    this.stream.end()
    await finished(this.stream).catch((error: Error) => (this.failure ??= error))
    if (this.failure) throw new OperationError(`--capture: writing ${this.path} failed: ${describeError(this.failure)}`)
  }
}
