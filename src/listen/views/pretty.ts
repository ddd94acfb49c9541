/**
 * The default stream view: one line per sample, coloured by type, names and values in
 * columns, then the sample rate and tags; a bad line in red with statsd_exporter's reason.
 *
 *   12:00:01.250 COUNT  checkout.orders                1  @0.5  env:prod,region:eu
 *   12:00:01.250 BAD    malformed_line  no colon here
 */
import type {ParseRecord} from '../../statsd/parse.js'
import {visible} from '../../text/visible.js'
import {formatNumber, formatTags, formatTime, formatValue, TYPE_LABELS, TYPE_WIDTH, type Palette} from './style.js'

/** Column widths, grown as wider names and values arrive, up to a cap past which a line just runs long. */
export interface PrettyWidths {
  readonly name: number
  readonly value: number
}

export const MAX_NAME_WIDTH = 50
export const MAX_VALUE_WIDTH = 15

/** The widths to print `record` with, given the widths so far. */
export function widen(widths: PrettyWidths, record: ParseRecord): PrettyWidths {
  if (record.kind === 'error') return widths
  const name = Math.min(MAX_NAME_WIDTH, Math.max(widths.name, visible(record.sample.name).length))
  const value = Math.min(MAX_VALUE_WIDTH, Math.max(widths.value, valueText(record).length))
  return name === widths.name && value === widths.value ? widths : {name, value}
}

export function prettyRecord(record: ParseRecord, receivedAt: number, widths: PrettyWidths, paint: Palette): string {
  const time = paint.dim(formatTime(receivedAt))
  if (record.kind === 'error') {
    return `${time} ${paint.bad('BAD'.padEnd(TYPE_WIDTH))}  ${paint.bad(record.error)}  ${visible(record.line)}${notes(record.errors, paint)}`
  }
  const {sample} = record
  let line = `${time} ${paint.type[sample.type](TYPE_LABELS[sample.type].padEnd(TYPE_WIDTH))}  ${visible(sample.name).padEnd(widths.name)}  ${valueText(record).padStart(widths.value)}`
  if (sample.sampleRate !== 1) line += `  ${paint.dim('@' + formatNumber(sample.sampleRate))}`
  if (sample.tags.length > 0) line += `  ${formatTags(sample.tags)}`
  return line + notes(record.errors, paint)
}

function valueText(record: ParseRecord & {kind: 'sample'}): string {
  return formatValue(record.sample.value, record.sample.relative)
}

/** Errors statsd_exporter counts for a line it still uses (an unparsable @rate). */
function notes(errors: readonly string[], paint: Palette): string {
  return errors.length === 0 ? '' : '  ' + paint.bad(`[${errors.join(', ')}]`)
}
