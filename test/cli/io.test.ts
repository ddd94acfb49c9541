import {PassThrough} from 'node:stream'
import {describe, expect, it} from 'vitest'
import {outputIo, processIo, type CommandIo} from '../../src/cli/io.js'

describe('processIo', () => {
  it('makes process.stdin only when it is read', () => {
    const io = processIo()
    expect(Object.getOwnPropertyDescriptor(io, 'stdin')?.get).toBeTypeOf('function')
    expect(io.stdin).toBe(process.stdin)
    expect(io.stdout).toBe(process.stdout)
  })

  it('takes Ctrl-C and SIGTERM over only once its signal is read, so that a command that never watches it still stops', () => {
    const signals = ['SIGINT', 'SIGTERM'] as const
    const before = signals.map(signal => process.listeners(signal))
    const io = processIo()
    expect(signals.map(signal => process.listeners(signal))).toEqual(before)
    expect(io.signal.aborted).toBe(false)
    expect(io.signal).toBe(io.signal)
    const added = signals.map((signal, i) => process.listeners(signal).filter(listener => !before[i].includes(listener)))
    expect(added.map(listeners => listeners.length)).toEqual([1, 1])
    signals.forEach((signal, i) => added[i].forEach(listener => process.removeListener(signal, listener)))
  })
})

describe('outputIo', () => {
  it('keeps everything but stdin, without reading it', () => {
    const stdout = new PassThrough()
    const stderr = new PassThrough()
    const signal = new AbortController().signal
    const io: CommandIo = {
      env: {A: '1'},
      cwd: '/tmp',
      get stdin(): never {
        throw new Error('stdin was read')
      },
      stdout,
      stderr,
      signal,
    }
    expect(outputIo(io)).toEqual({env: {A: '1'}, cwd: '/tmp', stdout, stderr, signal})
  })
})
