/**
 * Typed errors, rendered in one place (the base command's catch). Code deep inside
 * the core throws these; nothing but the entry point decides how the process exits.
 *
 * Exit codes, as the README documents them:
 *   0 success
 *   1 the command ran and found a problem (lint errors, unreachable server, failed upload)
 *   2 it could not run as asked (bad flag, bad value, unreadable file)
 */
export type ExitCode = 1 | 2

export class MetricsError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** One short line on what to do about it. */
    readonly hint?: string,
  ) {
    super(message)
    this.name = new.target.name
  }
}

/** The command cannot run as asked: a bad flag, a bad value, an unreadable file. Exit 2. */
export class UsageError extends MetricsError {
  constructor(message: string, hint?: string) {
    super(message, 2, hint)
  }
}

/** The command ran and found a problem: a refused connection, a failed upload. Exit 1. */
export class OperationError extends MetricsError {
  constructor(message: string, hint?: string) {
    super(message, 1, hint)
  }
}
