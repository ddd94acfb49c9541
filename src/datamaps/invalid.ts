/**
 * Rows the export skipped: all of them counted, the first few kept with where they
 * were, so that the report names them without holding a bad table in memory.
 */
export interface InvalidRow {
  /** `file:line`, or `table grid=0x…` for a database row. */
  readonly where: string
  readonly reason: string
}

export interface InvalidRowsReport {
  readonly count: number
  readonly examples: readonly InvalidRow[]
}

export const MAX_INVALID_EXAMPLES = 20

export class InvalidRows {
  private count = 0
  private readonly examples: InvalidRow[] = []

  add(where: () => string, reason: string): void {
    this.count++
    if (this.examples.length < MAX_INVALID_EXAMPLES) this.examples.push({where: where(), reason})
  }

  get report(): InvalidRowsReport {
    return {count: this.count, examples: [...this.examples]}
  }
}
