import {constants} from 'node:fs'
import {open, stat, type FileHandle} from 'node:fs/promises'
import {setTimeout as sleep} from 'node:timers/promises'
import {onAbort} from './abort.js'

/**
 * Opens a file for reading. Opening a FIFO waits until a writer opens it, on a
 * thread-pool thread that no signal reaches, and the process cannot end before it
 * returns. Should `signal` abort meanwhile, the FIFO is opened for writing once and
 * closed: the open returns, and the reader sees the end at once.
 */
export async function openForReading(path: string, signal: AbortSignal): Promise<FileHandle> {
  // stat never waits for a writer; a missing file is left for open to report.
  const fifo = (await stat(path).catch(() => undefined))?.isFIFO() === true
  const opening = open(path, 'r')
  if (!fifo) return opening
  let settled = false
  const done = (): void => {
    settled = true
  }
  opening.then(done, done)
  const release = async (): Promise<void> => {
    // A writer that comes before the reader's open has reached the kernel is refused (ENXIO): try again until it has.
    while (!settled) {
      const writer = await open(path, constants.O_WRONLY | constants.O_NONBLOCK).catch(() => undefined)
      if (writer !== undefined) return writer.close()
      await sleep(20)
    }
  }
  const unwatch = onAbort(signal, () => void release())
  try {
    return await opening
  } finally {
    unwatch()
  }
}
