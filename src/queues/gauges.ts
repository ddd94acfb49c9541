import type {GaugeObservation} from '../emit/prometheus.js'
import type {Gauges} from '../emit/sinks.js'
import type {Sinks} from '../config/sinks.js'
import {gaugeLabels, type GaugeResult} from '../sample/gauge.js'
import type {Sample} from '../statsd/sample.js'

type ReadGauge = GaugeResult & {readonly value: number}

/**
 * The gauges of one sample that were read, as statsd samples and Prometheus
 * observations; failed ones are left out. Each form is made only when a sink
 * chosen takes it: with 10,000 queues, the other would be 10,000 objects for nothing.
 */
export function sinkGauges(gauges: readonly GaugeResult[], sinks: Sinks): Gauges {
  const read = gauges.filter((gauge): gauge is ReadGauge => gauge.failure === undefined)
  const prometheus = sinks.pushgateway !== undefined || sinks.textfile !== undefined || sinks.print
  return {samples: sinks.statsd ? read.map(toSample) : [], observations: prometheus ? read.map(toObservation) : []}
}

function toSample(gauge: ReadGauge): Sample {
  return {name: gauge.statsd, type: 'g', value: gauge.value, sampleRate: 1, tags: gauge.tags, relative: false}
}

function toObservation(gauge: ReadGauge): GaugeObservation {
  return {name: gauge.prometheus, help: gauge.help, labels: gaugeLabels(gauge), value: gauge.value}
}
