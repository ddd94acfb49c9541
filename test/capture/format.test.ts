import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {decodeHeader, decodePacket, encodeHeader, encodePacket} from '../../src/capture/format.js'
import {readCapture} from '../../src/capture/read.js'
import {UsageError} from '../../src/errors.js'

/** The message of the UsageError `run` throws. */
function failure(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError)
    return (error as UsageError).message
  }
  throw new Error('did not throw')
}

const dir = mkdtempSync(join(tmpdir(), 'metrics-capture-format-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

describe('capture format', () => {
  it('keeps UTF-8 packets as text and anything else as base64, byte for byte', () => {
    const packets = [Buffer.from('a:1|c\nb:2|g|#env:prod'), Buffer.from([0xff, 0x00, 0x0a, 0x80]), Buffer.from('name:1|c|#k:\u001b[2J'), Buffer.from('a:1|c\n'), Buffer.from('\n'), Buffer.alloc(0)]
    for (const [i, packet] of packets.entries()) {
      const line = encodePacket(i * 1.5, packet)
      expect(line.endsWith('\n')).toBe(true)
      expect(line.slice(0, -1)).not.toContain('\n')
      expect(decodePacket(line.trim(), 'x:2')).toEqual({t: i * 1.5, packet})
    }
    expect(encodePacket(0, packets[0])).toBe('{"t":0,"data":"a:1|c\\nb:2|g|#env:prod"}\n')
    expect(encodePacket(2, packets[1])).toBe('{"t":2,"base64":"/wAKgA=="}\n')
  })

  it('rounds times to the microsecond', () => {
    expect(encodePacket(1.23456789, Buffer.from('a:1|c'))).toBe('{"t":1.235,"data":"a:1|c"}\n')
  })

  it('reads its header back', () => {
    const header = encodeHeader(new Date(0), 'udp://127.0.0.1:8125')
    expect(decodeHeader(header.trim(), 'f:1')).toEqual({metricsCapture: 1, started: '1970-01-01T00:00:00.000Z', source: 'udp://127.0.0.1:8125'})
    expect(decodeHeader('{"metricsCapture":1}', 'f:1')).toEqual({metricsCapture: 1, started: '', source: ''})
  })

  it.each<[string, string]>([
    ['a:1|c', 'f:1: not JSON: "a:1|c"'],
    ['{"t":0}', 'f:1: not a metrics tail capture (the first line has no "metricsCapture")'],
    ['[1]', 'f:1: expected a capture header, got [1]'],
    ['{"metricsCapture":2}', 'f:1: capture version 2 is not supported (this metrics reads 1)'],
    ['{"metricsCapture":"1"}', 'f:1: capture version "1" is not supported (this metrics reads 1)'],
    ['{"metricsCapture":1,"source":7}', 'f:1: "source" must be a string, got 7'],
  ])('rejects the header %s', (line, message) => {
    expect(failure(() => decodeHeader(line, 'f:1'))).toBe(message)
  })

  it.each<[string, string]>([
    ['{"t":-1,"data":"x"}', 'f:3: "t" must be a number of milliseconds, 0 or more, got -1'],
    ['{"t":"soon","data":"x"}', 'f:3: "t" must be a number of milliseconds, 0 or more, got "soon"'],
    ['{"data":"x"}', 'f:3: the packet has no "t"'],
    ['{"t":1}', 'f:3: the packet has neither "data" nor "base64"'],
    ['{"t":1,"data":"x","base64":"eA=="}', 'f:3: the packet has both "data" and "base64"'],
    ['{"t":1,"data":5}', 'f:3: "data" must be a string, got 5'],
    ['{"t":1,"base64":"not base64!"}', 'f:3: "base64" is not base64: "not base64!"'],
    ['{"t":1,"base64":"eA"}', 'f:3: "base64" is not base64: "eA"'],
    ['[1]', 'f:3: expected {"t": milliseconds, "data": text} or {"t": milliseconds, "base64": bytes}, got [1]'],
    ['{"t":1,"data":"x"', 'f:3: not JSON: "{\\"t\\":1,\\"data\\":\\"x\\""'],
  ])('rejects the packet line %s, naming the line', (line, message) => {
    expect(failure(() => decodePacket(line, 'f:3'))).toBe(message)
  })

  it('shows a long value cut short, and control characters escaped as JSON escapes them', () => {
    expect(failure(() => decodePacket(`{"t":1,"base64":"\\u001b[2J${'A'.repeat(100)}"}`, 'f:2'))).toBe(`f:2: "base64" is not base64: "\\u001b[2J${'A'.repeat(56)}"…`)
  })
})

describe('readCapture', () => {
  const file = (name: string, text: string): string => {
    const path = join(dir, name)
    writeFileSync(path, text)
    return path
  }
  const all = async (path: string): Promise<string[]> => {
    const packets: string[] = []
    for await (const {packet} of await readCapture(path, '--replay', new AbortController().signal)) packets.push(packet.toString())
    return packets
  }

  it('reads the header, then each packet, skipping blank lines', async () => {
    const path = file('ok.jsonl', encodeHeader(new Date(0), 'tcp://127.0.0.1:1') + encodePacket(0, Buffer.from('a:1|c')) + '\n' + encodePacket(5, Buffer.from([0xff])))
    const capture = await readCapture(path, '--replay', new AbortController().signal)
    expect(capture.header.source).toBe('tcp://127.0.0.1:1')
    expect(await all(path)).toEqual(['a:1|c', '\ufffd'])
  })

  it('names the file and line of a bad packet, counting blank lines', async () => {
    const path = file('bad-line.jsonl', encodeHeader(new Date(0), 'x') + encodePacket(0, Buffer.from('a:1|c')) + '\n{"t":"soon","data":"x"}\n')
    await expect(all(path)).rejects.toThrow(new UsageError(`${path}:4: "t" must be a number of milliseconds, 0 or more, got "soon"`))
  })

  it.each<[string, string, string]>([
    ['empty', '', 'the capture is empty'],
    ['not a capture', 'a:1|c\n', '1: not JSON: "a:1|c"'],
  ])('refuses a file that is %s', async (_, text, message) => {
    const path = file('refused.jsonl', text)
    await expect(readCapture(path, '--replay', new AbortController().signal)).rejects.toThrow(`${path}${message.startsWith('1:') ? ':' : ': '}${message}`)
  })

  it('says in words why a file cannot be read', async () => {
    await expect(readCapture(join(dir, 'missing.jsonl'), '--replay', new AbortController().signal)).rejects.toThrow(new UsageError(`--replay: cannot read ${join(dir, 'missing.jsonl')}: no such file or directory`))
    await expect(readCapture(dir, '--replay', new AbortController().signal)).rejects.toThrow(new UsageError(`--replay: cannot read ${dir}: it is a directory`))
  })
})
