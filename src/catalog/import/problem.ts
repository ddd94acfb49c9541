/**
 * What an importer could not read, with where it is. A problem is never a reason to
 * stop: the reader goes on with the next row or paragraph, and the command reports every
 * problem and exits 1 after writing what it did understand.
 */
export interface ImportProblem {
  readonly line: number
  readonly column?: number
  readonly message: string
}

/** Problems in line order (a stable sort keeps each line's in the order found). */
export function sortProblems(problems: readonly ImportProblem[]): ImportProblem[] {
  return [...problems].sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0))
}
