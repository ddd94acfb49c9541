import {chalkStderr} from 'chalk'

/** How far one stage has got. */
export interface StageProgress {
  update(done: number, total?: number): void
  /** The stage is over; `note` is what it produced, e.g. "1,000,000 points". */
  finish(note: string): void
}

export interface Progress {
  stage(name: string, unit: string): StageProgress
}

/** For pipes, files and --json: nothing at all. */
export const SILENT_PROGRESS: Progress = {stage: () => ({update: () => undefined, finish: () => undefined})}

const BAR_WIDTH = 24
const REDRAW_MS = 100

/**
 * One line per stage on a terminal's stderr, redrawn in place at most ten times a
 * second, then left as a record of the stage: name, time, and what it produced.
 */
export class TtyProgress implements Progress {
  constructor(private readonly stream: NodeJS.WritableStream) {}

  stage(name: string, unit: string): StageProgress {
    const started = performance.now()
    let drawn = 0
    let last = {done: 0, total: 0}
    const elapsed = (): string => `${((performance.now() - started) / 1000).toFixed(1)} s`
    const draw = (): void => {
      const {done, total} = last
      const fraction = total > 0 ? Math.min(done / total, 1) : 0
      const filled = Math.round(fraction * BAR_WIDTH)
      const bar = total > 0 ? chalkStderr.cyan('█'.repeat(filled)) + chalkStderr.dim('░'.repeat(BAR_WIDTH - filled)) + ` ${String(Math.floor(fraction * 100)).padStart(3)}% ` : ''
      const count = total > 0 ? `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}` : done.toLocaleString('en-US')
      this.stream.write(`\r\x1b[2K${name.padEnd(7)} ${bar}${count} ${unit} ${chalkStderr.dim(elapsed())}`)
    }
    return {
      update: (done, total = last.total) => {
        last = {done, total}
        const now = performance.now()
        if (now - drawn < REDRAW_MS) return
        drawn = now
        draw()
      },
      finish: note => this.stream.write(`\r\x1b[2K${chalkStderr.green('✓')} ${name.padEnd(7)} ${elapsed().padStart(8)}  ${note}\n`),
    }
  }
}
