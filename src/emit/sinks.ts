/**
 * Sends one round's gauges to every sink chosen (src/config/sinks.ts): statsd, a
 * Pushgateway, a textfile and stdout. Payloads are built and validated before
 * anything is sent; a sink that fails does not stop the others, and the failures
 * are returned together.
 */
import type {Writable} from 'node:stream'
import type {Sinks} from '../config/sinks.js'
import {describeTarget} from '../config/statsd-target.js'
import {OperationError} from '../errors.js'
import type {Sample} from '../statsd/sample.js'
import {redact} from '../text/redact.js'
import {visible} from '../text/visible.js'
import {pushToGateway, toPrometheusText, validateObservations, writeTextfileAtomically, type GaugeObservation} from './prometheus.js'
import {StatsdSink} from './statsd.js'

/**
 * Samples that a sink goes through in order: an array, or a view that makes
 * each sample as the sink takes it, so that 10,000 gauges never all exist as samples at once.
 */
export interface SampleList extends Iterable<Sample> {
  readonly length: number
}

/** One round's gauges: statsd samples and the Prometheus observations of the same readings. */
export interface Gauges {
  readonly samples: SampleList
  readonly observations: readonly GaugeObservation[]
}

export interface SinkOutput {
  /** Prometheus text for --print; made visible first when it goes to a terminal. */
  readonly stdout: Writable & {readonly isTTY?: boolean}
  /**
   * Send nothing to statsd without samples, and push nothing without observations:
   * an empty push would still mark the group as pushed, where a gateway's push time
   * should go stale when nothing was read.
   */
  readonly skipEmpty?: boolean
  /** Ctrl-C or SIGTERM: a push in flight is given up, and statsd waits a moment at most (INTERRUPT_GRACE_MS). */
  readonly signal?: AbortSignal
  /** How long a TCP connect to statsd may take: the command's --timeout (a push has its own, in its target). */
  readonly timeoutMs?: number
}

export interface Delivery {
  /** Where the gauges went, for summaries and --json. */
  readonly sentTo: readonly string[]
  readonly errors: readonly OperationError[]
}

export async function emitToSinks(sinks: Sinks, gauges: Gauges, output: SinkOutput): Promise<Delivery> {
  const {statsd, pushgateway, textfile} = sinks
  const {samples, observations} = gauges
  // Prometheus names are checked before anything is sent to any sink.
  if (pushgateway !== undefined || textfile !== undefined || sinks.print) validateObservations(observations)
  const prometheusText = textfile !== undefined || sinks.print ? await toPrometheusText(observations) : ''
  const skip = (count: number): boolean => output.skipEmpty === true && count === 0

  const deliveries: Array<[string, () => Promise<void>]> = []
  if (statsd && !skip(samples.length)) {
    deliveries.push([describeTarget(statsd), async () => {
      const sink = await StatsdSink.open(statsd, output.signal, output.timeoutMs)
      sink.write(samples)
      await sink.close()
    }])
  }
  if (pushgateway && !skip(observations.length)) deliveries.push([`pushgateway ${redact(pushgateway.url)}`, () => pushToGateway(pushgateway, observations, output.signal)])
  if (textfile !== undefined) deliveries.push([`textfile ${visible(textfile)}`, () => writeTextfileAtomically(textfile, prometheusText)])
  if (sinks.print) deliveries.push(['stdout', () => write(output.stdout, output.stdout.isTTY ? prometheusText.split('\n').map(visible).join('\n') : prometheusText)])

  const outcomes = await Promise.allSettled(deliveries.map(([, send]) => send()))
  const errors = outcomes.flatMap(outcome => (outcome.status === 'rejected' ? [asOperationError(outcome.reason)] : []))
  return {sentTo: deliveries.filter((_, index) => outcomes[index].status === 'fulfilled').map(([name]) => name), errors}
}

function write(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => stream.write(text, error => (error ? reject(error) : resolve())))
}

function asOperationError(error: unknown): OperationError {
  return error instanceof OperationError ? error : new OperationError(error instanceof Error ? error.message : String(error))
}
