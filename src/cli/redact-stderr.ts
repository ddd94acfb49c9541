import {redact} from '../text/redact.js'

let installed = false

/**
 * Libraries write to stderr on their own: ioredis's debug output (`DEBUG=ioredis:*`)
 * shows each AUTH with its password, and a driver's warning may quote a connection
 * string. A command that holds credentials calls this first, so that whatever reaches
 * stderr, ours or theirs, goes through redact(). Text only: every writer here writes
 * strings, and a Buffer cut at an arbitrary byte is no text to search.
 */
export function redactStderr(): void {
  if (installed) return
  installed = true
  const write = process.stderr.write.bind(process.stderr) as (chunk: unknown, ...rest: unknown[]) => boolean
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => write(typeof chunk === 'string' ? redact(chunk) : chunk, ...rest)) as typeof process.stderr.write
}
