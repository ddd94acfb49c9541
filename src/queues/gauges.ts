import type {GaugeObservation} from '../emit/prometheus.js'
import type {Gauges} from '../emit/sinks.js'
import type {GaugeResult} from '../sample/gauge.js'
import type {Sample} from '../statsd/sample.js'

type ReadGauge = GaugeResult & {readonly value: number}

/** The gauges of one sample that were read, as statsd samples and Prometheus observations; failed ones are left out. */
export function sinkGauges(gauges: readonly GaugeResult[]): Gauges {
  const read = gauges.filter((gauge): gauge is ReadGauge => gauge.failure === undefined)
  return {samples: read.map(toSample), observations: read.map(toObservation)}
}

function toSample(gauge: ReadGauge): Sample {
  return {name: gauge.statsd, type: 'g', value: gauge.value, sampleRate: 1, tags: gauge.tags, relative: false}
}

function toObservation(gauge: ReadGauge): GaugeObservation {
  return {name: gauge.prometheus, help: gauge.help, labels: gauge.labels, value: gauge.value}
}
