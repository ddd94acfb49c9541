/**
 * Reading inputs and writing outputs for commands that take a file (or `-` for stdin).
 * Errors become one-line UsageErrors (exit 2): the command could not run as asked.
 */
import {randomBytes} from 'node:crypto'
import {open, rename, rm, writeFile} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'
import type {Readable} from 'node:stream'
import {UsageError} from '../errors.js'
import {terminalText} from '../text/visible.js'

/** Nothing we read is allowed to exhaust memory: past this, the command refuses to run. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`

function tooLarge(name: string): UsageError {
  return new UsageError(`${terminalText(name)} is larger than ${mib(MAX_INPUT_BYTES)}; refusing to read it`)
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  switch (code) {
    case 'ENOENT': return 'no such file'
    case 'EACCES':
    case 'EPERM': return 'permission denied'
    case 'EISDIR': return 'it is a directory'
    default: return (error as Error).message
  }
}

/** The bytes of `path`, or of `stdin` when `path` is `-`. */
export async function readInput(path: string, stdin: Readable): Promise<Uint8Array> {
  return path === '-' ? readStream(stdin, '<stdin>') : readFileCapped(path)
}

/** The bytes of a file, refused past MAX_INPUT_BYTES without reading it whole. */
export async function readFileCapped(path: string): Promise<Uint8Array> {
  let handle
  try {
    handle = await open(path, 'r')
    const stat = await handle.stat()
    if (stat.isDirectory()) throw Object.assign(new Error('directory'), {code: 'EISDIR'})
    if (stat.size > MAX_INPUT_BYTES) throw tooLarge(path)
    // A FIFO or a /proc file reports size 0 and is read as a stream, still capped.
    if (stat.isFile() && stat.size > 0) return await handle.readFile()
    return await readStream(handle.createReadStream({autoClose: false}), path)
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new UsageError(`cannot read ${terminalText(path)}: ${describe(error)}`)
  } finally {
    await handle?.close()
  }
}

async function readStream(stream: Readable, name: string): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
    total += buffer.length
    if (total > MAX_INPUT_BYTES) throw tooLarge(name)
    chunks.push(buffer)
  }
  return Buffer.concat(chunks)
}

/**
 * Writes `text` to `path` so that readers see the old file or the new one, never half:
 * a temporary file in the same directory, then a rename over the target.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await writeFile(temporary, text, {flag: 'wx'})
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, {force: true})
    throw new UsageError(`cannot write ${terminalText(path)}: ${describe(error)}`)
  }
}
