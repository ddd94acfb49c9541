/**
 * Untrusted text shortened for a column: a name or a tag list from the network can be
 * 64 KB, and padding a table to it (or printing it on every row) multiplies that by the
 * rows. What is cut is replaced by `…`, so a shortened name never passes for a real one.
 * Lengths are in UTF-16 units, as the tables measure them; a surrogate pair is never split.
 */
export const ELLIPSIS = '…'

/**
 * `text` in at most `max` units: whole if it fits; else its start and end around `…`
 * (`middle`, for names, whose first and last parts both say what they are), or its
 * start and `…` (`end`, for lists and values).
 */
export function shorten(text: string, max: number, cut: 'middle' | 'end'): string {
  if (text.length <= max) return text
  const room = Math.max(0, max - ELLIPSIS.length)
  if (cut === 'end') return text.slice(0, pairSafe(text, room)) + ELLIPSIS
  const head = pairSafe(text, Math.ceil(room / 2))
  const tailStart = text.length - Math.floor(room / 2)
  // A tail that would start on the low half of a pair starts after it.
  const from = isLowSurrogate(text.charCodeAt(tailStart)) ? tailStart + 1 : tailStart
  return text.slice(0, head) + ELLIPSIS + text.slice(from)
}

/** `end`, moved back by one if the unit before it is the high half of a pair. */
function pairSafe(text: string, end: number): number {
  const before = text.charCodeAt(end - 1)
  return end > 0 && before >= 0xd800 && before <= 0xdbff ? end - 1 : end
}

const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff
