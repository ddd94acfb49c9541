/**
 * `--format json`: one object per sample or bad line, the shape src/statsd/json-record.ts
 * documents (and the conformance runner reads). JSON.stringify escapes C0 controls, but
 * leaves DEL, the C1 controls (U+009B is a one-byte CSI to some terminals) and the
 * Unicode line separators raw; they are escaped too, which changes no value.
 */
import type {SeriesOutcome} from '../../exporter/translate.js'
import {toJsonRecord} from '../../statsd/json-record.js'
import type {ParseRecord} from '../../statsd/parse.js'

/** `series`: the Prometheus series the sample becomes, when a mapping ran. */
export function jsonRecord(record: ParseRecord, series?: SeriesOutcome): string {
  return safeJson(JSON.stringify(toJsonRecord(record, series)))
}

const UNESCAPED = /[\u007f-\u009f\u2028\u2029]/
const ALL_UNESCAPED = new RegExp(UNESCAPED.source, 'g')

export function safeJson(json: string): string {
  return UNESCAPED.test(json) ? json.replace(ALL_UNESCAPED, char => '\\u' + char.charCodeAt(0).toString(16).padStart(4, '0')) : json
}
