import {describe, expect, it, vi} from 'vitest'
import {onAbort} from '../../src/io/abort.js'

describe('onAbort', () => {
  it('runs the action once, when the signal aborts', () => {
    const controller = new AbortController()
    const action = vi.fn()
    onAbort(controller.signal, action)
    expect(action).not.toHaveBeenCalled()
    controller.abort()
    controller.abort()
    expect(action).toHaveBeenCalledTimes(1)
  })

  it('runs it at once on a signal that has already aborted', () => {
    const action = vi.fn()
    onAbort(AbortSignal.abort(), action)
    expect(action).toHaveBeenCalledTimes(1)
  })

  it('stops watching when told, so that a long-lived signal keeps no listener per resource', () => {
    const controller = new AbortController()
    const action = vi.fn()
    onAbort(controller.signal, action)()
    controller.abort()
    expect(action).not.toHaveBeenCalled()
  })

  it('does nothing without a signal', () => {
    const action = vi.fn()
    onAbort(undefined, action)()
    expect(action).not.toHaveBeenCalled()
  })
})
