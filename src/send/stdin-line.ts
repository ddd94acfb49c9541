import {MetricsError} from '../errors.js'
import type {Tag} from '../statsd/sample.js'
import {parseTag} from '../statsd/tags.js'
import {planSend, SEND_TYPES, type SendPlan} from './plan.js'

/**
 * One line of `metrics send -` input: either a raw wire line, sent unchanged, or
 * `type name [value] [k:v ...]`. Blank lines and `#` comments are skipped. Bad
 * lines are results, not exceptions, so that the good ones are still sent.
 */
export type StdinLine =
  | {readonly kind: 'skip'}
  | {readonly kind: 'raw'; readonly text: string}
  | {readonly kind: 'plan'; readonly plan: SendPlan}
  | {readonly kind: 'error'; readonly message: string}

export interface StdinDefaults {
  readonly sampleRate: number
  readonly tags: readonly Tag[]
}

const RAW_METRIC = /^[^\s:|][^:|]*:[^|\n]*\|(?:c|g|ms|h|d|s)(?:\||$)/
const RAW_EXTENSION = /^(?:_e\{\d+,\d+\}:|_sc\|)/

export function parseStdinLine(text: string, lineNo: number, defaults: StdinDefaults): StdinLine {
  const line = text.endsWith('\r') ? text.slice(0, -1) : text
  const trimmed = line.trim()
  if (trimmed === '' || trimmed.startsWith('#')) return {kind: 'skip'}
  const source = `stdin:${lineNo}`
  const [first, name, ...rest] = trimmed.split(/\s+/)
  if (!(first.toLowerCase() in SEND_TYPES)) {
    if (RAW_METRIC.test(line) || RAW_EXTENSION.test(line)) return {kind: 'raw', text: line}
    return {kind: 'error', message: `${source}: neither a statsd line nor "type name [value] [k:v ...]": ${JSON.stringify(trimmed.slice(0, 80))}`}
  }
  if (name === undefined) return {kind: 'error', message: `${source}: "${first}" needs a metric name`}
  // A value is the first word that is not a tag; `k:v` words after the name are tags.
  const value = rest.length > 0 && !rest[0].includes(':') ? rest.shift() : undefined
  try {
    const tags = [...defaults.tags, ...rest.map(word => parseTag(word, source))]
    return {kind: 'plan', plan: planSend({type: first, name, value, tags, sampleRate: defaults.sampleRate, source})}
  } catch (error) {
    if (error instanceof MetricsError) return {kind: 'error', message: error.message}
    throw error
  }
}
