/**
 * "Did you mean …?" for a misspelt catalogue key or value: the known word nearest to
 * what was written, when it is near enough to be the likely intent. The distance and
 * how near is near enough are the config file's (text/nearest.ts); the catalogue also
 * completes a word cut short, and ignores `_` and `-`, which its keys and values mix.
 */
import {nearest} from '../text/nearest.js'

const normal = (text: string): string => text.toLowerCase().replace(/[-_]/g, '')

/**
 * The candidate nearest to `word`, compared without case, `_` and `-`: one that starts
 * with what was written (three letters at least), else the one fewest edits away;
 * undefined when none is near.
 */
export function nearestWord(word: string, candidates: readonly string[]): string | undefined {
  const written = normal(word)
  if (written.length >= 3) {
    const completed = candidates.find((candidate) => normal(candidate).startsWith(written))
    if (completed !== undefined) return completed
  }
  // The first candidate of each normal form, so that ties still go to the first.
  const byNormal = new Map<string, string>()
  for (const candidate of candidates) if (!byNormal.has(normal(candidate))) byNormal.set(normal(candidate), candidate)
  const near = nearest(written, byNormal.keys())
  return near === undefined ? undefined : byNormal.get(near)
}
