/**
 * The default stream view: one line per sample, coloured by type, names and values in
 * columns, then the sample rate and tags; a bad line in red with statsd_exporter's reason.
 *
 *   12:00:01.250 COUNT  checkout.orders                1  @0.5  env:prod,region:eu
 *   12:00:01.250 BAD    malformed_line  no colon here
 *
 * Through a mapping, each sample then says what it becomes in Prometheus:
 *
 *   12:00:01.250 COUNT  api.GET.200                    1  → http_requests_total{code="200",method="GET"}
 *   12:00:01.250 COUNT  debug.x                        1  → dropped (rule 3, mapping.yml:12)
 *   12:00:01.250 GAUGE  foo.bar                        2  env:prod  → unmapped foo_bar{env="prod"}
 *
 * A sample whose name is empty once its tags are parsed says so, mapping or not:
 *
 *   12:00:01.250 COUNT                                 1  a:b  → empty_metric_name (no name)
 */
import type {RuleRef, SeriesOutcome} from '../../exporter/translate.js'
import type {ParseRecord} from '../../statsd/parse.js'
import {visible} from '../../text/visible.js'
import {labelTags} from '../series.js'
import {formatLine, formatName, formatNumber, formatSeries, formatTags, formatTime, formatValue, TYPE_LABELS, TYPE_WIDTH, type Palette} from './style.js'

/**
 * Column widths, grown as wider names and values arrive, up to a cap past which a line
 * runs long; a name, tags or a bad line longer still is shortened (style.ts, MAX_SHOWN).
 */
export interface PrettyWidths {
  readonly name: number
  readonly value: number
}

export const MAX_NAME_WIDTH = 50
export const MAX_VALUE_WIDTH = 15

/** The widths to print `record` with, given the widths so far. */
export function widen(widths: PrettyWidths, record: ParseRecord): PrettyWidths {
  if (record.kind === 'error') return widths
  const name = Math.min(MAX_NAME_WIDTH, Math.max(widths.name, formatName(record.sample.name).length))
  const value = Math.min(MAX_VALUE_WIDTH, Math.max(widths.value, valueText(record).length))
  return name === widths.name && value === widths.value ? widths : {name, value}
}

/** `series`: the Prometheus series the sample becomes, when a mapping ran. */
export function prettyRecord(record: ParseRecord, receivedAt: number, widths: PrettyWidths, paint: Palette, series?: SeriesOutcome): string {
  const time = paint.dim(formatTime(receivedAt))
  if (record.kind === 'error') {
    return `${time} ${paint.bad('BAD'.padEnd(TYPE_WIDTH))}  ${paint.bad(record.error)}  ${formatLine(record.line)}${notes(record.errors, paint)}`
  }
  const {sample} = record
  let line = `${time} ${paint.type[sample.type](TYPE_LABELS[sample.type].padEnd(TYPE_WIDTH))}  ${formatName(sample.name).padEnd(widths.name)}  ${valueText(record).padStart(widths.value)}`
  if (sample.sampleRate !== 1) line += `  ${paint.dim('@' + formatNumber(sample.sampleRate))}`
  if (sample.tags.length > 0) line += `  ${formatTags(sample.tags)}`
  line += notes(record.errors, paint)
  return series === undefined ? line : `${line}  ${outcome(series, paint)}`
}

function outcome(series: SeriesOutcome, paint: Palette): string {
  const arrow = paint.dim('→')
  switch (series.status) {
    case 'mapped': return `${arrow} ${formatSeries(series.name, labelTags(series.labels))}`
    case 'unmapped': return paint.dim(`→ unmapped ${formatSeries(series.name, labelTags(series.labels))}`)
    case 'dropped': return `${arrow} dropped ${ruleText(series.rule, paint)}`
    case 'empty-name': return `${arrow} ${paint.bad('empty_metric_name')} ${series.rule === undefined ? paint.dim('(no name)') : ruleText(series.rule, paint)}`
  }
}

/** `(rule 3, mapping.yml:12)`: the rule's 0-based index, as statsd_exporter and --format json count. */
function ruleText(rule: RuleRef, paint: Palette): string {
  return paint.dim(`(rule ${rule.index}, ${visible(rule.source)})`)
}

function valueText(record: ParseRecord & {kind: 'sample'}): string {
  return formatValue(record.sample.value, record.sample.relative)
}

/** Errors statsd_exporter counts for a line it still uses (an unparsable @rate). */
function notes(errors: readonly string[], paint: Palette): string {
  return errors.length === 0 ? '' : '  ' + paint.bad(`[${errors.join(', ')}]`)
}
