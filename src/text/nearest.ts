/**
 * "Did you mean" for a word that is not one of the known ones (a config key, a section).
 * Distance is Damerau–Levenshtein in its optimal-string-alignment form, where swapping
 * two neighbours is one edit, as in `prot` for `port`; case is ignored, so `tagstyle`
 * finds `tagStyle`. A word is only matched when at most a third of it is wrong (at
 * least one edit is allowed): beyond that a suggestion is a guess, and a wrong guess
 * misleads more than none.
 */

/** Edits (insert, delete, substitute, swap neighbours) that turn `a` into `b`, ignoring case. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase()
  const t = b.toLowerCase()
  // Three rows of the table are enough: a swap looks two rows back.
  let before = new Array<number>(t.length + 1).fill(0)
  let previous = Array.from({length: t.length + 1}, (_, j) => j)
  let current = new Array<number>(t.length + 1).fill(0)
  for (let i = 1; i <= s.length; i++) {
    current[0] = i
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) current[j] = Math.min(current[j], before[j - 2] + 1)
    }
    ;[before, previous, current] = [previous, current, before]
  }
  return previous[t.length]
}

/** The candidate nearest to `word`, when it is near enough to suggest; ties go to the first. */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(word.length / 3))
  let best: string | undefined
  let bestDistance = limit + 1
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - word.length) >= bestDistance) continue
    const distance = editDistance(word, candidate)
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return best
}
