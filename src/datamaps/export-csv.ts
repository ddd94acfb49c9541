import {ReadStream} from 'node:fs'
import {readdir, stat} from 'node:fs/promises'
import {join} from 'node:path'
import {addAbortSignal, type Readable} from 'node:stream'
import {createGunzip} from 'node:zlib'
import {UsageError} from '../errors.js'
import {openForReading} from '../io/open-input.js'
import {describeError} from '../text/system-error.js'
import {terminalText} from '../text/visible.js'
import {describeInvalidLine, HEADER, parseCoordinateLine} from './csv.js'
import type {InvalidRows} from './invalid.js'
import type {ShardBuilder} from './points.js'

/** One input of a CSV source: a file (gzip when it ends in .gz) or stdin. */
export interface CsvInput {
  readonly name: string
  /** Bytes on disk, for progress; 0 for stdin. */
  readonly bytes: number
}

export interface CsvProgress {
  (bytesRead: number): void
}

const NEWLINE = 0x0a
// A longer line is not a coordinate pair; it is reported and skipped without buffering it whole.
const MAX_LINE_BYTES = 4096
const STDIN = '-'

/**
 * The inputs behind `csv:PATH`, checked before any work starts: a file, every
 * *.csv / *.csv.gz file of a directory (sorted by name, not recursive), or `-`.
 */
export async function listCsvInputs(path: string): Promise<CsvInput[]> {
  if (path === STDIN) return [{name: STDIN, bytes: 0}]
  const info = await stat(path).catch((error: unknown) => {
    throw new UsageError(`cannot read CSV source ${terminalText(path)}: ${describeError(error)}`, 'check the path after csv:')
  })
  if (!info.isDirectory()) return [{name: path, bytes: info.size}]
  const names = (await readdir(path)).filter(name => /\.csv(\.gz)?$/i.test(name)).sort()
  if (names.length === 0) throw new UsageError(`CSV source directory ${terminalText(path)} has no *.csv or *.csv.gz files`)
  return Promise.all(names.map(async name => ({name: join(path, name), bytes: (await stat(join(path, name))).size})))
}

/**
 * Streams one input into the shards, one point per valid line. Bad lines are counted
 * with their `file:line`; blank lines and a header on the first line are skipped.
 * Aborting `signal` ends the read at once, even while a pipe gives nothing.
 */
export async function readCsvInput(input: CsvInput, stdin: Readable, shards: ShardBuilder, invalid: InvalidRows, progress: CsvProgress, signal: AbortSignal): Promise<number> {
  const failed = (error: unknown): UsageError => new UsageError(`cannot read CSV source ${terminalText(input.name)}: ${describeError(error)}`)
  const file = input.name === STDIN ? undefined : await openForReading(input.name, signal).catch(error => Promise.reject(failed(error)))
  const raw = addAbortSignal(signal, file === undefined ? stdin : file.createReadStream({highWaterMark: 1 << 20}))
  let read = 0
  const stream = input.name.endsWith('.gz') ? gunzip(raw) : raw
  const point = new Int32Array(2)
  const lines = new LineSplitter(
    (bytes, start, end, lineNumber) => {
      const kind = parseCoordinateLine(bytes, start, end, point)
      if (kind === 'point') shards.add(point[0], point[1])
      else if (kind === 'invalid' && !(lineNumber === 1 && HEADER.test(Buffer.from(bytes.subarray(start, end)).toString('latin1')))) {
        invalid.add(() => `${input.name}:${lineNumber}`, describeInvalidLine(bytes, start, end))
      }
    },
    lineNumber => invalid.add(() => `${input.name}:${lineNumber}`, `line is longer than ${MAX_LINE_BYTES} bytes`),
  )
  const before = shards.points
  try {
    for await (const chunk of stream) {
      lines.push(chunk as Buffer)
      progress(raw instanceof ReadStream ? raw.bytesRead : (read += (chunk as Buffer).length))
    }
  } catch (error) {
    // Interrupted: the job stops after this stage and says so.
    if (!signal.aborted) throw failed(error)
  } finally {
    if (raw !== stdin) raw.destroy()
  }
  lines.end()
  return shards.points - before
}

/** pipe() does not pass a read error on; the gunzip stream must fail with it, or the read would wait forever. */
function gunzip(raw: Readable): Readable {
  const inflated = createGunzip()
  raw.on('error', error => inflated.destroy(error))
  return raw.pipe(inflated)
}

type LineHandler = (bytes: Uint8Array, start: number, end: number, lineNumber: number) => void

/** Splits chunks into lines without copying, except for the one line that spans two chunks. */
class LineSplitter {
  private carry: Buffer | undefined
  private lineNumber = 0
  private overlong = false

  constructor(
    private readonly onLine: LineHandler,
    private readonly onOverlong: (lineNumber: number) => void,
  ) {}

  push(chunk: Buffer): void {
    let start = 0
    let newline = chunk.indexOf(NEWLINE)
    if (this.carry !== undefined || this.overlong) {
      if (newline === -1) return this.hold(chunk, 0)
      this.finishCarried(chunk.subarray(0, newline))
      start = newline + 1
      newline = chunk.indexOf(NEWLINE, start)
    }
    while (newline !== -1) {
      this.line(chunk, start, newline)
      start = newline + 1
      newline = chunk.indexOf(NEWLINE, start)
    }
    if (start < chunk.length) this.hold(chunk, start)
  }

  end(): void {
    if (this.carry !== undefined || this.overlong) this.finishCarried(Buffer.alloc(0))
  }

  private line(bytes: Uint8Array, start: number, end: number): void {
    this.lineNumber++
    if (end - start > MAX_LINE_BYTES) this.onOverlong(this.lineNumber)
    else this.onLine(bytes, start, end, this.lineNumber)
  }

  private hold(chunk: Buffer, start: number): void {
    if (this.overlong) return
    const carried = this.carry === undefined ? chunk.subarray(start) : Buffer.concat([this.carry, chunk.subarray(start)])
    if (carried.length > MAX_LINE_BYTES) {
      this.overlong = true
      this.carry = undefined
    } else {
      // A copy: the stream may reuse the chunk's memory.
      this.carry = Buffer.from(carried)
    }
  }

  private finishCarried(rest: Buffer): void {
    if (this.overlong) {
      this.lineNumber++
      this.onOverlong(this.lineNumber)
      this.overlong = false
      return
    }
    const line = this.carry === undefined ? rest : Buffer.concat([this.carry, rest])
    this.carry = undefined
    this.line(line, 0, line.length)
  }
}
