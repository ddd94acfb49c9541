/**
 * The mapping format statsd_exporter read before 0.5.0 (2017): a glob line, then one
 * `key="value"` line per label with a mandatory `name="…"`, blocks separated by blank
 * lines, `#` comment lines. Lines are trimmed, as upstream's reader did. The result is
 * the same raw config the YAML decoder produces, so both go through the same checks.
 */
import type {KeyValueRange, LoadDiagnosticCode, Severity, SourceRange} from './model.js'
import type {RawConfig, RawMapping} from './schema.js'
import type {MapEntry} from './yaml-decode.js'
import {excerpt, type SourceText} from './source.js'

/**
 * upstream's labelLineRE, with one-letter keys left to the label-name check. In Go, `\s` is
 * [\t\n\f\r ] and `.` is anything but a newline: JS's would refuse a value holding U+2028.
 */
const PAIR_LINE = /^([a-zA-Z_][a-zA-Z0-9_]*)[\t\f\r ]*=[\t\f\r ]*"(.*)"$/s

export interface LegacyPair {
  readonly kind: 'pair'
  readonly key: string
  readonly value: string
  readonly range: KeyValueRange
}

export interface LegacyComment {
  readonly kind: 'comment'
  /** The whole comment line, `#` included, trimmed. */
  readonly text: string
}

export interface LegacyBlock {
  /** Comment lines between the previous block and this one. */
  readonly leadingComments: readonly string[]
  readonly match: string
  readonly matchRange: SourceRange
  /** Pairs and the comment lines among them, in file order. */
  readonly entries: readonly (LegacyPair | LegacyComment)[]
  readonly range: SourceRange
}

export interface LegacyDocument {
  readonly blocks: readonly LegacyBlock[]
  readonly trailingComments: readonly string[]
}

export type LegacyReport = (code: LoadDiagnosticCode, severity: Severity, message: string, range: SourceRange) => void

interface Line {
  readonly text: string
  /** Offset of the trimmed text in the source. */
  readonly start: number
}

function linesOf(source: SourceText): Line[] {
  const lines: Line[] = []
  let offset = 0
  for (const raw of source.text.split('\n')) {
    const leading = raw.length - raw.trimStart().length
    lines.push({text: raw.trim(), start: offset + leading})
    offset += raw.length + 1
  }
  return lines
}

/** The first `count` lines that are neither blank nor comments, trimmed; stops reading there (configs run to megabytes). */
function meaningfulLines(text: string, count: number): string[] {
  const found: string[] = []
  for (let start = 0; start <= text.length && found.length < count;) {
    const newline = text.indexOf('\n', start)
    const end = newline === -1 ? text.length : newline
    const line = text.slice(start, end).trim()
    if (line !== '' && !line.startsWith('#')) found.push(line)
    if (newline === -1) break
    start = newline + 1
  }
  return found
}

/** Whether the text reads as the legacy format: a glob line, then a `key="value"` line. */
export function looksLikeLegacy(text: string): boolean {
  const [first, second] = meaningfulLines(text.replace(/^\uFEFF/, ''), 2)
  return first !== undefined && second !== undefined && /^[^\s:=#"'[{&!%|>-][^\s:=#"']*$/.test(first) && PAIR_LINE.test(second)
}

export function parseLegacy(source: SourceText, report: LegacyReport): LegacyDocument {
  const blocks: LegacyBlock[] = []
  let comments: string[] = []
  let current: {match: string; matchRange: SourceRange; entries: (LegacyPair | LegacyComment)[]; start: number; end: number} | undefined
  const finish = () => {
    if (current) {
      blocks.push({
        leadingComments: comments,
        match: current.match,
        matchRange: current.matchRange,
        entries: current.entries,
        range: source.range(current.start, current.end),
      })
      comments = []
    }
    current = undefined
  }
  for (const line of linesOf(source)) {
    const lineRange = source.range(line.start, line.start + line.text.length)
    if (line.text === '') {
      finish()
      continue
    }
    if (line.text.startsWith('#')) {
      if (current) current.entries.push({kind: 'comment', text: line.text})
      else comments.push(line.text)
      continue
    }
    if (current === undefined) {
      if (/[\s="]/.test(line.text)) {
        report('legacy-syntax', 'error', `expected metric match line, got: ${excerpt(line.text)}`, lineRange)
        continue
      }
      current = {match: line.text, matchRange: lineRange, entries: [], start: line.start, end: line.start + line.text.length}
      continue
    }
    const pair = PAIR_LINE.exec(line.text)
    if (pair === null) {
      report('legacy-syntax', 'error', `expected label mapping line, got: ${excerpt(line.text)}`, lineRange)
      continue
    }
    const [, key, value] = pair
    const valueStart = line.start + line.text.indexOf('"')
    current.entries.push({
      kind: 'pair',
      key,
      value,
      range: {key: source.range(line.start, line.start + key.length), value: source.range(valueStart, line.start + line.text.length)},
    })
    current.end = line.start + line.text.length
  }
  finish()
  return {blocks, trailingComments: comments}
}

function pairsOf(block: LegacyBlock): LegacyPair[] {
  return block.entries.filter((entry): entry is LegacyPair => entry.kind === 'pair')
}

/** The block as a raw mapping: `name` is the metric name, every other key a label; a repeated key keeps its last value. */
function rawMapping(block: LegacyBlock, report: LegacyReport): RawMapping {
  // A Map keeps each key where it first appeared while the last value wins.
  const latest = new Map<string, LegacyPair>()
  for (const pair of pairsOf(block)) {
    if (latest.has(pair.key)) report('duplicate-key', 'warning', `${excerpt(pair.key)} is set twice in this block; the last value wins`, pair.range.key)
    latest.set(pair.key, pair)
  }
  const name = latest.get('name')
  const labels: MapEntry[] = [...latest.values()].filter((pair) => pair.key !== 'name').map(({key, value, range}) => ({key, value, range}))
  return {
    range: block.range,
    fields: {
      match: {value: block.match, range: {key: block.matchRange, value: block.matchRange}},
      ...(name ? {name: {value: name.value, range: name.range}} : {}),
      ...(labels.length > 0 ? {labels: {value: labels, range: {key: labels[0].range.key, value: labels[labels.length - 1].range.value}}} : {}),
    },
  }
}

export function legacyToRawConfig(document: LegacyDocument, source: SourceText, report: LegacyReport): RawConfig {
  const whole = source.range(0, source.text.length)
  const mappings = document.blocks.map((block) => rawMapping(block, report))
  return {range: whole, fields: {mappings: {value: mappings, range: {key: whole, value: whole}}}}
}
