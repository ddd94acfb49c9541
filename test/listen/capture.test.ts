import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {CaptureWriter, decodeHeader, decodePacket, encodeHeader, encodePacket} from '../../src/listen/capture.js'

const dir = mkdtempSync(join(tmpdir(), 'metrics-capture-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

describe('capture format', () => {
  it('keeps UTF-8 packets as text and anything else as base64, byte for byte', () => {
    const packets = [Buffer.from('a:1|c\nb:2|g|#env:prod'), Buffer.from([0xff, 0x00, 0x0a, 0x80]), Buffer.from('name:1|c|#k:\u001b[2J')]
    for (const [i, packet] of packets.entries()) {
      const line = encodePacket(i * 1.5, packet)
      expect(line.endsWith('\n')).toBe(true)
      expect(line.slice(0, -1)).not.toContain('\n')
      expect(decodePacket(line.trim(), 'x:2')).toEqual({t: i * 1.5, packet})
    }
    expect(encodePacket(0, packets[0])).toBe('{"t":0,"data":"a:1|c\\nb:2|g|#env:prod"}\n')
    expect(encodePacket(2, packets[1])).toBe('{"t":2,"base64":"/wAKgA=="}\n')
  })

  it('reads its header back, and rejects files that are not captures', () => {
    const header = encodeHeader(new Date(0), 'udp://127.0.0.1:8125')
    expect(decodeHeader(header.trim(), 'f:1')).toEqual({metricsCapture: 1, started: '1970-01-01T00:00:00.000Z', source: 'udp://127.0.0.1:8125'})
    expect(() => decodeHeader('a:1|c', 'f:1')).toThrow('f:1: not JSON: "a:1|c"')
    expect(() => decodeHeader('{"t":0}', 'f:1')).toThrow('f:1: not a metrics tail capture')
    expect(() => decodeHeader('{"metricsCapture":2}', 'f:1')).toThrow(/capture version 2 is not supported/)
  })

  it.each([
    ['{"t":-1,"data":"x"}', /expected \{"t": milliseconds/],
    ['{"data":"x"}', /expected \{"t": milliseconds/],
    ['{"t":1}', /needs "data" or "base64"/],
    ['[1]', /expected \{"t"/],
  ])('rejects the packet line %s', (line, message) => {
    expect(() => decodePacket(line, 'f:3')).toThrow(message)
  })
})

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

  it('fails up front on a path it cannot write', async () => {
    await expect(CaptureWriter.open(join(dir, 'no/such/dir/x.jsonl'), new Date())).rejects.toThrow(/--capture: cannot write .*: ENOENT/)
  })
})
