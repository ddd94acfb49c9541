import {afterEach, describe, expect, it} from 'vitest'
import {Exporter, type ExporterStatus} from '../../src/exporter/exporter.js'
import {Exposition} from '../../src/exporter/exposition.js'
import {SeriesRegistry} from '../../src/exporter/registry.js'
import {EventCounts, selfMetricFamilies} from '../../src/exporter/self-metrics.js'
import {Pipeline} from '../../src/listen/pipeline.js'
import {createLineStats, StatsdParser} from '../../src/statsd/parse.js'
import {translatorFor} from '../listen/mapped.js'
import {expectTextFormat} from './fixture.js'

/** Every family statsd_exporter master registers that `tail --expose` counts, with its help. */
const UPSTREAM_HELP: Record<string, string> = {
  statsd_exporter_config_reloads_total: 'The number of configuration reloads.',
  statsd_exporter_events_actions_total: 'The total number of StatsD events by action.',
  statsd_exporter_events_conflict_total: 'The total number of StatsD events with conflicting names.',
  statsd_exporter_events_error_total: 'The total number of StatsD events discarded due to errors.',
  statsd_exporter_events_total: 'The total number of StatsD events seen.',
  statsd_exporter_events_unmapped_total: 'The total number of StatsD events no mapping was found for.',
  statsd_exporter_lines_total: 'The total number of StatsD lines received.',
  statsd_exporter_loaded_mappings: 'The current number of configured metric mappings.',
  statsd_exporter_metrics_total: 'The total number of metrics.',
  statsd_exporter_sample_errors_total: 'The total number of errors parsing StatsD samples.',
  statsd_exporter_samples_total: 'The total number of StatsD samples received.',
  statsd_exporter_tag_errors_total: 'The number of errors parsing DogStatsD tags.',
  statsd_exporter_tags_total: 'The total number of DogStatsD tags processed.',
  statsd_exporter_tcp_connection_errors_total: 'The number of errors encountered reading from TCP.',
  statsd_exporter_tcp_connections_total: 'The total number of TCP connections handled.',
  statsd_exporter_tcp_too_long_lines_total: 'The number of lines discarded due to being too long.',
  statsd_exporter_udp_packet_drops_total: 'The total number of dropped StatsD packets which received over UDP.',
  statsd_exporter_udp_packets_total: 'The total number of StatsD packets received over UDP.',
  statsd_exporter_unixgram_packets_total: 'The total number of StatsD packets received over Unixgram.',
  statsd_metric_mapper_cache_gets_total: 'The count of total metric cache gets.',
  statsd_metric_mapper_cache_hits_total: 'The count of total metric cache hits.',
  statsd_metric_mapper_cache_length: 'The count of unique metrics currently cached.',
}

function status(overrides: Partial<ExporterStatus> = {}): ExporterStatus {
  const lineStats = createLineStats()
  Object.assign(lineStats, {lines: 7, samples: 6, tags: 2, tagErrors: 1})
  lineStats.sampleErrors.malformed_line = 1
  return {lineStats, packets: 3, transport: 'udp', loadedMappings: 4, reloads: {success: 2, failure: 1}, cache: {gets: 10, hits: 8}, ...overrides}
}

/** The families rendered on their own, as the exporter renders them beside the statsd series. */
async function text(families: ReturnType<typeof selfMetricFamilies>): Promise<string> {
  const rendered = (await (await Exposition.create(new SeriesRegistry())).render(0, families)).toString()
  expectTextFormat(rendered)
  return rendered
}

describe('self-metrics', () => {
  it('uses statsd_exporter\'s names, help, types and labels', async () => {
    const events = new EventCounts()
    events.events.counter = 5
    events.actions.map = 4
    events.errors.illegal_negative_counter = 1
    events.conflict('gauge', 'x', 2)
    events.conflict('counter', 'x', 1)
    const families = selfMetricFamilies(status({packetDrops: 3, cache: {length: 2, gets: 10, hits: 8}}), events, [['counter', 1], ['histogram', 0]])
    expect(families.map(family => family.name)).toEqual(Object.keys(UPSTREAM_HELP))
    const all = await text(families)
    expect([...all.matchAll(/^# HELP (\S+) (.*)$/gm)].map(([, name, help]) => [name, help])).toEqual(Object.entries(UPSTREAM_HELP))
    for (const line of [
      '# TYPE statsd_exporter_loaded_mappings gauge\nstatsd_exporter_loaded_mappings 4\n',
      'statsd_exporter_config_reloads_total{outcome="failure"} 1\nstatsd_exporter_config_reloads_total{outcome="success"} 2\n',
      // client_golang orders label pairs by name, and series by value in that order.
      'statsd_exporter_events_conflict_total{metric_name="x",type="counter"} 1\nstatsd_exporter_events_conflict_total{metric_name="x",type="gauge"} 2\n',
      'statsd_exporter_events_total{type="counter"} 5\n\n# HELP',
      'statsd_exporter_events_error_total{reason="illegal_negative_counter"} 1\n',
      'statsd_exporter_events_actions_total{action="map"} 4\n\n# HELP',
      'statsd_exporter_sample_errors_total{reason="malformed_line"} 1\n\n# HELP',
      'statsd_exporter_metrics_total{type="counter"} 1\nstatsd_exporter_metrics_total{type="histogram"} 0\n',
      'statsd_exporter_lines_total 7\n', 'statsd_exporter_samples_total 6\n', 'statsd_exporter_tags_total 2\n', 'statsd_exporter_tag_errors_total 1\n',
      'statsd_exporter_udp_packets_total 3\n', 'statsd_exporter_udp_packet_drops_total 3\n', 'statsd_exporter_unixgram_packets_total 0\n',
      'statsd_exporter_tcp_connections_total 0\n', 'statsd_exporter_events_unmapped_total 0\n',
      'statsd_metric_mapper_cache_gets_total 10\n', 'statsd_metric_mapper_cache_hits_total 8\n', 'statsd_metric_mapper_cache_length 2\n',
    ]) expect(all).toContain(line)
  })

  it.each([
    [
      'tcp with its counts',
      {transport: 'tcp', tcp: {connections: 2, tooLongLines: 1, connectionErrors: 3, refusedAtMaxConnections: 4, refusedAtFileLimit: 5, idleTimeouts: 6}},
      [
        'statsd_exporter_tcp_connections_total 2\n', 'statsd_exporter_tcp_too_long_lines_total 1\n', 'statsd_exporter_tcp_connection_errors_total 3\n', 'statsd_exporter_udp_packets_total 0\n',
        'metrics_tail_tcp_connections_refused_total{reason="max_connections"} 4\nmetrics_tail_tcp_connections_refused_total{reason="open_file_limit"} 5\n',
        'metrics_tail_tcp_idle_timeouts_total 6\n',
      ],
      [],
    ],
    ['tcp without them', {transport: 'tcp'}, ['statsd_exporter_udp_packets_total 0\n'], ['statsd_exporter_tcp_connection', 'statsd_exporter_tcp_too_long_lines_total', 'metrics_tail_tcp']],
    ['unixgram', {transport: 'unixgram'}, ['statsd_exporter_unixgram_packets_total 3\n', 'statsd_exporter_udp_packets_total 0\n'], []],
    ['udp, drops unknown', {transport: 'udp'}, ['statsd_exporter_udp_packets_total 3\n'], ['statsd_exporter_udp_packet_drops_total']],
    ['a file, no reloads, no cache', {transport: 'input', reloads: {success: 0, failure: 0}, cache: undefined}, ['statsd_exporter_udp_packets_total 0\n', 'statsd_exporter_unixgram_packets_total 0\n'], ['config_reloads', 'statsd_metric_mapper']],
  ] as const)('counts packets truthfully for %s', async (_, overrides, present, absent) => {
    const all = await text(selfMetricFamilies(status(overrides), new EventCounts(), []))
    for (const line of present) expect(all).toContain(line)
    for (const name of absent) expect(all).not.toContain(name)
  })
})

describe('Exporter', () => {
  const started: Exporter[] = []
  afterEach(async () => {
    await Promise.all(started.splice(0).map(exporter => exporter.close()))
  })

  it('serves what the pipeline fed it, with its own metrics, in one sorted exposition', async () => {
    let now = 1000
    const parser = new StatsdParser()
    const exporter = await Exporter.start({
      host: '127.0.0.1',
      port: 0,
      clock: () => now,
      status: () => ({lineStats: parser.stats, packets: pipeline.counts.packets, transport: 'udp', loadedMappings: 4, reloads: {success: 0, failure: 0}}),
    })
    started.push(exporter)
    const pipeline: Pipeline = new Pipeline({parser, sink: exporter.sink, translator: translatorFor(), clock: () => now})
    pipeline.handle(Buffer.from('api.get.200:1|c\nzeta:2|g\nalpha:3|ms|#env:prod\nbad line'))
    now = 2000
    const response = await fetch(exporter.address)
    expect(response.status).toBe(200)
    const body = await response.text()
    expectTextFormat(body)
    const families = [...body.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(match => match[1])
    expect(families).toEqual([...families].sort())
    expect(families).toEqual(expect.arrayContaining(['alpha', 'http_requests_total', 'zeta', 'statsd_exporter_events_total', 'statsd_exporter_lines_total']))
    expect(body).toContain('http_requests_total{code="200",method="get"} 1\n')
    expect(body).toContain('alpha{env="prod",quantile="0.5"} 0.003\n')
    expect(body).toContain('statsd_exporter_lines_total 4\n')
    expect(body).toContain('statsd_exporter_sample_errors_total{reason="malformed_line"} 1\n')
    expect(body).toContain('statsd_exporter_udp_packets_total 1\n')
    expect(body).toContain('statsd_exporter_metrics_total{type="counter"} 1\nstatsd_exporter_metrics_total{type="gauge"} 1\nstatsd_exporter_metrics_total{type="summary"} 1\n')
  })

  it('sweeps out expired series on its own', async () => {
    let now = 0
    const exporter = await Exporter.start({host: '127.0.0.1', port: 0, clock: () => now, sweepIntervalMs: 10, status: () => status()})
    started.push(exporter)
    const pipeline = new Pipeline({parser: new StatsdParser(), sink: exporter.sink, translator: translatorFor('defaults:\n  ttl: 1s\nmappings: []\n'), clock: () => now})
    pipeline.handle(Buffer.from('short_lived:1|c'))
    expect(await (await fetch(exporter.address)).text()).toContain('short_lived 1\n')
    now = 1001
    const deadline = Date.now() + 5000
    while ((await (await fetch(exporter.address)).text()).includes('short_lived') && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 20))
    expect(await (await fetch(exporter.address)).text()).not.toContain('short_lived')
  })

  it('stops serving when closed', async () => {
    const exporter = await Exporter.start({host: '127.0.0.1', port: 0, status: () => status()})
    await exporter.close()
    await expect(fetch(exporter.address)).rejects.toThrow()
  })
})
