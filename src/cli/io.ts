import type {Readable, Writable} from 'node:stream'
import {interruptSignal} from './interrupt.js'

/** What a command reads and writes: the process's, or a test's. */
export interface CommandIo {
  readonly env: NodeJS.ProcessEnv
  readonly cwd: string
  readonly stdin: Readable
  readonly stdout: Writable & {readonly isTTY?: boolean}
  readonly stderr: Writable & {readonly isTTY?: boolean}
  /** Aborted by the first Ctrl-C or SIGTERM. */
  readonly signal: AbortSignal
}

export function processIo(): CommandIo {
  return {env: process.env, cwd: process.cwd(), stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, signal: interruptSignal()}
}
