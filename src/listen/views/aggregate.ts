/**
 * One --aggregate flush: a table per type (their columns differ) in statsd's vocabulary,
 * or with --format json one object per series, named as statsd's backends name them
 * (count, count_ps, upper_90, mean_90, sum_90, ...).
 *
 * Grouped by Prometheus series (--by series), names are series names and the tags column
 * holds their labels, written as Prometheus writes them; the title counts the samples the
 * mapping dropped, and each JSON object says `"by": "series"`.
 */
import {jsonNumber, tagObject, type JsonNumber} from '../../statsd/json-record.js'
import type {MetricType} from '../../statsd/sample.js'
import type {AggregateFlush, AggregateRow} from '../aggregate.js'
import {safeJson} from '../../text/safe-json.js'
import {formatCount, formatCountOf, formatLabels, formatName, formatStat, formatTags, formatTime, palette, TYPE_LABELS} from './style.js'
import {renderTable} from './table.js'

const GROUPS: ReadonlyArray<{readonly title: string; readonly types: readonly MetricType[]}> = [
  {title: 'COUNTERS', types: ['c']},
  {title: 'GAUGES', types: ['g']},
  {title: 'TIMERS', types: ['ms', 'h', 'd']},
  {title: 'SETS', types: ['s']},
]

/** The table's lines, each without its newline; a blank line ends it. `nameless`: samples without a name in the interval, not tabled. */
export function aggregateTable(flush: AggregateFlush, endedAt: number, color: boolean, nameless = 0): string[] {
  const paint = palette(color)
  let title = paint.bold(`── ${formatTime(endedAt).slice(0, 8)}  ${formatStat(flush.intervalSeconds)}s  ${formatCount(flush.rows.length)} series`)
  const {bySeries} = flush
  if (bySeries !== undefined && bySeries.dropped > 0) title += paint.dim(`  ${formatCount(bySeries.dropped)} dropped by mapping`)
  if (nameless > 0) title += paint.bad(`  ${formatCount(nameless)} without a name`)
  const limits = maxSeriesNote(flush.maxSeries)
  if (limits !== '') title += paint.bad(`  (${limits})`)
  if (flush.rows.length === 0) return [title, paint.dim('no samples'), '']
  const lines = [title]
  const [tagsHeader, tagsText] = bySeries === undefined ? ['TAGS', formatTags] : ['LABELS', formatLabels]
  for (const group of GROUPS) {
    const rows = flush.rows.filter(row => group.types.includes(row.type))
    if (rows.length === 0) continue
    const columns = [{header: group.title}, {header: 'TYPE'}, ...headers(rows[0].type, flush.percentiles).map(header => ({header, align: 'right'} as const)), {header: tagsHeader}]
    const body = rows.map(row => [
      formatName(row.name),
      {text: TYPE_LABELS[row.type], paint: paint.type[row.type]},
      ...statisticCells(row, flush.percentiles),
      tagsText(row.tags),
    ])
    for (const line of renderTable(columns, body, {headerPaint: paint.dim})) lines.push(line)
  }
  lines.push('')
  return lines
}

/** What --max-series cost in the interval, or '' when nothing. */
function maxSeriesNote({limit, refused, evicted}: AggregateFlush['maxSeries']): string {
  const costs = [
    ...(evicted > 0 ? [`${formatCountOf(evicted, 'idle gauge')} evicted`] : []),
    ...(refused > 0 ? [`${formatCountOf(refused, 'sample')} refused`] : []),
  ]
  return costs.length === 0 ? '' : `--max-series ${formatCount(limit)} full: ${costs.join(', ')}`
}

function headers(type: MetricType, percentiles: readonly number[]): string[] {
  switch (type) {
    case 'c': return ['count', 'rate/s']
    case 'g': return ['value']
    case 's': return ['unique']
    default: return ['count', 'count_ps', 'lower', 'upper', 'mean', 'median', 'std', 'sum', ...percentiles.map(p => `p${p}`)]
  }
}

/** The cells under headers(): an estimate marked ~, a lower bound >=, a percentile statsd skips empty. */
function statisticCells(row: AggregateRow, percentiles: readonly number[]): string[] {
  switch (row.type) {
    case 'c': return [formatStat(row.count), formatStat(row.rate)]
    case 'g': return [formatStat(row.value)]
    case 's': return [(row.approximate ? '>=' : '') + formatStat(row.unique)]
    default: {
      const estimate = (value: number): string => (row.approximate ? '~' : '') + formatStat(value)
      const exact = [row.count, row.countPerSecond, row.lower, row.upper, row.mean].map(formatStat)
      const upper = percentiles.map(p => {
        const found = row.percentiles.find(stats => stats.percentile === p)
        return found === undefined ? '' : estimate(found.upper)
      })
      return [...exact, estimate(row.median), formatStat(row.std), formatStat(row.sum), ...upper]
    }
  }
}

/**
 * One JSON line per series (each without its newline), names and tags whole: `{"time", "interval", "name", "type", "tags", ...statistics}`;
 * grouped by Prometheus series, `"by": "series"` after the interval, and name and tags are
 * the series name and labels. An interval in which --max-series refused samples or
 * evicted gauges begins with a line that says how many: `{"time", "interval", "max_series":
 * {"limit", "refused_samples", "evicted_gauges"}}`, which has no name or type.
 */
export function aggregateJson(flush: AggregateFlush, endedAt: number): string[] {
  const time = new Date(endedAt).toISOString()
  const by = flush.bySeries === undefined ? {} : {by: 'series'}
  const rows = flush.rows.map(row => safeJson(JSON.stringify({time, interval: flush.intervalSeconds, ...by, name: row.name, type: row.type, tags: tagObject(row.tags), ...jsonStatistics(row)})))
  const {limit, refused, evicted} = flush.maxSeries
  if (refused === 0 && evicted === 0) return rows
  return [JSON.stringify({time, interval: flush.intervalSeconds, ...by, max_series: {limit, refused_samples: refused, evicted_gauges: evicted}}), ...rows]
}

function jsonStatistics(row: AggregateRow): Record<string, JsonNumber | boolean> {
  switch (row.type) {
    case 'c': return {count: jsonNumber(row.count), rate: jsonNumber(row.rate)}
    case 'g': return {value: jsonNumber(row.value)}
    case 's': return {unique: row.unique, ...(row.approximate ? {approximate: true} : {})}
    default: {
      const stats: Record<string, JsonNumber | boolean> = {
        count: jsonNumber(row.count), count_ps: jsonNumber(row.countPerSecond), lower: jsonNumber(row.lower), upper: jsonNumber(row.upper),
        mean: jsonNumber(row.mean), median: jsonNumber(row.median), std: jsonNumber(row.std), sum: jsonNumber(row.sum),
      }
      for (const p of row.percentiles) {
        const suffix = String(p.percentile).replace('.', '_')
        stats[`count_${suffix}`] = p.count
        stats[`upper_${suffix}`] = jsonNumber(p.upper)
        stats[`mean_${suffix}`] = jsonNumber(p.mean)
        stats[`sum_${suffix}`] = jsonNumber(p.sum)
      }
      if (row.approximate) stats.approximate = true
      return stats
    }
  }
}
