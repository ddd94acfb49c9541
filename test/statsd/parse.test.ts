import {readFileSync} from 'node:fs'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {ParseRecord, SampleErrorReason, SampleRecord, TagFormat} from '../../src/statsd/parse.js'
import {SAMPLE_ERROR_REASONS, StatsdParser, createLineStats, tagFormatsFrom} from '../../src/statsd/parse.js'

interface UpstreamEvent {
  type: 'counter' | 'gauge' | 'observer'
  name: string
  value: number
  labels: Record<string, string>
  relative?: boolean
}

interface LineCase {
  id: string
  formats: TagFormat[]
  line?: string
  lineBase64?: string
  expect: UpstreamEvent[]
  sampleErrors: Partial<Record<SampleErrorReason, number>>
  tagErrors: number
  samples: number
  tags: number
}

/** statsd_exporter's own test tables with what its code really returns (see the file's `source`). */
const {cases: LINE_CASES} = JSON.parse(readFileSync(new URL('../fixtures/statsd-line-cases.json', import.meta.url), 'utf8')) as {cases: LineCase[]}

/** The events statsd_exporter would emit: each observer repeated, as its event queue sees them. */
function eventsOf(records: readonly ParseRecord[]): UpstreamEvent[] {
  const events: UpstreamEvent[] = []
  for (const record of records) {
    if (record.kind !== 'sample' || 'error' in record.prometheus) continue
    const {kind, value, repeat, labels} = record.prometheus
    const event: UpstreamEvent = {type: kind, name: record.sample.name, value, labels: {...labels}}
    if (kind === 'gauge') event.relative = record.sample.relative
    for (let i = 0; i < repeat; i++) events.push(event)
  }
  return events
}

/** Every error reason the records carry, counted the way the conformance runner counts them. */
function reasonsOf(records: readonly ParseRecord[]): Partial<Record<SampleErrorReason, number>> {
  const reasons: Partial<Record<SampleErrorReason, number>> = {}
  const count = (reason: SampleErrorReason): void => {
    reasons[reason] = (reasons[reason] ?? 0) + 1
  }
  for (const record of records) {
    record.errors.forEach(count)
    if (record.kind === 'error') count(record.error)
    else if ('error' in record.prometheus) count(record.prometheus.error)
  }
  return reasons
}

function nonZero(counts: Record<SampleErrorReason, number>): Partial<Record<SampleErrorReason, number>> {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0))
}

function parse(line: string, formats: TagFormat[] = ['dogstatsd', 'influx', 'librato', 'signalfx']): ParseRecord[] {
  return new StatsdParser(tagFormatsFrom(formats)).parsePacket(Buffer.from(line)).records
}

function onlySample(line: string): SampleRecord {
  const records = parse(line)
  expect(records).toHaveLength(1)
  expect(records[0].kind).toBe('sample')
  return records[0] as SampleRecord
}

describe('StatsdParser against statsd_exporter', () => {
  it.each(LINE_CASES.map(c => [c.id, c] as const))('%s', (_id, c) => {
    const parser = new StatsdParser(tagFormatsFrom(c.formats))
    const bytes = c.lineBase64 === undefined ? Buffer.from(c.line ?? '') : Buffer.from(c.lineBase64, 'base64')
    const {records} = parser.parsePacket(bytes)
    const want = c.expect.map(e => (e.type === 'gauge' ? {...e, relative: e.relative ?? false} : e))
    const events = eventsOf(records)
    expect(events.map(({value: _v, ...rest}) => rest)).toEqual(want.map(({value: _v, ...rest}) => rest))
    events.forEach((event, i) => expect(event.value).toBeCloseTo(want[i].value, 12))
    expect(reasonsOf(records)).toEqual(c.sampleErrors)
    expect(nonZero(parser.stats.sampleErrors)).toEqual(c.sampleErrors)
    expect({tagErrors: parser.stats.tagErrors, samples: parser.stats.samples, tags: parser.stats.tags})
      .toEqual({tagErrors: c.tagErrors, samples: c.samples, tags: c.tags})
  })
})

describe('StatsdParser for tail', () => {
  it('keeps tags as sent, in order, bare ones and empty values included; labels follow statsd_exporter', () => {
    const {sample, prometheus} = onlySample('req:1|c|#env:prod,canary,#tag.a:1,empty:,tag_a:2|c:abc')
    expect(sample.tags).toEqual([
      {key: 'env', value: 'prod'},
      {key: 'canary'},
      {key: 'tag.a', value: '1'},
      {key: 'empty', value: ''},
      {key: 'tag_a', value: '2'},
      {key: 'container_id', value: 'abc'},
    ])
    expect(prometheus).toEqual({kind: 'counter', value: 1, repeat: 1, labels: {env: 'prod', tag_a: '2', container_id: 'abc'}})
  })

  it('merges every tag source of a sample, in order, a later label winning', () => {
    expect(onlySample('a:1|c|#x:1,y:2|#x:3|c:box').prometheus).toMatchObject({labels: {x: '3', y: '2', container_id: 'box'}})
    const records = parse('a,host=h:1:2|ms|c:box')
    expect(records.map(r => (r as SampleRecord).sample.tags)).toEqual([
      [{key: 'host', value: 'h'}, {key: 'container_id', value: 'box'}],
      [{key: 'host', value: 'h'}, {key: 'container_id', value: 'box'}],
    ])
  })

  it.each([
    ['users:alice|s', 'alice', 'malformed_value'],
    ['users:42|s|#env:dev', '42', 'illegal_event'],
  ])('shows the set member of %j, which statsd_exporter rejects as %s', (line, member, error) => {
    const record = onlySample(line)
    expect(record.sample).toMatchObject({name: 'users', type: 's', value: member, relative: false})
    expect(record.prometheus).toEqual({error})
  })

  it('drops a set whose parts are broken, with the reason statsd_exporter counts first', () => {
    expect(parse('users:alice|s|bogus')).toMatchObject([{kind: 'error', error: 'malformed_value'}])
    expect(parse('users:42|s|bogus')).toMatchObject([{kind: 'error', error: 'invalid_sample_factor'}])
  })

  it.each([
    ['hits:10|c|@0.1', {sampleRate: 0.1}, {kind: 'counter', value: 100, repeat: 1}],
    ['hits:10|c|@0.5|@0.5', {sampleRate: 0.25}, {kind: 'counter', value: 40, repeat: 1}],
    ['t:300|ms|@0.25', {sampleRate: 0.25}, {kind: 'observer', value: 0.3, repeat: 4}],
    ['t:300|h|@2', {sampleRate: 2}, {kind: 'observer', value: 300, repeat: 0}],
    ['t:300|d|@-1', {sampleRate: -1}, {kind: 'observer', value: 300, repeat: 0}],
    ['t:300|d|@1e-320', {sampleRate: 1e-320}, {kind: 'observer', value: 300, repeat: 0}],
    ['t:300|d|@1e-300', {sampleRate: 1e-300}, {kind: 'observer', value: 300, repeat: 0}],
    ['t:300|d|@1e-10', {sampleRate: 1e-10}, {kind: 'observer', value: 300, repeat: 10_000_000_000}],
    ['t:300|d|@0', {sampleRate: 1}, {kind: 'observer', value: 300, repeat: 1}],
    ['g:5|g|@0.1', {sampleRate: 0.1}, {kind: 'gauge', value: 5, repeat: 1}],
  ])('applies the sample rate of %j as statsd_exporter does', (line, sample, prometheus) => {
    const record = onlySample(line)
    expect(record.sample).toMatchObject(sample)
    expect(record.prometheus).toMatchObject(prometheus)
    expect(record.errors).toEqual([])
  })

  it('keeps a sample whose rate does not parse, marked, and uses what Go returned for it', () => {
    expect(onlySample('hits:10|c|@x')).toMatchObject({errors: ['invalid_sample_factor'], sample: {sampleRate: 1}, prometheus: {value: 10}})
    // An overflowing rate is an error, yet Go hands back +Inf and statsd_exporter divides by it.
    expect(onlySample('hits:10|c|@1e400')).toMatchObject({errors: ['invalid_sample_factor'], prometheus: {value: 0}})
    expect(parse('hits:10|c|@x|bogus')).toMatchObject([{kind: 'error', error: 'invalid_sample_factor', errors: ['invalid_sample_factor']}])
  })

  it.each([
    ['g:+4|g', true, 4],
    ['g:-4|g', true, -4],
    ['g:4|g', false, 4],
    ['c:-4|c', false, -4],
  ])('marks only signed gauges relative: %j', (line, relative, value) => {
    expect(onlySample(line).sample).toMatchObject({relative, value})
  })

  it.each([
    ['a]b[c:1|c', 'a]b[c'],
    ['a]b[c]:1|c', 'a]b[c]'],
    ['a[b:1|c', 'a[b'],
  ])('survives %j, which crashes statsd_exporter or breaks its name tags: tag error, name kept whole', (line, name) => {
    const parser = new StatsdParser()
    const [record] = parser.parsePacket(Buffer.from(line)).records
    expect(record).toMatchObject({kind: 'sample', sample: {name, tags: []}})
    expect(parser.stats.tagErrors).toBe(1)
  })

  it('reads a name tag key that is also an Object.prototype key like any other', () => {
    const {sample, prometheus} = onlySample('n,__proto__=x,constructor=y:1|c')
    expect(sample.tags).toEqual([{key: '__proto__', value: 'x'}, {key: 'constructor', value: 'y'}])
    expect(Object.entries((prometheus as {labels: object}).labels)).toEqual([['__proto__', 'x'], ['constructor', 'y']])
  })

  it('numbers lines across a packet, empty ones included, continuing from firstLineNo', () => {
    const parser = new StatsdParser()
    const {records, lines} = parser.parsePacket(Buffer.from('a:1|c\n\nb\nc:1|c:2|g\n'), 10)
    expect(lines).toBe(5)
    expect(records.map(r => [r.lineNo, r.kind])).toEqual([[10, 'sample'], [12, 'error'], [13, 'sample'], [13, 'sample']])
    expect(parser.stats.lines).toBe(5)
  })

  it('rejects only the lines that are not valid UTF-8; a real U+FFFD or a BOM is data', () => {
    const packet = Buffer.concat([
      Buffer.from('ok:1|c\n'),
      Buffer.from([0x62, 0x61, 0x64, 0xc3, 0x28, 0x3a, 0x31, 0x7c, 0x63, 0x0a]), // bad\xc3(:1|c
      Buffer.from('repl\uFFFD:1|c\n\uFEFFbom:1|c\n'),
      Buffer.from([0x73, 0x75, 0x72, 0xed, 0xa0, 0x80, 0x3a, 0x31, 0x7c, 0x63]), // a UTF-8-encoded surrogate
    ])
    const {records} = new StatsdParser().parsePacket(packet)
    expect(records.map(r => (r.kind === 'sample' ? r.sample.name : r.error))).toEqual(['ok', 'malformed_line', 'repl\uFFFD', '\uFEFFbom', 'malformed_line'])
  })

  it('keeps a carriage return, as statsd_exporter\'s UDP listener does', () => {
    expect(parse('a:1|c\r')).toMatchObject([{kind: 'error', error: 'illegal_event', line: 'a:1|c\r'}])
  })

  it('ignores DogStatsD tags silently when that format is off, yet still refuses mixed styles', () => {
    expect(parse('a:1|c|#env:prod', ['influx'])).toMatchObject([{kind: 'sample', sample: {tags: []}, prometheus: {labels: {}}}])
    expect(parse('a,x=y:1|c|#env:prod', ['influx'])).toMatchObject([{kind: 'error', error: 'mixed_tagging_styles'}])
  })

  it('tries SignalFX before the rest, and treats tag syntax as part of the name when no format is on', () => {
    expect(onlySample('a,b=c#d=e[f=g]:1|c').sample).toMatchObject({name: 'a,b=c#d=e', tags: [{key: 'f', value: 'g'}]})
    expect(parse('a,b=c#d=e[f=g]:1|c', [])).toMatchObject([{kind: 'sample', sample: {name: 'a,b=c#d=e[f=g]', tags: []}}])
  })

  it('parses a single string line like a one-line packet', () => {
    const parser = new StatsdParser()
    expect(parser.parseLine('a:1|c|#k:v', 7)).toEqual(new StatsdParser().parsePacket(Buffer.from('a:1|c|#k:v'), 7).records)
    expect(parser.stats.lines).toBe(1)
  })

  it('reads extended aggregation values once for all, counting each sample as statsd_exporter does', () => {
    const parser = new StatsdParser()
    const {records} = parser.parsePacket(Buffer.from('t:1:x:3|ms|#bare,env:a'))
    expect(records.map(r => r.kind)).toEqual(['sample', 'error', 'sample'])
    expect(parser.stats).toMatchObject({samples: 3, tags: 2, tagErrors: 2})
  })
})

describe('StatsdParser on any input', () => {
  const validLine = fc.constantFrom(
    'api.requests:1|c',
    'api.latency:12.5|ms|@0.5|#env:prod,region:eu',
    'queue.depth:+3|g',
    'users:alice|s',
    'cpu,host=a,dc=1:0.5|g',
    'disk#mount=/data:77|g',
    'mem.[host=b]used:1e3|h',
    't:1:2:3|d|#k:v|c:abc|T1656581400',
    'multi:1|c:2|ms:3|g',
  )
  const mutatedPacket = fc.array(validLine, {minLength: 1, maxLength: 8}).chain(lines => {
    const packet = Buffer.from(lines.join('\n'))
    return fc.array(fc.tuple(fc.nat(packet.length), fc.integer({min: 0, max: 255})), {maxLength: 6}).map(edits => {
      const mutated = Buffer.from(packet)
      for (const [at, byte] of edits) if (at < mutated.length) mutated[at] = byte
      return mutated
    })
  })
  const packets = fc.oneof(fc.uint8Array({maxLength: 300}).map(bytes => Buffer.from(bytes)), mutatedPacket)

  it('never throws, accounts for every non-empty line, and its counters match its records', () => {
    fc.assert(fc.property(packets, packet => {
      const parser = new StatsdParser()
      const {records, lines} = parser.parsePacket(packet, 1)
      const pieces = packet.toString('latin1').split('\n')
      expect(lines).toBe(pieces.length)
      const nonEmpty = pieces.flatMap((piece, i) => (piece.length > 0 ? [i + 1] : []))
      expect([...new Set(records.map(r => r.lineNo))]).toEqual(nonEmpty)
      expect(reasonsOf(records)).toEqual(nonZero(parser.stats.sampleErrors))
      const lineLevel = records.filter(r => r.kind === 'error' && SAMPLE_ERROR_REASONS.indexOf(r.error) < 4).length
      expect(parser.stats.samples).toBe(records.length - lineLevel)
    }), {numRuns: 3000})
  })

  it('gives one parser\'s records for a line whatever it parsed before (its caches change nothing)', () => {
    const line = fc.oneof(validLine, fc.string({unit: fc.constantFrom(...'ab:|#,=[]@c1.-')}))
    fc.assert(fc.property(fc.array(line, {minLength: 1, maxLength: 30}), lines => {
      const shared = new StatsdParser()
      for (const text of lines) expect(shared.parseLine(text)).toEqual(new StatsdParser().parseLine(text))
    }), {numRuns: 300})
  })

  it('tells cached pieces apart by every code unit, ASCII or not, in packets and string lines alike', () => {
    // Units whose bytes a careless key encoding would confuse: NUL, the top of ASCII and just past
    // it, units sharing a byte, and the halves of a surrogate pair (alone only in string lines).
    // Short names and tags of them make pieces that differ in one such unit meet in one parser.
    const unit = fc.constantFrom('a', '\u0000', '\u007f', '\u0080', '\u00e9', '\u0100', '\u8080', '\ud83d', '\ude00')
    const piece = fc.string({unit, minLength: 1, maxLength: 2})
    const line = fc.oneof(
      validLine,
      fc.string({unit: fc.oneof(unit, fc.constantFrom(...':|#,=[]c1'))}),
      fc.tuple(piece, piece).map(([name, tag]) => `${name}:1|c|#t:${tag}`),
      fc.tuple(piece, piece).map(([name, tag]) => `${name},t=${tag}:1|g`),
    )
    fc.assert(fc.property(fc.array(line, {minLength: 1, maxLength: 30}), lines => {
      const shared = new StatsdParser()
      for (const text of lines) {
        expect(shared.parseLine(text)).toEqual(new StatsdParser().parseLine(text))
        const packet = Buffer.from(text)
        expect(shared.parsePacket(packet).records).toEqual(new StatsdParser().parsePacket(packet).records)
      }
    }), {numRuns: 300})
  })

  it('shares one frozen tag list and label set between lines that repeat them, however the line arrives', () => {
    const parser = new StatsdParser()
    const arrivals = (line: string): SampleRecord[] => [
      parser.parsePacket(Buffer.from(line)).records[0],
      parser.parsePacket(Buffer.from(`${line}\ncafé:1|c`)).records[0],
      parser.parsePacket(Buffer.from(`x:1|c\n${line}`)).records[1],
      parser.parseLine(line)[0],
    ] as SampleRecord[]
    const labelsOf = ({prometheus}: SampleRecord): unknown => ('labels' in prometheus ? prometheus.labels : undefined)
    const expectShared = ([first, ...rest]: SampleRecord[]): void => {
      expect(first.sample.tags.length).toBeGreaterThan(0)
      expect(Object.isFrozen(first.sample.tags)).toBe(true)
      expect(Object.isFrozen(labelsOf(first))).toBe(true)
      for (const record of rest) {
        expect(record.sample.tags).toBe(first.sample.tags)
        expect(labelsOf(record)).toBe(labelsOf(first))
      }
    }
    const tagged = ['a:1|c|#env:prod,k:v', 'b:1|g|#env:prod|c:box', 'cpu,host=h:1|g', 'mem#host=h:1|g']
    for (const line of tagged) expectShared(arrivals(line))
    // Enough new pieces of every kind for each cache to start over.
    for (let i = 0; i < 5_000; i++) parser.parsePacket(Buffer.from(`n${i},k=${i}:1|c\nn:1|c|#k:${i}\nn:1|c|#k:${i}|c:${i}`))
    for (const line of tagged) expectShared(arrivals(line))
  })

  it('stays correct past its cache bounds', () => {
    const parser = new StatsdParser()
    const line = (i: number): string => `name.${i},host=h${i}:1|c|@0.5`
    for (let i = 0; i < 10_000; i++) parser.parseLine(line(i))
    for (const i of [0, 5_000, 9_999]) expect(parser.parseLine(line(i))).toEqual(new StatsdParser().parseLine(line(i)))
  })

  it('gives the same records whatever tag formats are on, for lines with no tag syntax', () => {
    const plain = fc.stringMatching(/^[a-z.]{1,10}:[0-9]{1,4}\|(c|g|ms|h|d)$/)
    fc.assert(fc.property(plain, fc.subarray([...['dogstatsd', 'influx', 'librato', 'signalfx'] as TagFormat[]]), (line, formats) => {
      expect(parse(line, formats)).toEqual(parse(line))
    }), {numRuns: 500})
  })

  it.each([
    ['many values without a type', `a:1|c${':1'.repeat(30_000)}`],
    ['many values', `a:${'1|c:'.repeat(15_000)}1|c`],
    ['many aggregated values of the wrong type', `a:${'1:'.repeat(30_000)}1|c`],
    ['many aggregated values with a long suffix', `a:${'1:'.repeat(15_000)}1|ms|#${'k:v,'.repeat(4_000)}`],
    ['many name tags', `a,${'k=v,'.repeat(16_000)}:1|c`],
    ['many valueless tags', `a:1|c|#${'k,'.repeat(30_000)}`],
    ['many pipes', `a:1${'|c'.repeat(30_000)}`],
    ['a long number', `a:${'9'.repeat(60_000)}|c`],
    ['a long hex number', `a:0x1.${'f'.repeat(60_000)}p-99999|c`],
  ])('stays fast on a 64 KB line with %s', (_what, line) => {
    const started = performance.now()
    const parser = new StatsdParser()
    parser.parsePacket(Buffer.from(line))
    expect(performance.now() - started).toBeLessThan(1000)
    expect(parser.stats.lines).toBe(1)
  })

  it('starts its counters at zero for every reason', () => {
    expect(createLineStats()).toEqual({lines: 0, samples: 0, tags: 0, tagErrors: 0, sampleErrors: Object.fromEntries(SAMPLE_ERROR_REASONS.map(r => [r, 0]))})
  })
})
