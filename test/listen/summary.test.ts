import {describe, expect, it} from 'vitest'
import {formatSummary, type TailSummary} from '../../src/listen/summary.js'
import {createLineStats} from '../../src/statsd/parse.js'

function summary(overrides: Partial<TailSummary> = {}): TailSummary {
  const badLines = {...createLineStats().sampleErrors, malformed_line: 10, malformed_value: 2}
  return {
    source: 'udp://127.0.0.1:8125',
    datagrams: true,
    seconds: 10,
    counts: {packets: 1234, lines: 30_000, samples: 31_000, nameless: 0, badLines, parser: createLineStats()},
    receiveBuffer: 8 << 20,
    kernelDrops: 0,
    forward: [],
    outputDrops: 0,
    analysisDrops: 0,
    seriesOverflow: 0,
    seriesEvicted: 0,
    ...overrides,
  }
}

describe('formatSummary', () => {
  it('reports what came in, the bad lines by reason and the kernel drops', () => {
    expect(formatSummary(summary())).toBe([
      'udp://127.0.0.1:8125: 1,234 packets, 30,000 lines, 31,000 samples in 10.0 s (3,000 lines/s)',
      'bad lines: 12 (malformed_line 10, malformed_value 2)',
      'kernel drops: 0 (receive buffer 8.0 MiB)',
    ].join('\n'))
  })

  it('reports every place something was dropped', () => {
    const text = formatSummary(summary({
      kernelDrops: 7,
      forward: [{target: '127.0.0.1:9125', sent: 1000, dropped: 3, errors: 1}],
      capture: {path: 'cap.jsonl', written: 1234, dropped: 5},
      outputDrops: 40,
      analysisDrops: 6,
      seriesOverflow: 9,
      seriesEvicted: 4,
    }))
    expect(text.split('\n').slice(2)).toEqual([
      'kernel drops: 7 (receive buffer 8.0 MiB); a larger --rcvbuf (and sysctl net.core.rmem_max) gives more room',
      'analysis drops: 6 packets not counted (the analysis thread fell behind)',
      'forwarded to 127.0.0.1:9125: 1,000 packets, 3 dropped (queue full), 1 errors',
      'captured 1,234 packets to cap.jsonl, 5 dropped (disk too slow)',
      'output drops: 40 lines not printed (the reader was too slow)',
      '--max-series: 9 samples of series over the limit not counted',
      '--max-series: 4 idle series evicted to make room for new ones',
    ])
  })

  it('counts connections and long lines for TCP, and says nothing of packets or kernel drops', () => {
    const badLines = createLineStats().sampleErrors
    const text = formatSummary(summary({source: 'tcp://127.0.0.1:8125', datagrams: false, connections: 2, tooLongLines: 1, receiveBuffer: undefined, kernelDrops: undefined, counts: {packets: 5, lines: 1, samples: 1, nameless: 0, badLines, parser: createLineStats()}}))
    expect(text).toBe('tcp://127.0.0.1:8125: 2 connections, 1 line, 1 sample in 10.0 s (0 lines/s)\nbad lines: none\nlines too long: 1')
  })

  it('counts TCP connections refused at a limit, closed for silence and lost to read errors', () => {
    const text = formatSummary(summary({source: 'tcp://127.0.0.1:8125', datagrams: false, connections: 9, tooLongLines: 0, refusedAtMaxConnections: 3, refusedAtFileLimit: 1200, idleTimeouts: 2, connectionErrors: 1, receiveBuffer: undefined, kernelDrops: undefined}))
    expect(text.split('\n').slice(2)).toEqual([
      'connections refused: 3 at --max-connections, 1,200 at the open-file limit (ulimit -n)',
      'connections closed: 2 silent for --idle-timeout, 1 read error',
    ])
  })

  it('counts samples without a name, which statsd_exporter makes no series of', () => {
    const counts = {...summary().counts, nameless: 3}
    expect(formatSummary(summary({counts})).split('\n')[2]).toBe('without a name: 3 samples (statsd_exporter makes no series of them: empty_metric_name)')
  })

  it('says how much the socket still held when it closed', () => {
    expect(formatSummary(summary({unreadBytes: 1_289_625})).split('\n')[3]).toBe('left unread: 1,259.4 KiB in the receive queue when the socket closed (tail reads on for up to 2 s after a stop)')
  })

  it('says when the kernel does not report drops for a socket', () => {
    expect(formatSummary(summary({source: 'unixgram:///tmp/s', receiveBuffer: undefined, kernelDrops: undefined}))).toContain('kernel drops: not reported for this socket')
  })

  it('escapes the source', () => {
    expect(formatSummary(summary({source: 'file\u001b[2J'}))).toMatch(/^file\\x1b\[2J: /)
  })
})
