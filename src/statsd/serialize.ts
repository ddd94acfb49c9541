import {prefixName, sanitizeName, sanitizeTagKey, sanitizeTagValue} from './names.js'
import type {Sample, Tag} from './sample.js'
import type {TagStyle} from './tags.js'

/**
 * Wire text for one sample. It is usually one line; a gauge set to a negative
 * value is two (`name:0|g` then `name:-5|g`), because statsd and statsd_exporter
 * read a leading `-` as a delta, so only zeroing first sets the value on every
 * receiver. The two lines must travel together, in order, in one datagram.
 */
export function serializeSample(sample: Sample, style: TagStyle, prefix = ''): string {
  const name = nameWithTags(prefixName(prefix, sample.name), sample.tags, style)
  const suffix = sampleSuffix(sample, style)
  if (sample.type === 'g' && !sample.relative && typeof sample.value === 'number' && sample.value < 0) {
    return `${name}:0${suffix}\n${name}:${formatNumber(sample.value)}${suffix}`
  }
  return `${name}:${formatValue(sample)}${suffix}`
}

/** The sample without its value: `|type|@rate|#tags`, so load mode can vary only the value. */
export function sampleSuffix(sample: Pick<Sample, 'type' | 'sampleRate' | 'tags'>, style: TagStyle): string {
  let suffix = '|' + sample.type
  if (sample.sampleRate !== 1) suffix += '|@' + formatNumber(sample.sampleRate)
  if (style === 'dogstatsd' && sample.tags.length > 0) suffix += '|#' + dogstatsdTags(sample.tags)
  return suffix
}

/** The name with influx, graphite or flat tags folded in; sanitised for the style. */
export function nameWithTags(name: string, tags: readonly Tag[], style: TagStyle): string {
  const base = sanitizedName(name, style)
  if (tags.length === 0) return base
  switch (style) {
    case 'influx':
      return base + tags.map(tag => `,${sanitizedTagKey(tag.key, style)}=${sanitizeTagValue(tag.value ?? '', style)}`).join('')
    case 'graphite':
      return base + tags.map(tag => `;${sanitizedTagKey(tag.key, style)}=${sanitizeTagValue(tag.value ?? '', style)}`).join('')
    case 'flat':
      // Ichnaea's tag_support = false: each tag's `:` becomes `_`, tags joined with `.` in the order given.
      return base + tags.map(tag => '.' + sanitizeName(tag.value === undefined ? tag.key : `${tag.key}_${tag.value}`, style)).join('')
    case 'dogstatsd':
    case 'none':
      return base
  }
}

function dogstatsdTags(tags: readonly Tag[]): string {
  // A loop rather than map and join: this runs for every sample a sink sends.
  let text = ''
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i]
    if (i > 0) text += ','
    text += sanitizedTagKey(tag.key, 'dogstatsd')
    if (tag.value !== undefined) text += ':' + sanitizeTagValue(tag.value, 'dogstatsd')
  }
  return text
}

/**
 * sanitizeName and sanitizeTagKey, remembering their last answer: a sink sends runs of
 * samples with the same name and tag keys (10,000 gauges `queue` tagged `queue:…`), and
 * running a regular expression on each costs more than the rest of the line.
 */
function rememberingLast(sanitize: (text: string, style: TagStyle) => string): (text: string, style: TagStyle) => string {
  let lastText: string | undefined
  let lastStyle: TagStyle | undefined
  let last = ''
  return (text, style) => {
    if (text !== lastText || style !== lastStyle) {
      last = sanitize(text, style)
      lastText = text
      lastStyle = style
    }
    return last
  }
}

const sanitizedName = rememberingLast(sanitizeName)
const sanitizedTagKey = rememberingLast(sanitizeTagKey)

function formatValue(sample: Sample): string {
  if (typeof sample.value === 'string') return sample.value.replace(/[:|\n\r]/g, '_')
  if (sample.relative && sample.value >= 0 && !Object.is(sample.value, -0)) return '+' + formatNumber(sample.value)
  return formatNumber(sample.value)
}

/** Numbers as Go's ParseFloat and statsd read them back: no locale, no `Infinity` surprises. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Number.POSITIVE_INFINITY) return '+Inf'
  if (value === Number.NEGATIVE_INFINITY) return '-Inf'
  if (Object.is(value, -0)) return '-0'
  return String(value)
}

/** A DogStatsD event (`_e{title,text}:title|text|…`). */
export interface StatsdEvent {
  readonly title: string
  readonly text: string
  readonly tags: readonly Tag[]
  readonly dateHappened?: number
  readonly hostname?: string
  readonly aggregationKey?: string
  readonly priority?: 'normal' | 'low'
  readonly sourceTypeName?: string
  readonly alertType?: 'info' | 'warning' | 'error' | 'success'
}

/** A DogStatsD service check (`_sc|name|status|…`); status 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. */
export interface ServiceCheck {
  readonly name: string
  readonly status: 0 | 1 | 2 | 3
  readonly tags: readonly Tag[]
  readonly timestamp?: number
  readonly hostname?: string
  readonly message?: string
}

// Newlines end a statsd line, and `|` ends a field; Datadog unescapes `\n` in texts.
const escapeText = (text: string): string => text.replace(/\r?\n|\r/g, '\\n')
const fieldSafe = (text: string): string => escapeText(text).replace(/\|/g, '_')

export function serializeEvent(event: StatsdEvent, prefix = ''): string {
  const title = escapeText(prefixName(prefix, event.title))
  const text = escapeText(event.text)
  // The lengths are UTF-8 byte counts, as the DogStatsD protocol defines them.
  let line = `_e{${Buffer.byteLength(title)},${Buffer.byteLength(text)}}:${title}|${text}`
  if (event.dateHappened !== undefined) line += `|d:${Math.floor(event.dateHappened)}`
  if (event.hostname) line += `|h:${fieldSafe(event.hostname)}`
  if (event.aggregationKey) line += `|k:${fieldSafe(event.aggregationKey)}`
  if (event.priority) line += `|p:${event.priority}`
  if (event.sourceTypeName) line += `|s:${fieldSafe(event.sourceTypeName)}`
  if (event.alertType) line += `|t:${event.alertType}`
  if (event.tags.length > 0) line += `|#${dogstatsdTags(event.tags)}`
  return line
}

export function serializeServiceCheck(check: ServiceCheck, prefix = ''): string {
  let line = `_sc|${fieldSafe(prefixName(prefix, check.name))}|${check.status}`
  if (check.timestamp !== undefined) line += `|d:${Math.floor(check.timestamp)}`
  if (check.hostname) line += `|h:${fieldSafe(check.hostname)}`
  if (check.tags.length > 0) line += `|#${dogstatsdTags(check.tags)}`
  // The message must be the last field: it may contain anything but a newline.
  if (check.message) line += `|m:${escapeText(check.message)}`
  return line
}
