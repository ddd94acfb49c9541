/**
 * At a stop, datagrams (or bytes) the kernel still holds for the socket arrived before it,
 * but tail has not read them yet: closing the socket then loses them uncounted (1,489 of
 * 10,000 datagrams sent just before a Ctrl-C, under load). So tail reads on, for at most
 * DRAIN_BUDGET_MS, until the socket's receive queue is empty where the kernel tells
 * (UDP on Linux: /proc/net/udp), or elsewhere until nothing has arrived for QUIET_MS.
 * What a sender goes on sending meanwhile is read too, which only the budget ends.
 */
export const DRAIN_BUDGET_MS = 2000
/** Without the kernel's word: this long without a packet means the queue is empty. */
const QUIET_MS = 50
/** How often the queue is looked at. */
const POLL_MS = 5

export interface Drainable {
  /** Bytes the kernel holds for the socket, 0 when none; undefined where it does not say. */
  queued?(): Promise<number | undefined>
}

/**
 * Resolves when nothing is left to read, or when the budget is spent. `arrivals` counts
 * the packets received so far; the event loop delivers them while this waits.
 */
export async function drain(source: Drainable, arrivals: () => number, budgetMs = DRAIN_BUDGET_MS, clock: () => number = Date.now): Promise<void> {
  const deadline = clock() + budgetMs
  let seen = arrivals()
  let quietSince = clock()
  while (clock() < deadline) {
    const left = await source.queued?.()
    if (left === 0) return
    await new Promise(resolve => setTimeout(resolve, POLL_MS))
    if (left !== undefined) continue
    if (arrivals() !== seen) {
      seen = arrivals()
      quietSince = clock()
    } else if (clock() - quietSince >= QUIET_MS) {
      return
    }
  }
}
