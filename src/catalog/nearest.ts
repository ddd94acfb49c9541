/**
 * "Did you mean …?" for a misspelt key or value: the known word nearest to what was
 * written, when it is near enough to be the likely intent.
 */

/** Optimal string alignment distance: edits, with a swap of two neighbours counted as one. */
export function editDistance(a: string, b: string): number {
  let previous2: number[] = []
  let previous = Array.from({length: b.length + 1}, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, previous2[j - 2] + 1)
      current.push(best)
    }
    previous2 = previous
    previous = current
  }
  return previous[b.length]
}

/**
 * The candidate nearest to `word`, compared without case, `_` and `-`: one that starts
 * with what was written (three letters at least), else the one fewest edits away, within
 * a third of the word's length (at least one edit); undefined when none is near.
 */
export function nearestWord(word: string, candidates: readonly string[]): string | undefined {
  const normal = (text: string) => text.toLowerCase().replace(/[-_]/g, '')
  const written = normal(word)
  if (written.length >= 3) {
    const completed = candidates.find((candidate) => normal(candidate).startsWith(written))
    if (completed !== undefined) return completed
  }
  const limit = Math.max(1, Math.floor(written.length / 3))
  let best: string | undefined
  let bestDistance = limit + 1
  for (const candidate of candidates) {
    const distance = editDistance(written, normal(candidate))
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return best
}
