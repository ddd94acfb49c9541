/**
 * What statsd_exporter makes of one event after mapping: the final series name and
 * labels, a drop, or the unmapped fallback. Shared by `metrics map` and lint's samples.
 */
import type {Mapping, MetricKind} from '../mapping/model.js'
import type {Mapper} from '../mapping/mapper.js'
import {escapeMetricName} from '../statsd/escape.js'

export type Resolution =
  | {readonly action: 'map'; readonly name: string; readonly labels: Readonly<Record<string, string>>; readonly mapping: Mapping}
  | {readonly action: 'drop'; readonly mapping: Mapping}
  | {readonly action: 'unmapped'; readonly name: string; readonly labels: Readonly<Record<string, string>>}

/**
 * Tag keys are escaped as the line parser escapes them; mapping labels overwrite tags
 * unless the mapping sets honor_labels.
 */
export function resolveEvent(mapper: Mapper, statsdName: string, kind: MetricKind, tags: Readonly<Record<string, string>> = {}): Resolution {
  const tagLabels = Object.fromEntries(Object.entries(tags).map(([key, value]) => [escapeMetricName(key), value]))
  const result = mapper.map(statsdName, kind)
  if (result.mapping === undefined) return {action: 'unmapped', name: result.prometheusName, labels: tagLabels}
  if (result.action === 'drop') return {action: 'drop', mapping: result.mapping}
  const labels = result.mapping.honorLabels ? {...result.labels, ...tagLabels} : {...tagLabels, ...result.labels}
  return {action: 'map', name: result.prometheusName, labels, mapping: result.mapping}
}

/** `name{a="1", b="2"}` with label names sorted, values quoted as in the exposition format. */
export function formatSeries(name: string, labels: Readonly<Record<string, string>>): string {
  const pairs = Object.keys(labels).sort().map((key) => `${key}=${JSON.stringify(labels[key])}`)
  return pairs.length === 0 ? name : `${name}{${pairs.join(', ')}}`
}
