import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {PassThrough} from 'node:stream'
import {afterAll, describe, expect, it} from 'vitest'
import {encodeHeader, encodePacket} from '../../src/capture/format.js'
import {StatsdSink} from '../../src/emit/statsd.js'
import {DryRunWriter} from '../../src/send/dry-run.js'
import type {LineWriter} from '../../src/send/load.js'
import {parseSpeed, replayCapture, replayPlan} from '../../src/send/replay.js'
import {udpListener} from '../support/listeners.js'

const dir = mkdtempSync(join(tmpdir(), 'metrics-replay-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

function capture(name: string, packets: Array<[number, string | Buffer]>): string {
  const path = join(dir, name)
  writeFileSync(path, encodeHeader(new Date(0), 'udp://127.0.0.1:8125') + packets.map(([t, packet]) => encodePacket(t, Buffer.from(packet))).join(''))
  return path
}

/** Records what is written and when, in milliseconds since it was made. */
class TimedWriter implements LineWriter {
  readonly sent: Array<[number, string]> = []
  private readonly started = performance.now()
  writeText(text: string): undefined {
    this.sent.push([performance.now() - this.started, text])
    return undefined
  }
}

const noSignal = new AbortController().signal

describe('replayPlan', () => {
  it('is undefined without --replay, and takes --speed only with it', () => {
    expect(replayPlan({}, {})).toBeUndefined()
    expect(() => replayPlan({}, {speed: '2x'})).toThrow('--speed applies to --replay only')
  })

  it('replays at the original pace unless told otherwise', () => {
    expect(replayPlan({}, {replay: 'c.jsonl'})).toEqual({path: 'c.jsonl', speed: 1})
    expect(replayPlan({}, {replay: 'c.jsonl', speed: 'max'})).toEqual({path: 'c.jsonl', speed: Number.POSITIVE_INFINITY})
  })

  it.each<[object, object, RegExp]>([
    [{type: 'incr'}, {replay: 'c'}, /takes no type, name or value/],
    [{}, {replay: 'c', rate: '10'}, /--rate does not apply to --replay/],
    [{}, {replay: 'c', count: '1'}, /--count does not apply/],
    [{}, {replay: 'c', 'sample-rate': '0.5'}, /--sample-rate does not apply/],
  ])('rejects %j %j', (args, flags, message) => {
    expect(() => replayPlan(args, flags)).toThrow(message)
  })
})

describe('parseSpeed', () => {
  it.each([['2x', 2], ['2', 2], ['0.5x', 0.5], ['.25X', 0.25], ['max', Number.POSITIVE_INFINITY], [' 10 x ', 10]])('%j is %d', (text, speed) => {
    expect(parseSpeed(text)).toBe(speed)
  })

  it.each(['0', '0x', '-1x', 'fast', 'x2', ''])('rejects %j', text => {
    expect(() => parseSpeed(text)).toThrow(/--speed: expected a factor such as 2x/)
  })

  it('takes time linear in the text: 100,000 spaces between a number and a wrong letter', () => {
    const start = performance.now()
    expect(() => parseSpeed(`1${' '.repeat(100_000)}y`)).toThrow(/--speed: expected a factor/)
    expect(performance.now() - start).toBeLessThan(1000)
  })
})

describe('replayCapture', () => {
  it('sends each packet unchanged at its captured time', async () => {
    const path = capture('paced.jsonl', [[0, 'a:1|c'], [150, 'b:1|c\nc:2|g'], [300, 'd:1|ms']])
    const writer = new TimedWriter()
    await replayCapture({path, speed: 1}, writer, noSignal)
    expect(writer.sent.map(([, text]) => text)).toEqual(['a:1|c', 'b:1|c\nc:2|g', 'd:1|ms'])
    const [, second, third] = writer.sent.map(([at]) => at)
    expect(second).toBeGreaterThanOrEqual(145)
    expect(third).toBeGreaterThanOrEqual(295)
    expect(third).toBeLessThan(1000)
  })

  it('goes faster with --speed', async () => {
    const path = capture('fast.jsonl', [[0, 'a:1|c'], [400, 'b:1|c']])
    const writer = new TimedWriter()
    await replayCapture({path, speed: 4}, writer, noSignal)
    const at = writer.sent[1][0]
    expect(at).toBeGreaterThanOrEqual(95)
    expect(at).toBeLessThan(350)
  })

  it('sends everything at once with --speed max', async () => {
    const path = capture('max.jsonl', [[0, 'a:1|c'], [60_000, 'b:1|c']])
    const writer = new TimedWriter()
    await replayCapture({path, speed: Number.POSITIVE_INFINITY}, writer, noSignal)
    expect(writer.sent.map(([, text]) => text)).toEqual(['a:1|c', 'b:1|c'])
    expect(writer.sent[1][0]).toBeLessThan(1000)
  })

  it('stops when interrupted', async () => {
    const path = capture('long.jsonl', [[0, 'a:1|c'], [60_000, 'b:1|c']])
    const writer = new TimedWriter()
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    await replayCapture({path, speed: 1}, writer, controller.signal)
    expect(writer.sent.map(([, text]) => text)).toEqual(['a:1|c'])
  })

  // Each packet as a UDP datagram reaches tail, and the lines tail counts in it (src/statsd/lines.ts).
  const FRAMING: Array<[string, string | Buffer, string | undefined, number]> = [
    ['a packet ending in \\n', 'a:1|c\n', 'a:1|c', 1],
    ['a packet ending in \\n\\n', 'b:1|c\n\n', 'b:1|c', 1],
    ['a blank line inside a packet', 'a:1|c\n\nb:1|c', 'a:1|c\nb:1|c', 2],
    ['\\r\\n endings', 'c:1|c\r\nd:1|c\r\n', 'c:1|c\r\nd:1|c\r', 2],
    ['a lone \\n', '\n', undefined, 0],
    ['a base64 packet ending in \\n', Buffer.from([0xff, 0x3a, 0x31, 0x7c, 0x63, 0x0a]), '\ufffd:1|c', 1],
  ]

  it.each(FRAMING)('replays %s as the lines tail counted in it', async (_, packet, sent, lines) => {
    const path = capture('framing.jsonl', [[0, packet]])
    const writer = new TimedWriter()
    await replayCapture({path, speed: Number.POSITIVE_INFINITY}, writer, noSignal)
    expect(writer.sent.map(([, text]) => text)).toEqual(sent === undefined ? [] : [sent])

    const stdout = new PassThrough()
    const dryRun = new DryRunWriter(stdout)
    await replayCapture({path, speed: Number.POSITIVE_INFINITY}, dryRun, noSignal)
    expect((await dryRun.close()).lines).toBe(lines)
    expect(String(stdout.read() ?? '')).toBe(sent === undefined ? '' : sent + '\n')
  })

  it('counts what it sends over UDP as tail counts it: one datagram per packet, no empty lines', async () => {
    const path = capture('udp.jsonl', FRAMING.map(([, packet], i) => [i, packet]))
    const upstream = await udpListener()
    try {
      const sink = await StatsdSink.open({protocol: 'udp', host: '127.0.0.1', port: upstream.port, prefix: '', tags: [], tagStyle: 'dogstatsd'})
      await replayCapture({path, speed: Number.POSITIVE_INFINITY}, sink, noSignal)
      const totals = await sink.close()
      const expected = FRAMING.reduce((sum, [, , , lines]) => sum + lines, 0)
      expect(totals.lines).toBe(expected)
      expect(await upstream.waitForLines(expected)).toEqual(FRAMING.flatMap(([, , sent]) => (sent === undefined ? [] : sent.split('\n'))))
    } finally {
      await upstream.close()
    }
  })

  it.each<[string, string, RegExp]>([
    ['not a capture', 'a:1|c\n', /:1: not JSON/],
    ['empty', '', /the capture is empty/],
    ['a bad packet line', encodeHeader(new Date(0), 'x') + '{"t":"soon"}\n', /bad\.jsonl:2: "t" must be a number of milliseconds, 0 or more, got "soon"/],
  ])('rejects a file that is %s', async (_, content, message) => {
    const path = join(dir, 'bad.jsonl')
    writeFileSync(path, content)
    await expect(replayCapture({path, speed: 1}, new TimedWriter(), noSignal)).rejects.toThrow(message)
  })

  it('sends nothing from a file with a bad line, however far down', async () => {
    const path = join(dir, 'late-error.jsonl')
    writeFileSync(path, encodeHeader(new Date(0), 'x') + encodePacket(0, Buffer.from('a:1|c')) + encodePacket(1, Buffer.from('b:1|c')) + '{"t":2}\n')
    const writer = new TimedWriter()
    await expect(replayCapture({path, speed: Number.POSITIVE_INFINITY}, writer, noSignal)).rejects.toThrow(`${path}:4: the packet has neither "data" nor "base64"`)
    expect(writer.sent).toEqual([])
  })

  it('says so when the file cannot be read', async () => {
    await expect(replayCapture({path: join(dir, 'missing.jsonl'), speed: 1}, new TimedWriter(), noSignal)).rejects.toThrow(/--replay: cannot read .*missing\.jsonl: no such file or directory/)
  })
})
