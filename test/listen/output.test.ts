import {PassThrough} from 'node:stream'
import {describe, expect, it} from 'vitest'
import {chunkLines, Output} from '../../src/listen/output.js'

describe('Output', () => {
  it('drops and counts lines once too much waits for a slow reader', () => {
    const stream = new PassThrough({highWaterMark: 4})
    const output = new Output(stream, () => undefined, 10)
    output.write('12345\n', 1)
    output.write('67890\n', 1)
    output.write('dropped\n', 1)
    output.write('also\ndropped\n', 2)
    expect(output.dropped).toBe(3)
    expect(stream.read()?.toString()).toBe('12345\n67890\n')
  })

  it('lets a file source wait until the reader caught up', async () => {
    const stream = new PassThrough({highWaterMark: 1})
    const output = new Output(stream, () => undefined)
    output.write('x'.repeat(2 << 20), 1)
    let ready = false
    const waiting = output.ready().then(() => (ready = true))
    await new Promise(resolve => setTimeout(resolve, 10))
    expect(ready).toBe(false)
    stream.resume()
    await waiting
    expect(ready).toBe(true)
  })

  it('ends quietly when the reader goes away', () => {
    const stream = new PassThrough()
    let gone = 0
    const output = new Output(stream, () => gone++)
    stream.emit('error', Object.assign(new Error('write EPIPE'), {code: 'EPIPE'}))
    output.write('after\n', 1)
    expect(gone).toBe(1)
    expect(output.dropped).toBe(0)
    expect(output.failure).toBeUndefined()
  })

  it('stops once and keeps the error when stdout cannot be written, whatever else follows', () => {
    const stream = new PassThrough()
    let gone = 0
    const output = new Output(stream, () => gone++)
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), {code: 'ENOSPC'})
    stream.emit('error', full)
    stream.emit('error', Object.assign(new Error('write EPIPE'), {code: 'EPIPE'}))
    expect(gone).toBe(1)
    expect(output.failure).toBe(full)
  })
})

describe('chunkLines', () => {
  it('joins lines into pieces of about 64 KB, each with its line count, never one string for all', () => {
    const lines = Array.from({length: 10_000}, (_, i) => `line ${i} `.padEnd(100, '.'))
    const chunks = [...chunkLines(lines)]
    expect(chunks.length).toBeGreaterThan(10)
    for (const chunk of chunks) expect(chunk.text.length).toBeLessThan((1 << 16) + 200)
    expect(chunks.reduce((sum, chunk) => sum + chunk.lines, 0)).toBe(10_000)
    expect(chunks.map(chunk => chunk.text).join('')).toBe(lines.join('\n') + '\n')
  })

  it('gives nothing for no lines', () => {
    expect([...chunkLines([])]).toEqual([])
  })
})
