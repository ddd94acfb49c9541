/**
 * --top as a view. On a terminal it redraws in place every interval (the main thread has
 * taken the alternate screen, see screen.ts); anywhere else it prints a plain table every
 * interval. Its last word is a plain table, for the scrollback.
 */
import type {SeriesOutcome} from '../exporter/translate.js'
import type {ParseRecord} from '../statsd/parse.js'
import type {TextOutput} from './output.js'
import type {PeriodicView} from './pipeline.js'
import type {TopTable} from './top.js'
import {topLines} from './views/top.js'

export interface TopScreenSize {
  readonly columns: number
  readonly rows: number
}

export interface TopViewOptions {
  readonly intervalMs: number
  /** Redraw in place: the output is a terminal of this size (which may change). */
  readonly terminal?: () => TopScreenSize
  readonly color: boolean
  readonly clock?: () => number
}

const HOME = '\x1b[H'
const CLEAR_LINE_END = '\x1b[K'
const CLEAR_BELOW = '\x1b[J'
/** Rows in a plain (not redrawn) table. */
const PLAIN_ROWS = 20
/** The title, a warning line, the column headers. */
const CHROME_ROWS = 3

export class TopView implements PeriodicView {
  private timer: NodeJS.Timeout | undefined
  /** Where tail listens, for the title. */
  private source = ''
  private readonly clock: () => number

  constructor(
    private readonly table: TopTable,
    private readonly output: TextOutput,
    private readonly options: TopViewOptions,
  ) {
    this.clock = options.clock ?? Date.now
  }

  record(record: ParseRecord, now: number, series?: SeriesOutcome): void {
    if (record.kind === 'sample') this.table.add(record.sample, now, series)
  }

  endPacket(): void {}

  get overflow(): number {
    return this.table.overflow
  }

  get evicted(): number {
    return this.table.evicted
  }

  start(source: string): void {
    this.source = source
    this.timer = setInterval(() => this.draw(), this.options.intervalMs)
    if (this.options.terminal) this.draw()
  }

  stop(): string[] {
    clearInterval(this.timer)
    return [this.frame(PLAIN_ROWS, undefined).join('\n') + '\n']
  }

  private draw(): void {
    const {terminal} = this.options
    if (terminal === undefined) {
      this.output.write(this.frame(PLAIN_ROWS, undefined).join('\n') + '\n\n', PLAIN_ROWS)
      return
    }
    const {columns, rows} = terminal()
    const lines = this.frame(Math.max(1, rows - CHROME_ROWS), columns)
    // No newline after the last line: on a full screen it would scroll the title away.
    this.output.write(HOME + lines.join(CLEAR_LINE_END + '\n') + CLEAR_LINE_END + CLEAR_BELOW, 0)
  }

  private frame(rows: number, columns: number | undefined): string[] {
    const now = this.clock()
    const snapshot = this.table.snapshot(now, rows)
    return topLines(snapshot, {now, source: this.source, color: this.options.color, width: columns})
  }
}
