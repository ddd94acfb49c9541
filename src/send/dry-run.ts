import type {Writable} from 'node:stream'
import type {SendTotals} from '../emit/statsd.js'
import {countLines} from '../statsd/lines.js'
import type {LineWriter} from './load.js'

/** Writes each line to stdout, as it would go on the wire, instead of sending it. */
export class DryRunWriter implements LineWriter {
  private chunk = ''
  private lines = 0
  private bytes = 0
  private flushScheduled = false

  constructor(private readonly out: Writable) {}

  writeText(text: string): Promise<void> | undefined {
    this.chunk += text + '\n'
    this.lines += countLines(text)
    this.bytes += Buffer.byteLength(text)
    if (this.chunk.length >= 65536) return this.flush()
    if (!this.flushScheduled) {
      this.flushScheduled = true
      setImmediate(() => {
        this.flushScheduled = false
        void this.flush()
      })
    }
    return undefined
  }

  async close(): Promise<SendTotals> {
    await this.flush()
    return {lines: this.lines, bytes: this.bytes, payloads: 0}
  }

  private flush(): Promise<void> | undefined {
    if (this.chunk === '') return undefined
    const ok = this.out.write(this.chunk)
    this.chunk = ''
    return ok ? undefined : new Promise(resolve => this.out.once('drain', () => resolve()))
  }
}
