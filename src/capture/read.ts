/**
 * Reads a capture file one packet at a time, so that a capture of any size is read in
 * bounded memory. Every problem is a UsageError naming the file and line.
 */
import {createInterface} from 'node:readline'
import {UsageError} from '../errors.js'
import {openForReading} from '../io/open-input.js'
import {describeError} from '../text/system-error.js'
import {decodeHeader, decodePacket, type CaptureHeader, type CapturedPacket} from './format.js'

export interface CaptureReader extends AsyncIterable<CapturedPacket> {
  readonly header: CaptureHeader
}

/**
 * Opens the file and checks its header; the packets follow as they are iterated. `flag` names
 * the option for messages. A FIFO still waiting for its writer gives way to `signal`.
 */
export async function readCapture(path: string, flag: string, signal: AbortSignal): Promise<CaptureReader> {
  const lines = createInterface({input: await open(path, flag, signal), crlfDelay: Number.POSITIVE_INFINITY})[Symbol.asyncIterator]()
    // A directory opens, and fails only when read.
  const next = (): Promise<IteratorResult<string>> => lines.next().catch(error => {
    throw new UsageError(`${flag}: cannot read ${path}: ${describeError(error)}`)
  })
  let header: CaptureHeader
  try {
    const first = await next()
    if (first.done === true) throw new UsageError(`${path}: the capture is empty`, 'make one with metrics tail --capture FILE')
    header = decodeHeader(first.value, `${path}:1`)
  } catch (error) {
    await lines.return?.()
    throw error
  }
  return {
    header,
    async *[Symbol.asyncIterator]() {
      let lineNo = 1
      try {
        for (let line = await next(); line.done !== true; line = await next()) {
          lineNo++
          if (line.value.trim() !== '') yield decodePacket(line.value, `${path}:${lineNo}`)
        }
      } finally {
        await lines.return?.()
      }
    },
  }
}

async function open(path: string, flag: string, signal: AbortSignal): Promise<NodeJS.ReadableStream> {
  try {
    return (await openForReading(path, signal)).createReadStream()
  } catch (error) {
    throw new UsageError(`${flag}: cannot read ${path}: ${describeError(error)}`)
  }
}

/** Reads the whole file and returns how many packets it holds, or throws at its first bad line. */
export async function countCapturedPackets(path: string, flag: string, signal: AbortSignal): Promise<number> {
  let packets = 0
  for await (const packet of await readCapture(path, flag, signal)) if (packet) packets++
  return packets
}
