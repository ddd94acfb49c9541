/**
 * Reloads --mapping when the file changes and on SIGHUP, as statsd_exporter reloads on
 * SIGHUP. Editors save either in place or by renaming a new file over the old one, which
 * a watch on the file itself stops seeing; watching its directory for its name sees both.
 * The bursts of events one save makes become one reload.
 */
import {watch, type FSWatcher} from 'node:fs'
import {basename, dirname} from 'node:path'

/** Long enough to cover one save's events, short enough to feel immediate. */
const SETTLE_MS = 100

export function watchMapping(path: string, reload: () => void): {close(): Promise<void>} {
  let timer: NodeJS.Timeout | undefined
  const schedule = (): void => {
    clearTimeout(timer)
    timer = setTimeout(reload, SETTLE_MS)
  }
  const name = basename(path)
  let watcher: FSWatcher | undefined
  try {
    watcher = watch(dirname(path), {persistent: false}, (_event, changed) => {
      if (changed === null || changed === name) schedule()
    })
    // A directory that goes away ends the watch; SIGHUP still works.
    watcher.on('error', () => watcher?.close())
  } catch {
    // Some filesystems cannot be watched: SIGHUP still reloads.
    watcher = undefined
  }
  process.on('SIGHUP', reload)
  return {
    async close() {
      process.off('SIGHUP', reload)
      clearTimeout(timer)
      watcher?.close()
    },
  }
}
