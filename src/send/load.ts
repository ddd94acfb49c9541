/**
 * Load mode: send the same metric many times, at a rate or as fast as the socket
 * takes it, for a count or a duration. The writer applies backpressure; the loop
 * yields to the event loop regularly so that send callbacks, timers and Ctrl-C run.
 */
export interface LineWriter {
  /** Queues wire text; returns a promise when the caller must wait before writing more. */
  writeText(text: string): Promise<void> | undefined
}

export interface LoadPlan {
  /** Lines to generate; unbounded when absent (then duration or the signal ends it). */
  readonly count?: number
  /** Lines per second; as fast as possible when absent. */
  readonly rate?: number
  readonly durationMs?: number
  /** Client-side sampling: each line is sent with this probability. */
  readonly sampleRate: number
}

export interface LoadResult {
  /** Lines generated, sent or sampled out. */
  readonly generated: number
  readonly sampledOut: number
  readonly elapsedMs: number
}

const BATCH = 4096
const TICK_MS = 10

export async function runLoad(
  next: () => string,
  writer: LineWriter,
  plan: LoadPlan,
  signal: AbortSignal,
  random: () => number = Math.random,
): Promise<LoadResult> {
  const started = performance.now()
  const deadline = plan.durationMs === undefined ? Number.POSITIVE_INFINITY : started + plan.durationMs
  const limit = plan.count ?? Number.POSITIVE_INFINITY
  let generated = 0
  let sampledOut = 0
  while (generated < limit && !signal.aborted) {
    const now = performance.now()
    if (now >= deadline) break
    const due = plan.rate === undefined ? BATCH : Math.min(BATCH, Math.floor(((now - started) / 1000) * plan.rate) - generated + 1)
    const batch = Math.min(due, limit - generated)
    for (let i = 0; i < batch; i++) {
      generated++
      if (plan.sampleRate < 1 && random() >= plan.sampleRate) {
        sampledOut++
        continue
      }
      const wait = writer.writeText(next())
      if (wait) await wait
      if (signal.aborted) break
    }
    await (plan.rate === undefined || batch > 0 ? yieldToEventLoop() : sleep(Math.min(TICK_MS, deadline - performance.now())))
  }
  return {generated, sampledOut, elapsedMs: performance.now() - started}
}

const yieldToEventLoop = (): Promise<void> => new Promise(resolve => setImmediate(resolve))
const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, Math.max(0, ms)))
