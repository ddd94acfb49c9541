/**
 * A stdout that cannot be written (a full disk, `> /dev/full`) is a failure of the
 * command: one line on stderr, exit 1. A reader that went away (`| head`, EPIPE) is the
 * normal end of a pipeline and is no error at all, as oclif treats it. oclif's own
 * listener rethrows every other error, and the process then ends with a stack trace:
 * this one takes its place.
 */
import type {Writable} from 'node:stream'
import {describeError, systemErrorCode} from '../text/system-error.js'

/** Calls `onFailure` once, after the line on stderr, when a write to stdout fails for any reason but EPIPE. */
export function watchStdout(stdout: Writable, stderr: Writable, onFailure: () => void): void {
  stdout.removeAllListeners('error')
  let failed = false
  stdout.on('error', error => {
    if (failed || systemErrorCode(error) === 'EPIPE') return
    failed = true
    stderr.write(`Error: cannot write to stdout: ${describeError(error)}\n`)
    onFailure()
  })
}
