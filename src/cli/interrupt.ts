import {setMaxListeners} from 'node:events'

/**
 * A signal aborted by the first Ctrl-C (or SIGTERM), so that a long-running command
 * stops cleanly and still reports; a second one kills the process as usual.
 */
export function interruptSignal(): AbortSignal {
  const controller = new AbortController()
  // One signal for the whole run, watched by every request in flight (16 S3 uploads at once, say),
  // each of which stops watching when it ends: their number is no sign of a leak.
  setMaxListeners(0, controller.signal)
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      process.removeListener('SIGINT', onSignal).removeListener('SIGTERM', onSignal)
      process.kill(process.pid, signal)
      return
    }
    controller.abort()
  }
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal)
  return controller.signal
}
