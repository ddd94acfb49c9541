/**
 * Runs `action` once `signal` aborts, or at once if it already has. Returns what stops
 * watching, for when the resource it would destroy is closed: a signal that lives as long
 * as the process must not collect a listener per connection.
 */
export function onAbort(signal: AbortSignal | undefined, action: () => void): () => void {
  if (signal === undefined) return () => undefined
  if (signal.aborted) {
    action()
    return () => undefined
  }
  signal.addEventListener('abort', action, {once: true})
  return () => signal.removeEventListener('abort', action)
}
