import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {OperationError} from '../../src/errors.js'
import {CaptureWriter} from '../../src/listen/capture.js'

const dir = mkdtempSync(join(tmpdir(), 'metrics-capture-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

describe('CaptureWriter', () => {
  it('writes the header with the source and each packet with its time since the first', async () => {
    const path = join(dir, 'one.jsonl')
    const writer = await CaptureWriter.open(path, new Date(0))
    writer.source = 'udp://127.0.0.1:9999'
    writer.packet(Buffer.from('a:1|c'), 1000)
    writer.packet(Buffer.from('b:1|c'), 1250)
    await writer.close()
    expect(readFileSync(path, 'utf8')).toBe(
      '{"metricsCapture":1,"started":"1970-01-01T00:00:00.000Z","source":"udp://127.0.0.1:9999"}\n' +
      '{"t":0,"data":"a:1|c"}\n{"t":250,"data":"b:1|c"}\n',
    )
    expect(writer.stats).toEqual({path, written: 2, dropped: 0})
  })

  it('writes a header even when nothing arrived', async () => {
    const path = join(dir, 'empty.jsonl')
    const writer = await CaptureWriter.open(path, new Date(0))
    await writer.close()
    expect(readFileSync(path, 'utf8')).toMatch(/^\{"metricsCapture":1,.*\}\n$/)
  })

  it('reports a write that failed once running (a full disk), however late the error comes', async () => {
    const writer = await CaptureWriter.open('/dev/full', new Date(0))
    writer.packet(Buffer.from('a:1|c'), 0)
    await expect(writer.close()).rejects.toThrow(new OperationError('--capture: writing /dev/full failed: no space left on the device'))
  })

  it('fails up front on a path it cannot write', async () => {
    await expect(CaptureWriter.open(join(dir, 'no/such/dir/x.jsonl'), new Date())).rejects.toThrow(/--capture: cannot write .*: no such file or directory/)
  })
})
