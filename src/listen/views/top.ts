/**
 * The --top screen: a title line, then the busiest series with their count, rate, last
 * value, how long ago they were seen and how many series share their name. Grouped by
 * Prometheus series (--by series), names are series names, the tags column holds their
 * labels as Prometheus writes them, and the title counts the samples the mapping dropped.
 */
import type {TopSnapshot} from '../top.js'
import {visible} from '../../text/visible.js'
import {formatCount, formatCountOf, formatLabels, formatName, formatRate, formatTags, formatTime, formatValue, palette, TYPE_LABELS} from './style.js'
import {renderTable} from './table.js'

export interface TopScreen {
  readonly now: number
  /** Where tail listens, for the title. */
  readonly source: string
  readonly color: boolean
  /** Terminal columns: lines are cut to fit. */
  readonly width?: number
}

const COLUMNS = [
  {header: 'NAME'},
  {header: 'TYPE'},
  {header: 'COUNT', align: 'right'},
  {header: 'RATE/s', align: 'right'},
  {header: 'LAST', align: 'right'},
  {header: 'SEEN', align: 'right'},
  {header: 'SERIES', align: 'right'},
  {header: 'TAGS'},
] as const

const SERIES_COLUMNS = [...COLUMNS.slice(0, -1), {header: 'LABELS'}] as const

export function topLines(snapshot: TopSnapshot, screen: TopScreen): string[] {
  const paint = palette(screen.color)
  const {bySeries} = snapshot
  let title = `metrics tail --top${bySeries === undefined ? '' : ' --by series'}  ${visible(screen.source)}  ${formatTime(screen.now).slice(0, 8)}  ` +
    `${formatCount(snapshot.series)} series  ${formatCount(snapshot.rate)} samples/s  ${formatCount(snapshot.samples)} samples`
  if (bySeries !== undefined && bySeries.dropped > 0) title += `  ${formatCount(bySeries.dropped)} dropped by mapping`
  if (snapshot.nameless > 0) title += `  ${formatCount(snapshot.nameless)} without a name`
  // Cut to the terminal's width: a line that wrapped would push the table down on every redraw.
  const fit = (text: string): string => (screen.width === undefined ? text : text.slice(0, screen.width))
  const lines = [paint.bold(fit(title))]
  if (snapshot.overflow > 0 || snapshot.evicted > 0) lines.push(paint.bad(fit(maxSeriesNote(snapshot))))
  const rows = snapshot.rows.map(row => [
    formatName(row.name),
    {text: TYPE_LABELS[row.type], paint: paint.type[row.type]},
    formatCount(row.count),
    formatRate(row.rate),
    formatValue(row.last),
    formatAge(screen.now - row.lastSeen),
    formatCount(row.cardinality),
    bySeries === undefined ? formatTags(row.tags) : formatLabels(row.tags),
  ])
  return [...lines, ...renderTable(bySeries === undefined ? COLUMNS : SERIES_COLUMNS, rows, {maxWidth: screen.width, headerPaint: paint.dim})]
}

/** What --max-series cost since the start: series forgotten, samples not shown. */
function maxSeriesNote({overflow, evicted}: TopSnapshot): string {
  const costs = [
    ...(evicted > 0 ? [`${formatCount(evicted)} idle series forgotten`] : []),
    ...(overflow > 0 ? [`${formatCountOf(overflow, 'sample')} not shown`] : []),
  ]
  return `--max-series full: ${costs.join(', ')}`
}

/** 0.4s, 12s, 3m, 2h */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, ms) / 1000
  if (seconds < 10) return `${seconds.toFixed(1)}s`
  if (seconds < 120) return `${Math.round(seconds)}s`
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`
  return `${Math.round(seconds / 3600)}h`
}
