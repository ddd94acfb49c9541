/**
 * `--format json`: one object per sample or bad line, the shape src/statsd/json-record.ts
 * documents (and the conformance runner reads), with the characters a terminal would act
 * on escaped (see safe-json.ts).
 */
import type {SeriesOutcome} from '../../exporter/translate.js'
import {toJsonRecord} from '../../statsd/json-record.js'
import type {ParseRecord} from '../../statsd/parse.js'
import {safeJson} from '../../text/safe-json.js'

/** `series`: the Prometheus series the sample becomes, when a mapping ran. */
export function jsonRecord(record: ParseRecord, series?: SeriesOutcome): string {
  return safeJson(JSON.stringify(toJsonRecord(record, series)))
}
