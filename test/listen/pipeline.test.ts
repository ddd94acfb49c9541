import {describe, expect, it} from 'vitest'
import {compileFilter} from '../../src/listen/filter.js'
import {Pipeline, type RecordSink} from '../../src/listen/pipeline.js'
import {StatsdParser, type ParseRecord} from '../../src/statsd/parse.js'

class Recorder implements RecordSink {
  readonly records: ParseRecord[] = []
  readonly packets: Array<[string, number]> = []
  record(record: ParseRecord): void {
    this.records.push(record)
  }
  endPacket(packet: Uint8Array, firstLineNo: number): void {
    this.packets.push([Buffer.from(packet).toString(), firstLineNo])
  }
}

function pipeline(options: {count?: number; filter?: string[]} = {}): {pipeline: Pipeline; sink: Recorder; limits: number[]} {
  const sink = new Recorder()
  const limits: number[] = []
  const filter = options.filter ? compileFilter({names: options.filter, types: [], tags: []}) : undefined
  return {
    pipeline: new Pipeline({
      parser: new StatsdParser(),
      sink,
      filter,
      count: options.count,
      onLimit: () => limits.push(1),
      clock: () => 0,
    }),
    sink,
    limits,
  }
}

const packet = (text: string): Buffer => Buffer.from(text)

describe('Pipeline', () => {
  it('numbers lines across packets and counts packets, lines, samples and bad lines', () => {
    const {pipeline: p, sink} = pipeline()
    p.handle(packet('a:1|c\nbad\n'))
    p.handle(packet('b:1|c:2|g\n\nc:x|c'))
    expect(sink.records.map(record => [record.lineNo, record.kind])).toEqual([[1, 'sample'], [2, 'error'], [4, 'sample'], [4, 'sample'], [6, 'error']])
    expect(sink.packets.map(([, first]) => first)).toEqual([1, 4])
    const counts = p.counts
    expect(counts).toMatchObject({packets: 2, lines: 4, samples: 3, badLines: {malformed_line: 1, malformed_value: 1}})
    expect(counts.parser.lines).toBe(6)
  })

  it('hands the view each packet as it came, for the raw view', () => {
    const {pipeline: p, sink} = pipeline()
    p.handle(packet('a:1|c\n\u0000garbage'))
    expect(sink.packets).toEqual([['a:1|c\n\u0000garbage', 1]])
  })

  it('stops at --count lines, in the middle of a packet, and ignores what comes after', () => {
    const {pipeline: p, sink, limits} = pipeline({count: 3})
    p.handle(packet('a:1|c\nb:1|c'))
    p.handle(packet('c:1|c:2|c\n\nd:1|c\ne:1|c'))
    p.handle(packet('f:1|c'))
    expect(sink.records.map(record => (record.kind === 'sample' ? `${record.sample.name}${record.sample.value}` : 'bad'))).toEqual(['a1', 'b1', 'c1', 'c2'])
    expect(limits).toEqual([1])
    expect(p.counts).toMatchObject({packets: 2, lines: 3, samples: 4})
  })

  it('shows only samples that pass the filter, and counts bad lines without showing them', () => {
    const {pipeline: p, sink} = pipeline({filter: ['keep.*']})
    p.handle(packet('keep.a:1|c\ndrop:1|c\nbad line\nkeep.b:2|g'))
    expect(sink.records.map(record => (record.kind === 'sample' ? record.sample.name : record.error))).toEqual(['keep.a', 'keep.b'])
    expect(p.counts).toMatchObject({lines: 4, samples: 3, badLines: {malformed_line: 1}})
  })
})
