/**
 * Sends one sample's gauges to every sink chosen: statsd, a Pushgateway, a textfile
 * and stdout. Payloads are built (and validated) before anything is sent; a sink
 * that fails does not stop the others, and the failures are returned together.
 */
import type {Writable} from 'node:stream'
import {pushToGateway, toPrometheusText, validateObservations, writeTextfileAtomically, type GaugeObservation} from '../emit/prometheus.js'
import {StatsdSink} from '../emit/statsd.js'
import {OperationError} from '../errors.js'
import type {GaugeResult} from '../sample/gauge.js'
import {describeTarget} from '../send/run.js'
import type {Sample} from '../statsd/sample.js'
import {redact} from '../text/redact.js'
import {visible} from '../text/visible.js'
import type {Sinks} from './config.js'

export interface SinkOutput {
  /** Prometheus text for --print; made visible first when it goes to a terminal. */
  readonly stdout: Writable & {readonly isTTY?: boolean}
}

export interface Delivery {
  /** Where the gauges went, for the summary and --json. */
  readonly sentTo: readonly string[]
  readonly errors: readonly OperationError[]
}

type ReadGauge = GaugeResult & {readonly value: number}

export async function deliver(gauges: readonly GaugeResult[], sinks: Sinks, output: SinkOutput): Promise<Delivery> {
  const {statsd, pushgateway, textfile} = sinks
  const read = gauges.filter((gauge): gauge is ReadGauge => gauge.failure === undefined)
  const prometheus = pushgateway !== undefined || textfile !== undefined || sinks.print
  const observations = prometheus ? read.map(toObservation) : []
  // Prometheus names are checked before anything is sent to any sink.
  if (prometheus) validateObservations(observations)
  const prometheusText = textfile !== undefined || sinks.print ? await toPrometheusText(observations) : ''

  const deliveries: Array<[string, () => Promise<void>]> = []
  if (statsd) {
    deliveries.push([describeTarget(statsd), async () => {
      const sink = StatsdSink.open(statsd)
      sink.write(read.map(toSample))
      await sink.close()
    }])
  }
  if (pushgateway) deliveries.push([`pushgateway ${redact(pushgateway.url)}`, () => pushToGateway(pushgateway, observations)])
  if (textfile !== undefined) deliveries.push([`textfile ${visible(textfile)}`, () => writeTextfileAtomically(textfile, prometheusText)])
  if (sinks.print) deliveries.push(['stdout', () => write(output.stdout, output.stdout.isTTY ? prometheusText.split('\n').map(visible).join('\n') : prometheusText)])

  const outcomes = await Promise.allSettled(deliveries.map(([, send]) => send()))
  const errors = outcomes.flatMap(outcome => (outcome.status === 'rejected' ? [asOperationError(outcome.reason)] : []))
  return {sentTo: deliveries.filter((_, index) => outcomes[index].status === 'fulfilled').map(([name]) => name), errors}
}

export function toSample(gauge: ReadGauge): Sample {
  return {name: gauge.statsd, type: 'g', value: gauge.value, sampleRate: 1, tags: gauge.tags, relative: false}
}

export function toObservation(gauge: ReadGauge): GaugeObservation {
  return {name: gauge.prometheus, help: gauge.help, labels: gauge.labels, value: gauge.value}
}

function write(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => stream.write(text, error => (error ? reject(error) : resolve())))
}

function asOperationError(error: unknown): OperationError {
  return error instanceof OperationError ? error : new OperationError(error instanceof Error ? error.message : String(error))
}
