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
