/**
 * The objects `metrics tail --format json` prints, one per line of output. The shape is
 * the contract the conformance runner (and anyone scripting tail) relies on:
 *
 *   sample:    {lineNo, name, type, value, rate, tags, relative, errors?, prometheus}
 *              prometheus = {kind, value, repeat, labels} | {error}
 *   bad line:  {lineNo, error, line, errors?}
 *
 * `tags` maps each tag key, as sent, to its value (null for a bare DogStatsD tag). Numbers
 * that JSON cannot hold are written as Prometheus writes them: "NaN", "+Inf", "-Inf".
 *
 * Through a mapping (tail --mapping), `prometheus` also says what became of the event:
 *
 *   {kind, value, repeat, status: "mapped", name, labels, mapping: {index, source}}
 *   {kind, value, repeat, status: "unmapped", name, labels, mapping: null}
 *   {kind, value, repeat, status: "dropped" | "empty_metric_name", labels, mapping: {index, source}}
 *   {kind, value, repeat, status: "empty_metric_name", labels, mapping: null}
 *
 * where `labels` are the series' labels (tag labels merged with the rule's; for a dropped
 * event, the tag labels), `name` the series name (unmapped: the escaped statsd name), and
 * `mapping` the rule: its 0-based index in `mappings:` and its `file:line`. A sample whose
 * name is empty once its tags are parsed has the `empty_metric_name` status without a
 * mapping too: statsd_exporter makes no series of it.
 */
import type {RuleRef, SeriesOutcome} from '../exporter/translate.js'
import type {Labels, ParseRecord, PrometheusEvent, PrometheusRejection, SampleErrorReason, TagFormats} from './parse.js'
import {StatsdParser} from './parse.js'
import type {MetricType, Tag} from './sample.js'

export type JsonNumber = number | 'NaN' | '+Inf' | '-Inf'

export interface JsonSampleRecord {
  lineNo: number
  name: string
  type: MetricType
  /** A set member stays the string it was sent as. */
  value: JsonNumber | string
  rate: JsonNumber
  tags: Record<string, string | null>
  relative: boolean
  errors?: SampleErrorReason[]
  prometheus: JsonPrometheus
}

/** The event statsd_exporter derives from a sample, before mapping. */
export interface JsonEvent {
  kind: PrometheusEvent['kind']
  value: JsonNumber
  repeat: number
}

/** The mapping rule that matched. */
export interface JsonRule {
  /** 0-based position in `mappings:`. */
  index: number
  /** `file:line` */
  source: string
}

export type JsonPrometheus =
  /** Without a mapping: the tag labels. */
  | (JsonEvent & {labels: Labels})
  | (JsonEvent & {status: 'mapped'; name: string; labels: Labels; mapping: JsonRule})
  | (JsonEvent & {status: 'unmapped'; name: string; labels: Labels; mapping: null})
  | (JsonEvent & {status: 'dropped'; labels: Labels; mapping: JsonRule})
  | (JsonEvent & {status: 'empty_metric_name'; labels: Labels; mapping: JsonRule | null})
  | {error: SampleErrorReason}

export interface JsonErrorRecord {
  lineNo: number
  error: SampleErrorReason
  line: string
  errors?: SampleErrorReason[]
}

export type JsonRecord = JsonSampleRecord | JsonErrorRecord

/** `series`: what the mapping made of the sample's event, when a mapping ran. */
export function toJsonRecord(record: ParseRecord, series?: SeriesOutcome): JsonRecord {
  const errors = record.errors.length > 0 ? {errors: [...record.errors]} : {}
  if (record.kind === 'error') return {lineNo: record.lineNo, error: record.error, line: record.line, ...errors}
  const {sample, prometheus} = record
  return {
    lineNo: record.lineNo,
    name: sample.name,
    type: sample.type,
    value: typeof sample.value === 'string' ? sample.value : jsonNumber(sample.value),
    rate: jsonNumber(sample.sampleRate),
    tags: tagObject(sample.tags),
    relative: sample.relative,
    ...errors,
    prometheus: jsonPrometheus(prometheus, series),
  }
}

function jsonPrometheus(event: PrometheusEvent | PrometheusRejection, series: SeriesOutcome | undefined): JsonPrometheus {
  if ('error' in event) return {error: event.error}
  const base: JsonEvent = {kind: event.kind, value: jsonNumber(event.value), repeat: event.repeat}
  if (series === undefined) return {...base, labels: event.labels}
  switch (series.status) {
    case 'mapped': return {...base, status: 'mapped', name: series.name, labels: series.labels, mapping: jsonRule(series.rule)}
    case 'unmapped': return {...base, status: 'unmapped', name: series.name, labels: series.labels, mapping: null}
    case 'dropped': return {...base, status: 'dropped', labels: event.labels, mapping: jsonRule(series.rule)}
    // statsd_exporter's reason for it: events_error_total{reason="empty_metric_name"}.
    case 'empty-name': return {...base, status: 'empty_metric_name', labels: event.labels, mapping: series.rule === undefined ? null : jsonRule(series.rule)}
  }
}

function jsonRule(rule: RuleRef): JsonRule {
  return {index: rule.index, source: rule.source}
}

/**
 * A whole input (a file, or one datagram) as the lines `tail --format json` prints, and
 * how many input lines it held, for numbering the next input.
 */
export function formatJsonLines(packet: Uint8Array, firstLineNo = 1, formats: Partial<TagFormats> = {}): {json: string[]; lines: number} {
  const {records, lines} = new StatsdParser(formats).parsePacket(packet, firstLineNo)
  return {json: records.map(record => JSON.stringify(toJsonRecord(record))), lines}
}

export function jsonNumber(value: number): JsonNumber {
  if (Number.isFinite(value)) return value
  if (Number.isNaN(value)) return 'NaN'
  return value > 0 ? '+Inf' : '-Inf'
}

export function tagObject(tags: readonly Tag[]): Record<string, string | null> {
  // No prototype, so a tag called __proto__ is printed like any other.
  const object = Object.create(null) as Record<string, string | null>
  for (const tag of tags) object[tag.key] = tag.value ?? null
  return object
}
