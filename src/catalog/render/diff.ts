/**
 * A short unified-style diff of two texts, for `docs --check`: the lines that differ
 * between the common beginning and the common end, with three lines of context, cut
 * after a screenful. Not a minimal diff: a stale page is rewritten whole anyway, the
 * diff only shows where it went stale.
 */
import {terminalText} from '../../text/visible.js'

const CONTEXT = 3
const MAX_LINES = 60

export function shortDiff(before: string, after: string, oldLabel: string, newLabel: string): string {
  const a = before.split(/\r?\n/)
  const b = after.split(/\r?\n/)
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  let tail = 0
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++
  const from = Math.max(0, head - CONTEXT)
  const removed = a.slice(head, a.length - tail)
  const added = b.slice(head, b.length - tail)
  const leading = a.slice(from, head)
  const trailing = a.slice(a.length - tail, Math.min(a.length, a.length - tail + CONTEXT))
  const oldCount = leading.length + removed.length + trailing.length
  const newCount = leading.length + added.length + trailing.length
  const body = [
    ...leading.map(line => ` ${line}`),
    ...removed.map(line => `-${line}`),
    ...added.map(line => `+${line}`),
    ...trailing.map(line => ` ${line}`),
  ]
  const lines = body.map(terminalText)
  const shown = lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), `… ${lines.length - MAX_LINES} more lines`] : lines
  return [`--- ${terminalText(oldLabel)}`, `+++ ${terminalText(newLabel)}`, `@@ -${from + 1},${oldCount} +${from + 1},${newCount} @@`, ...shown].join('\n') + '\n'
}
