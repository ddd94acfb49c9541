import {PassThrough} from 'node:stream'
import {afterEach, describe, expect, it, vi} from 'vitest'
import {Aggregator} from '../../src/listen/aggregate.js'
import {AggregateView} from '../../src/listen/aggregate-view.js'
import {localAnalysis} from '../../src/listen/analysis.js'
import type {TextOutput} from '../../src/listen/output.js'
import type {RecordSink} from '../../src/listen/pipeline.js'
import {AlternateScreen} from '../../src/listen/screen.js'
import {TopTable} from '../../src/listen/top.js'
import {TopView} from '../../src/listen/top-view.js'
import {StatsdParser, type ParseRecord} from '../../src/statsd/parse.js'

class Collected implements TextOutput {
  readonly texts: string[] = []
  write(text: string): void {
    this.texts.push(text)
  }
}

function feed(view: RecordSink, text: string, now = 0): void {
  for (const record of new StatsdParser().parsePacket(Buffer.from(text)).records) view.record(record, now)
}

afterEach(() => {
  vi.useRealTimers()
})

describe('AggregateView', () => {
  it('prints a flush every interval, and returns the partial last one on stop', () => {
    vi.useFakeTimers()
    let now = 0
    const output = new Collected()
    const view = new AggregateView(new Aggregator({maxSeries: 10, percentiles: []}), output, {format: 'json', intervalMs: 10_000, color: false, clock: () => now})
    view.start()
    feed(view, 'a:5|c')
    now = 10_000
    vi.advanceTimersByTime(10_000)
    expect(output.texts.map(text => JSON.parse(text))).toMatchObject([{name: 'a', count: 5, rate: 0.5, interval: 10}])
    feed(view, 'a:3|c')
    now = 12_000
    expect(JSON.parse(view.stop().join(''))).toMatchObject({name: 'a', count: 3, rate: 1.5, interval: 2})
    vi.advanceTimersByTime(20_000)
    expect(output.texts).toHaveLength(1)
  })

  it('has nothing to say on stop when nothing came since the last flush', () => {
    const view = new AggregateView(new Aggregator({maxSeries: 10, percentiles: []}), new Collected(), {format: 'pretty', intervalMs: 1000, color: false})
    view.start()
    expect(view.stop()).toEqual([])
  })
})

describe('TopView', () => {
  it('prints a plain table every interval when not on a terminal', () => {
    vi.useFakeTimers()
    const output = new Collected()
    const view = new TopView(new TopTable(10, 0), output, {intervalMs: 1000, color: false, clock: () => 1000})
    view.start('udp://127.0.0.1:8125')
    feed(view, 'hits:1|c\nhits:1|c')
    vi.advanceTimersByTime(1000)
    expect(output.texts).toHaveLength(1)
    expect(output.texts[0]).toMatch(/^metrics tail --top {2}udp:\/\/127\.0\.0\.1:8125 /)
    expect(output.texts[0]).toMatch(/^hits\s+COUNT\s+2\s+2\s+1\s/m)
    expect(view.stop().join('')).toMatch(/^hits\s+COUNT\s+2\s+0\s+1\s/m)
  })

  it('redraws in place on a terminal, cut to its size', () => {
    const output = new Collected()
    const view = new TopView(new TopTable(100, 0), output, {intervalMs: 60_000, color: false, clock: () => 1000, terminal: () => ({columns: 30, rows: 5})})
    feed(view, Array.from({length: 10}, (_, i) => `metric.with.a.long.name.${i}:1|c`).join('\n'))
    view.start('udp://127.0.0.1:8125')
    const [frame] = output.texts
    expect(frame.startsWith('\u001b[H')).toBe(true)
    expect(frame.endsWith('\u001b[K\u001b[J')).toBe(true)
    const lines = frame.slice(3).split('\u001b[K\n')
    // Title and headers, then the rows the screen has room for.
    expect(lines).toHaveLength(4)
    expect(Math.max(...lines.map(line => line.replace(/\u001b\[[KJ]/g, '').length))).toBeLessThanOrEqual(30)
    view.stop()
  })
})

describe('AlternateScreen', () => {
  it('takes the screen and gives it back once, even if asked twice', () => {
    const terminal = new PassThrough()
    const screen = new AlternateScreen(terminal)
    screen.leave()
    screen.enter()
    screen.leave()
    screen.leave()
    expect(terminal.read()?.toString()).toBe('\u001b[?1049h\u001b[?25l\u001b[?25h\u001b[?1049l')
  })
})

describe('localAnalysis', () => {
  it('runs the pipeline on this thread and reports its counts', async () => {
    const records: ParseRecord[] = []
    let limited = 0
    const analysis = localAnalysis({tagFormats: {dogstatsd: true, influx: true, librato: true, signalfx: true}, filter: {names: [], types: [], tags: []}, count: 2}, {record: record => records.push(record), endPacket: () => undefined}, () => limited++, () => undefined)
    analysis.handle(Buffer.from('a:1|c\nb:1|c\nc:1|c'))
    const result = await analysis.finish()
    expect(records).toHaveLength(2)
    expect(limited).toBe(1)
    expect(result).toMatchObject({counts: {lines: 2, samples: 2}, overflow: 0, last: [], dropped: 0})
  })
})
