/**
 * A signal aborted by the first Ctrl-C (or SIGTERM), so that a long-running command
 * stops cleanly and still reports; a second one kills the process as usual.
 */
export function interruptSignal(): AbortSignal {
  const controller = new AbortController()
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
