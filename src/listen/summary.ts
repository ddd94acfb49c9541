/**
 * What tail saw, printed to stderr when it stops (at --count, --duration, the end of
 * --input, or Ctrl-C): how much came in, what statsd_exporter would reject, and every
 * place something was dropped, so that a quiet screen can be trusted.
 */
import type {SampleErrorReason} from '../statsd/parse.js'
import {visible} from '../text/visible.js'
import type {CaptureStats} from './capture.js'
import {DRAIN_BUDGET_MS} from './drain.js'
import type {ForwardStats} from './forward.js'
import type {PipelineCounts} from './pipeline.js'
import type {SourceStats} from './source.js'
import {formatCount as count} from './views/style.js'

export interface TailSummary extends SourceStats {
  readonly source: string
  /** The source sends datagrams: packets are worth counting. */
  readonly datagrams: boolean
  readonly seconds: number
  readonly counts: PipelineCounts
  readonly forward: readonly ForwardStats[]
  readonly capture?: CaptureStats
  /** Output lines dropped because the reader of stdout fell behind. */
  readonly outputDrops: number
  /** Packets dropped because the analysis thread fell behind (--aggregate, --top). */
  readonly analysisDrops: number
  /** Samples of series --max-series had no room for. */
  readonly seriesOverflow: number
  /** Idle series forgotten to make room under --max-series. */
  readonly seriesEvicted: number
  /**
   * Why stdout failed, in words (a full disk): tail stopped there. Not part of the
   * summary's text: the command reports it as its error, after the summary (exit 1).
   */
  readonly stdoutFailure?: string
}

export function formatSummary(summary: TailSummary): string {
  const {counts} = summary
  const perSecond = summary.seconds > 0 ? counts.lines / summary.seconds : 0
  const received = [
    ...(summary.datagrams ? [plural(counts.packets, 'packet')] : []),
    ...(summary.connections === undefined ? [] : [plural(summary.connections, 'connection')]),
    plural(counts.lines, 'line'),
    plural(counts.samples, 'sample'),
  ]
  const lines = [`${visible(summary.source)}: ${received.join(', ')} in ${summary.seconds.toFixed(1)} s (${count(perSecond)} lines/s)`]
  lines.push(`bad lines: ${reasons(counts.badLines)}`)
  if (counts.nameless) lines.push(`without a name: ${plural(counts.nameless, 'sample')} (statsd_exporter makes no series of them: empty_metric_name)`)
  if (summary.datagrams) {
    const buffer = summary.receiveBuffer === undefined ? '' : ` (receive buffer ${megabytes(summary.receiveBuffer)})`
    const advice = summary.kernelDrops ? '; a larger --rcvbuf (and sysctl net.core.rmem_max) gives more room' : ''
    lines.push(`kernel drops: ${summary.kernelDrops === undefined ? 'not reported for this socket' : count(summary.kernelDrops)}${buffer}${advice}`)
  }
  if (summary.unreadBytes) lines.push(`left unread: ${kibibytes(summary.unreadBytes)} in the receive queue when the socket closed (tail reads on for up to ${DRAIN_BUDGET_MS / 1000} s after a stop)`)
  if (summary.tooLongLines) lines.push(`lines too long: ${count(summary.tooLongLines)}`)
  lines.push(...connectionLines(summary))
  if (summary.analysisDrops) lines.push(`analysis drops: ${plural(summary.analysisDrops, 'packet')} not counted (the analysis thread fell behind)`)
  for (const upstream of summary.forward) {
    lines.push(`forwarded to ${visible(upstream.target)}: ${plural(upstream.sent, 'packet')}, ${count(upstream.dropped)} dropped (queue full), ${count(upstream.errors)} errors`)
  }
  if (summary.capture) {
    lines.push(`captured ${plural(summary.capture.written, 'packet')} to ${visible(summary.capture.path)}${summary.capture.dropped ? `, ${count(summary.capture.dropped)} dropped (disk too slow)` : ''}`)
  }
  if (summary.outputDrops) lines.push(`output drops: ${plural(summary.outputDrops, 'line')} not printed (the reader was too slow)`)
  if (summary.seriesOverflow) lines.push(`--max-series: ${plural(summary.seriesOverflow, 'sample')} of series over the limit not counted`)
  if (summary.seriesEvicted) lines.push(`--max-series: ${count(summary.seriesEvicted)} idle series evicted to make room for new ones`)
  return lines.join('\n')
}

/** TCP: connections refused at a limit, and closed for silence or on an error; nothing when none were. */
function connectionLines(summary: TailSummary): string[] {
  const refused = [
    ...(summary.refusedAtMaxConnections ? [`${count(summary.refusedAtMaxConnections)} at --max-connections`] : []),
    ...(summary.refusedAtFileLimit ? [`${count(summary.refusedAtFileLimit)} at the open-file limit (ulimit -n)`] : []),
  ]
  const closed = [
    ...(summary.idleTimeouts ? [`${count(summary.idleTimeouts)} silent for --idle-timeout`] : []),
    ...(summary.connectionErrors ? [plural(summary.connectionErrors, 'read error')] : []),
  ]
  return [
    ...(refused.length > 0 ? [`connections refused: ${refused.join(', ')}`] : []),
    ...(closed.length > 0 ? [`connections closed: ${closed.join(', ')}`] : []),
  ]
}

function reasons(badLines: Readonly<Record<SampleErrorReason, number>>): string {
  const found = Object.entries(badLines).filter(([, n]) => n > 0)
  if (found.length === 0) return 'none'
  const total = found.reduce((sum, [, n]) => sum + n, 0)
  return `${count(total)} (${found.map(([reason, n]) => `${reason} ${count(n)}`).join(', ')})`
}

const plural = (n: number, word: string): string => `${count(n)} ${word}${n === 1 ? '' : 's'}`
const megabytes = (bytes: number): string => `${(bytes / (1 << 20)).toFixed(1)} MiB`
const kibibytes = (bytes: number): string => `${(bytes / 1024).toLocaleString('en-US', {minimumFractionDigits: 1, maximumFractionDigits: 1})} KiB`
