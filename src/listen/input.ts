import type {Readable} from 'node:stream'
import {UsageError} from '../errors.js'
import {openForReading} from '../io/open-input.js'
import {describeError} from '../text/system-error.js'
import {LineFramer} from './line-framer.js'
import {describeListen, type ListenSpec} from './options.js'
import type {PacketHandler, PacketSource} from './source.js'

type InputSpec = Extract<ListenSpec, {kind: 'input'}>

/** A longer line in a file is shown as empty and counted; it is never held whole. */
const MAX_INPUT_LINE = 1 << 20

/**
 * --input FILE|-: bytes split on `\n` exactly as a UDP packet is (no `\r` trimming, no
 * UTF-8 assumed), read in chunks so that a file of any size runs in bounded memory.
 * Reading waits while `ready()` says the output is behind: a file can wait, a socket cannot.
 * `interrupt` ends a wait for a FIFO's writer.
 */
export async function readInput(spec: InputSpec, handle: PacketHandler, ready: () => Promise<void>, stdin: Readable, interrupt: AbortSignal): Promise<PacketSource> {
  const stream = spec.path === '-' ? stdin : await openFile(spec.path, interrupt)
  let tooLongLines = 0
  let closed = false
  const framer = new LineFramer({
    maxLineLength: MAX_INPUT_LINE,
    stripCR: false,
    onRun: handle,
    onTooLong: () => {
      tooLongLines++
      return true
    },
  })
  const ended = (async () => {
    for await (const chunk of stream) {
      if (closed) break
      framer.push(chunk as Buffer)
      await ready()
    }
    if (!closed) framer.end()
  })().catch(error => {
    if (closed) return
    throw new UsageError(`--input: reading ${describeListen(spec)} failed: ${describeError(error)}`)
  })
  return {
    address: describeListen(spec),
    datagrams: false,
    ended,
    stats: async () => ({tooLongLines}),
    async close() {
      closed = true
      // stdin too: a pipe that stays open would otherwise keep the process waiting on it after a stop.
      stream.destroy()
    },
  }
}

/** Opened up front, so that a missing file is a usage error before anything else starts. */
async function openFile(path: string, interrupt: AbortSignal): Promise<Readable> {
  try {
    const handle = await openForReading(path, interrupt)
    return handle.createReadStream({highWaterMark: 1 << 20})
  } catch (error) {
    throw new UsageError(`--input: cannot read ${path}: ${describeError(error)}`)
  }
}
