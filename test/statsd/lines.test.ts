import {describe, expect, it} from 'vitest'
import {Pipeline, type RecordSink} from '../../src/listen/pipeline.js'
import {countLines, statsdLines} from '../../src/statsd/lines.js'
import {StatsdParser} from '../../src/statsd/parse.js'

const ignore: RecordSink = {record: () => undefined, endPacket: () => undefined}

/** How many lines `metrics tail` counts in one datagram. */
function tailCount(packet: Buffer): number {
  const pipeline = new Pipeline({parser: new StatsdParser(), sink: ignore, clock: () => 0})
  pipeline.handle(packet)
  return pipeline.counts.lines
}

const CASES: Array<[string, Buffer, string[]]> = [
  ['one line', Buffer.from('a:1|c'), ['a:1|c']],
  ['a line ending in \\n', Buffer.from('a:1|c\n'), ['a:1|c']],
  ['a line ending in \\n\\n', Buffer.from('b:1|c\n\n'), ['b:1|c']],
  ['a blank line between two', Buffer.from('a:1|c\n\nb:2|g'), ['a:1|c', 'b:2|g']],
  ['\\r\\n endings, the \\r kept as UDP keeps it', Buffer.from('a:1|c\r\nb:2|g\r\n'), ['a:1|c\r', 'b:2|g\r']],
  ['a lone \\n', Buffer.from('\n'), []],
  ['nothing', Buffer.alloc(0), []],
  ['a lone \\r', Buffer.from('\r'), ['\r']],
  ['bytes that are not UTF-8', Buffer.from([0xff, 0x3a, 0x31, 0x7c, 0x63, 0x0a]), ['\ufffd:1|c']],
]

describe('statsdLines and countLines', () => {
  it.each(CASES)('%s: the lines tail counts', (_, packet, lines) => {
    const text = packet.toString('utf8')
    expect(statsdLines(text)).toEqual(lines)
    expect(countLines(text)).toBe(lines.length)
    expect(tailCount(packet)).toBe(lines.length)
  })
})
