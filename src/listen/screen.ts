/**
 * The terminal's alternate screen, which --top draws on, as htop does: taken at the
 * start, given back at the end, and given back even when a second Ctrl-C kills tail.
 */
import type {Writable} from 'node:stream'

const ENTER = '\x1b[?1049h\x1b[?25l'
const LEAVE = '\x1b[?25h\x1b[?1049l'

export class AlternateScreen {
  private entered = false
  private readonly restore = (): void => {
    this.terminal.write(LEAVE)
  }

  constructor(private readonly terminal: Writable) {}

  enter(): void {
    this.terminal.write(ENTER)
    this.entered = true
    process.once('exit', this.restore)
  }

  /** Gives the screen back; once, and only if it was taken. */
  leave(): void {
    if (!this.entered) return
    this.entered = false
    process.off('exit', this.restore)
    this.restore()
  }
}
