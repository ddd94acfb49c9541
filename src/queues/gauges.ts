import type {GaugeObservation} from '../emit/prometheus.js'
import type {Gauges, SampleList} from '../emit/sinks.js'
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
  return {samples: sinks.statsd ? samplesOf(read) : [], observations: prometheus ? read.map(toObservation) : []}
}

/** The gauges' statsd samples, each made as the sink serialises it: they would otherwise all live until the last is sent. */
function samplesOf(gauges: readonly ReadGauge[]): SampleList {
  return {
    length: gauges.length,
    *[Symbol.iterator]() {
      for (let i = 0; i < gauges.length; i++) yield toSample(gauges[i])
    },
  }
}

function toSample(gauge: ReadGauge): Sample {
  return {name: gauge.statsd, type: 'g', value: gauge.value, sampleRate: 1, tags: gauge.tags, relative: false}
}

function toObservation(gauge: ReadGauge): GaugeObservation {
  return {name: gauge.prometheus, help: gauge.help, labels: gaugeLabels(gauge), value: gauge.value}
}
