/**
 * stdout for tail. A socket cannot be paused, so when whatever reads tail's output falls
 * behind (a slow terminal, a pager), output past a bound is dropped and counted rather
 * than held in memory; a file or stdin source waits for the reader instead.
 *
 * When stdout fails, tail stops (and prints its summary on stderr). A reader that went
 * away (`metrics tail | head`, EPIPE) is the normal end of a pipeline and ends tail
 * quietly; any other failure (a full disk, `> /dev/full`) is kept as `failure` for tail
 * to report.
 */
import type {Writable} from 'node:stream'
import {systemErrorCode} from '../text/system-error.js'

/** Output held for a slow reader before live sources start dropping. */
const MAX_BUFFERED = 16 << 20
/** A waiting source resumes once the reader has taken this much. */
const RESUME_BELOW = 1 << 20

/** What one write holds at most, unless a single line is longer: a table is never built as one string. */
const CHUNK_CHARS = 1 << 16

/**
 * Lines, each given without its newline, joined into texts of about CHUNK_CHARS, with how
 * many lines each holds: a flush of 100,000 series is written in pieces, never as one string.
 */
export function* chunkLines(lines: Iterable<string>): Generator<{readonly text: string; readonly lines: number}> {
  let text = ''
  let count = 0
  for (const line of lines) {
    text += line + '\n'
    count++
    if (text.length >= CHUNK_CHARS) {
      yield {text, lines: count}
      text = ''
      count = 0
    }
  }
  if (count > 0) yield {text, lines: count}
}

/** Where views write: stdout here, or the main thread from the analysis worker. */
export interface TextOutput {
  /** `text` holds `lines` lines of output. */
  write(text: string, lines: number): void
}

export class Output implements TextOutput {
  /** Lines not written because the reader was too slow. */
  dropped = 0
  /** Why stdout failed, unless the reader just went away. */
  failure: unknown
  private gone = false

  constructor(
    private readonly stream: Writable,
    private readonly onGone: () => void,
    private readonly maxBuffered = MAX_BUFFERED,
  ) {
    // Every error, not just the first: one unhandled 'error' would end the process with a stack trace.
    stream.on('error', error => this.fail(error))
  }

  /** Drops the lines if too much is waiting already. */
  write(text: string, lines: number): void {
    if (text === '' || this.gone) return
    if (this.stream.writableLength >= this.maxBuffered) {
      this.dropped += lines
      return
    }
    this.stream.write(text)
  }

  private fail(error: unknown): void {
    if (this.gone) return
    this.gone = true
    if (systemErrorCode(error) !== 'EPIPE') this.failure = error
    this.onGone()
  }

  /** Resolves when a source that can wait should read on. */
  async ready(): Promise<void> {
    while (!this.gone && this.stream.writableLength >= RESUME_BELOW) {
      await new Promise<void>(resolve => {
        const resume = (): void => {
          this.stream.off('drain', resume).off('close', resume)
          resolve()
        }
        this.stream.once('drain', resume).once('close', resume)
      })
    }
  }
}
