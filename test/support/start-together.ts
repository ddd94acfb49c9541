/** A server a test started and must stop. */
export interface Stoppable {
  stop(): Promise<void>
}

/**
 * Waits for every start. If one fails, the ones that did start are stopped before the
 * first error is thrown: a beforeAll that throws never reaches the variables its
 * afterAll would stop, and the servers would outlive the test run.
 */
export async function startTogether<T extends readonly Stoppable[]>(starts: {readonly [K in keyof T]: Promise<T[K]>}): Promise<T> {
  const settled = await Promise.allSettled(starts)
  const failure = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected')
  if (failure === undefined) return settled.map(outcome => (outcome as PromiseFulfilledResult<Stoppable>).value) as unknown as T
  await Promise.all(settled.map(outcome => (outcome.status === 'fulfilled' ? outcome.value.stop() : undefined)))
  throw failure.reason
}

/** Runs `next` with what was started, and stops it if `next` fails. */
export async function stopOnFailure<S extends Stoppable, R>(started: S, next: (started: S) => Promise<R>): Promise<R> {
  try {
    return await next(started)
  } catch (error) {
    await started.stop()
    throw error
  }
}
