import {describe, expect, it} from 'vitest'
import {drain} from '../../src/listen/drain.js'

describe('drain at stop', () => {
  it('reads until the kernel says the receive queue is empty', async () => {
    const left = [3000, 1200, 0]
    let asked = 0
    await drain({queued: async () => left[asked++]}, () => 0)
    expect(asked).toBe(3)
  })

  it('gives up when the budget is spent, the queue never emptying', async () => {
    const started = Date.now()
    await drain({queued: async () => 100}, () => 0, 60)
    expect(Date.now() - started).toBeGreaterThanOrEqual(60)
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('without the kernel\'s word, waits until nothing has arrived for a moment', async () => {
    let arrivals = 0
    const feeding = setInterval(() => arrivals++, 5)
    setTimeout(() => clearInterval(feeding), 100)
    const started = Date.now()
    await drain({}, () => arrivals, 2000)
    // 100 ms of arrivals, then 50 ms of quiet.
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect(Date.now() - started).toBeLessThan(1000)
    expect(arrivals).toBeGreaterThan(5)
  })
})
