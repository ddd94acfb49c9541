/**
 * statsd_exporter's own metrics, with its names, labels and help (main.go and
 * pkg/mappercache at master), so that dashboards and alerts written for it work on
 * `tail --expose`. Left out because nothing here counts them truthfully:
 * statsd_exporter_event_queue_flushed_total (there is no event queue),
 * statsd_exporter_build_info and the Go runtime's metrics. Where tail bounds what
 * statsd_exporter does not (TCP connections), its counts are families of its own,
 * named metrics_tail_*.
 *
 * Event counts are kept by the exporter sink (EventCounts); the rest is read at scrape
 * time from the status the listener reports (ExporterStatus).
 */
import type {TcpStats} from '../listen/source.js'
import type {LineStats} from '../statsd/parse.js'
import type {SampleFamily} from './exposition.js'
import type {MetricType, Refusal} from './registry.js'

/** What the listener knows, read at each scrape. */
export interface ExporterStatus {
  /** The parser's counts since the start. */
  readonly lineStats: LineStats
  /** Datagrams received (udp, unixgram); for tcp and input, runs of lines, which statsd_exporter does not count. */
  readonly packets: number
  readonly transport: 'udp' | 'tcp' | 'unixgram' | 'input'
  /** UDP datagrams dropped before parsing because the queue to the parser was full (statsd_exporter_udp_packet_drops_total); shown when given. */
  readonly packetDrops?: number
  /** The TCP listener's counts; shown when given. */
  readonly tcp?: TcpStats
  readonly loadedMappings: number
  readonly reloads: {readonly success: number; readonly failure: number}
  /** The mapper's result cache, when there is one; `length` is shown when given. */
  readonly cache?: {readonly length?: number; readonly gets: number; readonly hits: number}
}

export type EventType = 'counter' | 'gauge' | 'observer'

/** Reasons of statsd_exporter_events_error_total; illegal_label_name is ours (see registry.ts). */
export type EventErrorReason = 'empty_metric_name' | 'illegal_negative_counter' | Refusal

/** What the exporter did with events, as statsd_exporter's handleEvent counts it. Plain fields: the sink bumps them per sample. */
export class EventCounts {
  /** statsd_exporter_events_total{type}: events that reached their series. */
  readonly events: Record<EventType, number> = {counter: 0, gauge: 0, observer: 0}
  unmapped = 0
  readonly actions = {map: 0, drop: 0}
  readonly errors: Record<Exclude<EventErrorReason, 'conflict'>, number> = {empty_metric_name: 0, illegal_negative_counter: 0, illegal_label_name: 0}
  /** statsd_exporter_events_conflict_total{type, metric_name}, keyed by type and name. */
  private readonly conflicts = new Map<string, {readonly type: EventType; readonly name: string; count: number}>()

  conflict(type: EventType, name: string, events: number): void {
    const key = `${type} ${name}`
    const entry = this.conflicts.get(key)
    if (entry === undefined) this.conflicts.set(key, {type, name, count: events})
    else entry.count += events
  }

  get conflictEntries(): Iterable<{readonly type: EventType; readonly name: string; readonly count: number}> {
    return this.conflicts.values()
  }
}

interface Family extends Omit<SampleFamily, 'samples'> {
  samples(status: ExporterStatus, events: EventCounts, metrics: ReadonlyArray<readonly [MetricType, number]>): Array<{labels: Record<string, string>; value: number}>
}

const NO_LABELS: Record<string, string> = {}
const one = (value: number | undefined): Array<{labels: Record<string, string>; value: number}> => (value === undefined ? [] : [{labels: NO_LABELS, value}])
/** One sample per label value that was ever counted, as client_golang shows a vector's children. */
const counted = (label: string, counts: Readonly<Record<string, number>>): Array<{labels: Record<string, string>; value: number}> =>
  Object.entries(counts).filter(([, value]) => value > 0).map(([key, value]) => ({labels: {[label]: key}, value}))
/** A transport counter: the count on that transport, 0 on the others (statsd_exporter registers them all). */
const onTransport = (status: ExporterStatus, transport: ExporterStatus['transport'], value: number | undefined) => one(status.transport === transport ? value : 0)

const FAMILIES: readonly Family[] = [
  {
    name: 'metrics_tail_tcp_connections_refused_total',
    help: 'TCP connections reset as soon as accepted: --max-connections were open (max_connections), or the open-file limit left no room (open_file_limit).',
    type: 'counter',
    samples: ({tcp}) => (tcp === undefined ? [] : [
      {labels: {reason: 'max_connections'}, value: tcp.refusedAtMaxConnections},
      {labels: {reason: 'open_file_limit'}, value: tcp.refusedAtFileLimit},
    ]),
  },
  {name: 'metrics_tail_tcp_idle_timeouts_total', help: 'TCP connections reset after --idle-timeout without a byte.', type: 'counter', samples: status => one(status.tcp?.idleTimeouts)},
  {name: 'statsd_exporter_config_reloads_total', help: 'The number of configuration reloads.', type: 'counter', samples: status => counted('outcome', status.reloads)},
  {name: 'statsd_exporter_events_actions_total', help: 'The total number of StatsD events by action.', type: 'counter', samples: (_, events) => counted('action', events.actions)},
  {
    name: 'statsd_exporter_events_conflict_total',
    help: 'The total number of StatsD events with conflicting names.',
    type: 'counter',
    samples: (_, events) => [...events.conflictEntries].map(({type, name, count}) => ({labels: {type, metric_name: name}, value: count})),
  },
  {name: 'statsd_exporter_events_error_total', help: 'The total number of StatsD events discarded due to errors.', type: 'counter', samples: (_, events) => counted('reason', events.errors)},
  {name: 'statsd_exporter_events_total', help: 'The total number of StatsD events seen.', type: 'counter', samples: (_, events) => counted('type', events.events)},
  {name: 'statsd_exporter_events_unmapped_total', help: 'The total number of StatsD events no mapping was found for.', type: 'counter', samples: (_, events) => one(events.unmapped)},
  {name: 'statsd_exporter_lines_total', help: 'The total number of StatsD lines received.', type: 'counter', samples: status => one(status.lineStats.lines)},
  {name: 'statsd_exporter_loaded_mappings', help: 'The current number of configured metric mappings.', type: 'gauge', samples: status => one(status.loadedMappings)},
  {name: 'statsd_exporter_metrics_total', help: 'The total number of metrics.', type: 'gauge', samples: (_, __, metrics) => metrics.map(([type, value]) => ({labels: {type}, value}))},
  {name: 'statsd_exporter_sample_errors_total', help: 'The total number of errors parsing StatsD samples.', type: 'counter', samples: status => counted('reason', status.lineStats.sampleErrors)},
  {name: 'statsd_exporter_samples_total', help: 'The total number of StatsD samples received.', type: 'counter', samples: status => one(status.lineStats.samples)},
  {name: 'statsd_exporter_tag_errors_total', help: 'The number of errors parsing DogStatsD tags.', type: 'counter', samples: status => one(status.lineStats.tagErrors)},
  {name: 'statsd_exporter_tags_total', help: 'The total number of DogStatsD tags processed.', type: 'counter', samples: status => one(status.lineStats.tags)},
  {name: 'statsd_exporter_tcp_connection_errors_total', help: 'The number of errors encountered reading from TCP.', type: 'counter', samples: status => onTransport(status, 'tcp', status.tcp?.connectionErrors)},
  {name: 'statsd_exporter_tcp_connections_total', help: 'The total number of TCP connections handled.', type: 'counter', samples: status => onTransport(status, 'tcp', status.tcp?.connections)},
  {name: 'statsd_exporter_tcp_too_long_lines_total', help: 'The number of lines discarded due to being too long.', type: 'counter', samples: status => onTransport(status, 'tcp', status.tcp?.tooLongLines)},
  {name: 'statsd_exporter_udp_packet_drops_total', help: 'The total number of dropped StatsD packets which received over UDP.', type: 'counter', samples: status => onTransport(status, 'udp', status.packetDrops)},
  {name: 'statsd_exporter_udp_packets_total', help: 'The total number of StatsD packets received over UDP.', type: 'counter', samples: status => onTransport(status, 'udp', status.packets)},
  {name: 'statsd_exporter_unixgram_packets_total', help: 'The total number of StatsD packets received over Unixgram.', type: 'counter', samples: status => onTransport(status, 'unixgram', status.packets)},
  {name: 'statsd_metric_mapper_cache_gets_total', help: 'The count of total metric cache gets.', type: 'counter', samples: status => one(status.cache?.gets)},
  {name: 'statsd_metric_mapper_cache_hits_total', help: 'The count of total metric cache hits.', type: 'counter', samples: status => one(status.cache?.hits)},
  {name: 'statsd_metric_mapper_cache_length', help: 'The count of unique metrics currently cached.', type: 'gauge', samples: status => one(status.cache?.length)},
]

/** The names no statsd event may take: client_golang would fail the scrape on the clash. */
export const SELF_METRIC_NAMES: ReadonlySet<string> = new Set(FAMILIES.map(family => family.name))

/** The families that have samples now. `metrics`: the registry's metricsByType. */
export function selfMetricFamilies(status: ExporterStatus, events: EventCounts, metrics: ReadonlyArray<readonly [MetricType, number]>): SampleFamily[] {
  const families: SampleFamily[] = []
  for (const {name, help, type, samples} of FAMILIES) {
    const current = samples(status, events, metrics)
    if (current.length > 0) families.push({name, help, type, samples: current})
  }
  return families
}
