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
 */
import type {Labels, ParseRecord, SampleErrorReason, TagFormats} from './parse.js'
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
  prometheus: {kind: 'counter' | 'gauge' | 'observer'; value: JsonNumber; repeat: number; labels: Labels} | {error: SampleErrorReason}
}

export interface JsonErrorRecord {
  lineNo: number
  error: SampleErrorReason
  line: string
  errors?: SampleErrorReason[]
}

export type JsonRecord = JsonSampleRecord | JsonErrorRecord

export function toJsonRecord(record: ParseRecord): JsonRecord {
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
    prometheus: 'error' in prometheus
      ? {error: prometheus.error}
      : {kind: prometheus.kind, value: jsonNumber(prometheus.value), repeat: prometheus.repeat, labels: prometheus.labels},
  }
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
