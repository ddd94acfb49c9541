/**
 * What every tail view shares: type labels and colours, and how names, numbers, tags and
 * times are written. Everything untrusted goes through visible() here, once, and is
 * shortened to a bound (below) so that no name, tag list or value from the network can
 * make a line, or a table padded to its widest cell, as long as a packet.
 */
import {Chalk, type ChalkInstance} from 'chalk'
import type {MetricType, Tag} from '../../statsd/sample.js'
import {shorten} from '../../text/shorten.js'
import {visible} from '../../text/visible.js'

/**
 * The most characters a name, a tag (or label) list, a set member and a bad line take in
 * the pretty, aggregate and top views, escapes included. Past it a name keeps its start
 * and end around `…`; the others keep their start. JSON and raw output keep everything.
 */
export const MAX_SHOWN = {name: 100, tags: 200, value: 40, line: 200} as const

export type Paint = (text: string) => string

export interface Palette {
  readonly type: Readonly<Record<MetricType, Paint>>
  readonly bad: Paint
  readonly dim: Paint
  readonly bold: Paint
}

export const TYPE_LABELS: Readonly<Record<MetricType, string>> = {c: 'COUNT', g: 'GAUGE', ms: 'TIMER', h: 'HIST', d: 'DISTR', s: 'SET'}

/** The longest type label, and BAD: the width of the type column. */
export const TYPE_WIDTH = 5

/** Colour when the output is a terminal, unless NO_COLOR is set; FORCE_COLOR turns it on anywhere. */
export function useColor(stream: {readonly isTTY?: boolean}, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true
  return stream.isTTY === true
}

export function palette(color: boolean): Palette {
  const chalk: ChalkInstance = new Chalk({level: color ? 1 : 0})
  return {
    type: {c: chalk.green, g: chalk.cyan, ms: chalk.yellow, h: chalk.magenta, d: chalk.blue, s: chalk.white},
    bad: chalk.red,
    dim: chalk.dim,
    bold: chalk.bold,
  }
}

/** A number as statsd tools print it; the non-finite ones as Prometheus writes them. */
export function formatNumber(value: number): string {
  if (Number.isFinite(value)) return String(value)
  if (Number.isNaN(value)) return 'NaN'
  return value > 0 ? '+Inf' : '-Inf'
}

/** A computed statistic: six significant digits are plenty on a screen. */
export function formatStat(value: number): string {
  return Number.isInteger(value) || !Number.isFinite(value) ? formatNumber(value) : formatNumber(Number(value.toPrecision(6)))
}

/** A metric or series name, escaped and shortened. */
export function formatName(name: string): string {
  return shorten(visible(name), MAX_SHOWN.name, 'middle')
}

/** A line statsd_exporter rejects, escaped and shortened. */
export function formatLine(line: string): string {
  return shorten(visible(line), MAX_SHOWN.line, 'end')
}

/** A sample value: a gauge delta keeps its sign, a set member is shown escaped and shortened. */
export function formatValue(value: number | string, relative = false): string {
  if (typeof value === 'string') return shorten(visible(value), MAX_SHOWN.value, 'end')
  const text = formatNumber(value)
  return relative && value >= 0 && !Object.is(value, -0) ? '+' + text : text
}

/** `k:v,k2:v2`, a bare DogStatsD tag as its key; escaped and shortened. */
export function formatTags(tags: readonly Tag[]): string {
  let text = ''
  for (const tag of tags) {
    text += (text === '' ? '' : ',') + (tag.value === undefined ? tag.key : `${tag.key}:${tag.value}`)
    // Enough to shorten from: the rest would be cut.
    if (text.length > MAX_SHOWN.tags) break
  }
  return shorten(visible(text), MAX_SHOWN.tags, 'end')
}

/**
 * `code="200",method="GET"`: labels as the Prometheus text format writes them, in the
 * order given. visible() writes a backslash and a newline as that format quotes them;
 * a double quote is escaped on top, and other controls stay visible escapes.
 */
export function formatLabels(labels: readonly Tag[]): string {
  let text = ''
  for (const label of labels) {
    text += `${text === '' ? '' : ','}${visible(label.key)}="${visible(label.value ?? '').replaceAll('"', '\\"')}"`
    if (text.length > MAX_SHOWN.tags) break
  }
  return shorten(text, MAX_SHOWN.tags, 'end')
}

/** `name{labels}`, or the bare name when there are none; each shortened. */
export function formatSeries(name: string, labels: readonly Tag[]): string {
  return labels.length === 0 ? formatName(name) : `${formatName(name)}{${formatLabels(labels)}}`
}

/** HH:MM:SS.mmm, local time. */
export function formatTime(epochMs: number): string {
  const date = new Date(epochMs)
  const two = (n: number): string => String(n).padStart(2, '0')
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`
}

/** A rate on a live screen: whole and grouped from 100 up, where the fraction is noise. */
export function formatRate(value: number): string {
  return Math.abs(value) >= 100 ? formatCount(value) : formatStat(value)
}

/** 1,234,567 */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US')
}

/** 1 sample, 1,234 samples */
export function formatCountOf(value: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(value)} ${Math.round(value) === 1 ? singular : plural}`
}
