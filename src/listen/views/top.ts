/**
 * The --top screen: a title line, then the busiest series with their count, rate, last
 * value, how long ago they were seen and how many series share their name.
 */
import type {TopSnapshot} from '../top.js'
import {visible} from '../../text/visible.js'
import {formatCount, formatRate, formatTags, formatTime, formatValue, palette, TYPE_LABELS} from './style.js'
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

export function topLines(snapshot: TopSnapshot, screen: TopScreen): string[] {
  const paint = palette(screen.color)
  let title = `metrics tail --top  ${visible(screen.source)}  ${formatTime(screen.now).slice(0, 8)}  ` +
    `${formatCount(snapshot.series)} series  ${formatCount(snapshot.rate)} samples/s  ${formatCount(snapshot.samples)} samples`
  if (screen.width !== undefined) title = title.slice(0, screen.width)
  const lines = [paint.bold(title)]
  if (snapshot.overflow > 0) lines.push(paint.bad(`${formatCount(snapshot.overflow)} samples of series over --max-series not shown`))
  const rows = snapshot.rows.map(row => [
    visible(row.name),
    {text: TYPE_LABELS[row.type], paint: paint.type[row.type]},
    formatCount(row.count),
    formatRate(row.rate),
    formatValue(row.last),
    formatAge(screen.now - row.lastSeen),
    formatCount(row.cardinality),
    formatTags(row.tags),
  ])
  return [...lines, ...renderTable(COLUMNS, rows, {maxWidth: screen.width, headerPaint: paint.dim})]
}

/** 0.4s, 12s, 3m, 2h */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, ms) / 1000
  if (seconds < 10) return `${seconds.toFixed(1)}s`
  if (seconds < 120) return `${Math.round(seconds)}s`
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`
  return `${Math.round(seconds / 3600)}h`
}
