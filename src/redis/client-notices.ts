/**
 * ioredis tells some findings with console.warn, straight to stderr: `[WARN] Redis
 * server does not require a password, but a password was supplied`, which from cron
 * is a mail every minute for a run that worked. While a connection is open its lines
 * are taken here instead and put in our words: a note for the run to report as it
 * reports its summary, or an error for the sample. Lines we do not know pass through.
 */
import {format} from 'node:util'

/** What an ioredis console line means to the run. */
export type ClientNotice = {readonly kind: 'note'; readonly text: string} | {readonly kind: 'error'; readonly error: Error}

const KNOWN: ReadonlyArray<[pattern: RegExp, notice: () => ClientNotice]> = [
  [/does not require a password, but a password was supplied/, () => ({kind: 'note', text: 'the server needs no password, but the URL gives one; leave it out, or have the server require it'})],
  [
    /wrong number of arguments for 'auth' command/,
    // ioredis goes on unauthenticated, so the sample would fail later with a misleading NOAUTH.
    () => ({kind: 'error', error: Object.assign(new Error('the server takes no user name with the password (Redis 5 or older)'), {code: 'AUTH_USERNAME'})}),
  ],
]

type Listener = (notice: ClientNotice) => void

const listeners = new Set<Listener>()
let consoleWarn: typeof console.warn | undefined

/** Routes ioredis's console lines to `listener` until the returned function is called. */
export function takeClientNotices(listener: Listener): () => void {
  listeners.add(listener)
  if (consoleWarn === undefined) {
    const original = console.warn
    consoleWarn = original
    console.warn = (...args: unknown[]) => {
      const line = format(...args)
      const known = /^\[(WARN|ERROR)\] /.test(line) ? KNOWN.find(([pattern]) => pattern.test(line)) : undefined
      if (known === undefined || listeners.size === 0) return original.apply(console, args)
      for (const notify of listeners) notify(known[1]())
    }
  }
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0 && consoleWarn !== undefined) {
      console.warn = consoleWarn
      consoleWarn = undefined
    }
  }
}
