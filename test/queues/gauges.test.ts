import {describe, expect, it} from 'vitest'
import type {Sinks} from '../../src/config/sinks.js'
import {sinkGauges} from '../../src/queues/gauges.js'
import type {GaugeResult} from '../../src/sample/gauge.js'

const STATSD: Sinks = {statsd: {protocol: 'udp', host: '127.0.0.1', port: 8125, prefix: '', tags: [], tagStyle: 'dogstatsd'}, print: false}
const read = {kind: 'length', keys: ['celery']} as const
const gauge = (name: string, outcome: {value: number} | {failure: string; key: string}): GaugeResult => ({statsd: 'queue', tags: [{key: 'queue', value: name}], prometheus: 'queue_length', help: 'Items waiting.', read, ...outcome})
const gauges = [gauge('celery', {value: 3}), gauge('emails', {failure: 'WRONGTYPE', key: 'emails'}), gauge('reports', {value: 0})]

describe('sinkGauges', () => {
  it('gives statsd a sample for each gauge read, and leaves out the ones that failed', () => {
    const {samples, observations} = sinkGauges(gauges, STATSD)
    expect(samples).toHaveLength(2)
    expect([...samples]).toEqual([
      {name: 'queue', type: 'g', value: 3, sampleRate: 1, tags: [{key: 'queue', value: 'celery'}], relative: false},
      {name: 'queue', type: 'g', value: 0, sampleRate: 1, tags: [{key: 'queue', value: 'reports'}], relative: false},
    ])
    expect(observations).toEqual([])
  })

  it('makes the samples afresh each time they are gone through', () => {
    const {samples} = sinkGauges(gauges, STATSD)
    expect([...samples]).toEqual([...samples])
    expect([...samples]).toHaveLength(2)
  })

  it('gives the Prometheus sinks observations, and statsd nothing when it is off', () => {
    const {samples, observations} = sinkGauges(gauges, {print: true})
    expect([...samples]).toEqual([])
    expect(observations).toEqual([
      {name: 'queue_length', help: 'Items waiting.', labels: {queue: 'celery'}, value: 3},
      {name: 'queue_length', help: 'Items waiting.', labels: {queue: 'reports'}, value: 0},
    ])
  })
})
