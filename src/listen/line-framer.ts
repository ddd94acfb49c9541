/**
 * Turns a byte stream (a TCP connection, a file, stdin) into runs of whole lines: each
 * run ends at a `\n` it does not include, and a line split across reads is joined first.
 * A run is what the pipeline parses as a packet, so its lines keep their numbers.
 *
 * A line longer than maxLineLength bytes (its `\n` excluded) is too long. The framer
 * reports it and, unless told to stop, goes on with an empty line in its place, so that
 * the lines after it keep their numbers; it never holds more than maxLineLength bytes of
 * a line. With stripCR, a `\r` before a `\n` is dropped, as Go's bufio.ReadLine does for
 * statsd_exporter's TCP listener.
 */
const NEWLINE = 0x0a
const CR = 0x0d
const EMPTY = new Uint8Array(0)

export interface LineFramerOptions {
  readonly maxLineLength: number
  readonly stripCR: boolean
  /** Called with each run of whole lines. */
  readonly onRun: (run: Uint8Array) => void
  /** Called for each line that is too long; return false to stop framing (and drop the rest). */
  readonly onTooLong: () => boolean
}

export class LineFramer {
  private pending: Uint8Array[] = []
  private pendingBytes = 0
  /** Skipping the rest of a line that was too long. */
  private skipping = false
  private stopped = false

  constructor(private readonly options: LineFramerOptions) {}

  push(chunk: Uint8Array): void {
    if (this.stopped) return
    let start = 0
    if (this.pendingBytes > 0 || this.skipping) {
      const newline = chunk.indexOf(NEWLINE)
      if (newline === -1) {
        this.hold(chunk)
        return
      }
      this.hold(chunk.subarray(0, newline))
      if (this.stopped) return
      const line = this.skipping ? EMPTY : concat(this.pending, this.pendingBytes)
      this.pending = []
      this.pendingBytes = 0
      this.skipping = false
      this.emit(line)
      start = newline + 1
    }
    const last = chunk.lastIndexOf(NEWLINE)
    if (last >= start) {
      this.emitChecked(chunk.subarray(start, last))
      start = last + 1
    }
    if (start < chunk.length && !this.stopped) this.hold(chunk.subarray(start))
  }

  /** The end of the stream: a last line without a `\n` still counts. */
  end(): void {
    if (this.stopped || (this.pendingBytes === 0 && !this.skipping)) return
    const line = this.skipping ? EMPTY : concat(this.pending, this.pendingBytes)
    this.pending = []
    this.pendingBytes = 0
    this.skipping = false
    this.options.onRun(line)
  }

  /** Keeps part of an unfinished line, unless the line is already too long. */
  private hold(piece: Uint8Array): void {
    if (this.skipping || piece.length === 0) return
    if (this.pendingBytes + piece.length > this.options.maxLineLength) {
      this.pending = []
      this.pendingBytes = 0
      this.skipping = true
      if (!this.options.onTooLong()) this.stopped = true
      return
    }
    // A copy: the chunk's buffer may be reused by the stream.
    this.pending.push(Uint8Array.prototype.slice.call(piece))
    this.pendingBytes += piece.length
  }

  /** A run of whole lines, any of which may be too long. */
  private emitChecked(run: Uint8Array): void {
    const max = this.options.maxLineLength
    if (run.length <= max) return this.emit(run)
    let runStart = 0
    let lineStart = 0
    while (lineStart <= run.length) {
      let end = run.indexOf(NEWLINE, lineStart)
      if (end === -1) end = run.length
      if (end - lineStart > max) {
        // The lines before it, then an empty line in its place.
        if (lineStart > runStart) this.emit(run.subarray(runStart, lineStart - 1))
        if (!this.options.onTooLong()) {
          this.stopped = true
          return
        }
        this.emit(EMPTY)
        runStart = end + 1
      }
      lineStart = end + 1
    }
    if (runStart <= run.length) this.emit(run.subarray(runStart))
  }

  private emit(run: Uint8Array): void {
    this.options.onRun(this.options.stripCR && run.includes(CR) ? stripCR(run) : run)
  }
}

function concat(pieces: readonly Uint8Array[], length: number): Uint8Array {
  if (pieces.length === 1) return pieces[0]
  const out = new Uint8Array(length)
  let at = 0
  for (const piece of pieces) {
    out.set(piece, at)
    at += piece.length
  }
  return out
}

/** Drops each `\r` that ends a line of the run (the run's last line included: it ended at a `\n`). */
function stripCR(run: Uint8Array): Uint8Array {
  const out = new Uint8Array(run.length)
  let length = 0
  for (let i = 0; i < run.length; i++) {
    const byte = run[i]
    if (byte === CR && (i + 1 === run.length || run[i + 1] === NEWLINE)) continue
    out[length++] = byte
  }
  return out.subarray(0, length)
}
