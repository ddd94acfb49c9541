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
  let signal: AbortSignal | undefined
  return {
    env: process.env,
    cwd: process.cwd(),
    // Made when first read: Node builds process.stdin then, which for a pipe, a file or /dev/null
    // costs a cron run that never reads stdin 1-3 ms (a file or /dev/null loads fs streams and readline).
    get stdin() {
      return process.stdin
    },
    stdout: process.stdout,
    stderr: process.stderr,
    // Made when first read: only a command that watches it may take Ctrl-C and SIGTERM over.
    // One that never looks (lint reading stdin) would otherwise ignore both, waiting on;
    // left alone, it ends at once, as any program does.
    get signal() {
      return (signal ??= interruptSignal())
    },
  }
}

/** The io of a command that never reads stdin, to extend: spreading a whole CommandIo would make process.stdin. */
export function outputIo(io: CommandIo): Omit<CommandIo, 'stdin'> {
  return {env: io.env, cwd: io.cwd, stdout: io.stdout, stderr: io.stderr, signal: io.signal}
}
