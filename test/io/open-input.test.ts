import {execFileSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {openForReading} from '../../src/io/open-input.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'open-input-'))
})
afterEach(() => rmSync(dir, {recursive: true, force: true}))

describe('openForReading', () => {
  it('opens a file', async () => {
    writeFileSync(join(dir, 'a.txt'), 'text')
    const handle = await openForReading(join(dir, 'a.txt'), new AbortController().signal)
    try {
      expect(await handle.readFile('utf8')).toBe('text')
    } finally {
      await handle.close()
    }
  })

  it('passes on the error of a file it cannot open', async () => {
    await expect(openForReading(join(dir, 'missing'), new AbortController().signal)).rejects.toMatchObject({code: 'ENOENT'})
  })

  // The open of a FIFO waits for a writer on a thread-pool thread: only a writer ends the wait.
  it.runIf(process.platform !== 'win32')('returns, at the end of the FIFO, once interrupted while waiting for a writer', async () => {
    const fifo = join(dir, 'fifo')
    execFileSync('mkfifo', [fifo])
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 100)
    const started = Date.now()
    const handle = await openForReading(fifo, controller.signal)
    try {
      expect(Date.now() - started).toBeLessThan(2000)
      expect(await handle.readFile('utf8')).toBe('')
    } finally {
      await handle.close()
    }
  }, 5000)
})
