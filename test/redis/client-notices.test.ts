import {afterEach, describe, expect, it, vi} from 'vitest'
import {takeClientNotices, type ClientNotice} from '../../src/redis/client-notices.js'

describe('takeClientNotices', () => {
  const original = console.warn
  afterEach(() => {
    console.warn = original
  })

  it("takes ioredis's known lines in our words, passes any other line on, and gives console.warn back", () => {
    const passed = vi.fn()
    console.warn = passed
    const notices: ClientNotice[] = []
    const stop = takeClientNotices(notice => notices.push(notice))
    console.warn('[WARN] Redis server does not require a password, but a password was supplied.')
    console.warn("[WARN] This Redis server's `default` user does not require a password, but a password was supplied")
    console.warn('[WARN] something ioredis has not said before')
    console.warn('not ioredis at all')
    stop()
    console.warn('after')
    expect(notices).toEqual([
      {kind: 'note', text: 'the server needs no password, but the URL gives one; leave it out, or have the server require it'},
      {kind: 'note', text: 'the server needs no password, but the URL gives one; leave it out, or have the server require it'},
    ])
    expect(passed.mock.calls).toEqual([['[WARN] something ioredis has not said before'], ['not ioredis at all'], ['after']])
    expect(console.warn).toBe(passed)
  })

  it('keeps console.warn taken until the last connection lets it go', () => {
    const passed = vi.fn()
    console.warn = passed
    const first = takeClientNotices(() => undefined)
    const second = takeClientNotices(() => undefined)
    first()
    expect(console.warn).not.toBe(passed)
    second()
    expect(console.warn).toBe(passed)
  })
})
