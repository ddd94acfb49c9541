import type {TagStyle} from './tags.js'

/**
 * Sanitising, so that no name, tag or value can break the line format. The base
 * rules are hot-shots' (`:`, `|`, `\n`, `\r` in names; also `@`, `,`, `#` in tag
 * keys and values, colons allowed in DogStatsD tag values); each style then adds
 * the characters that delimit its own tags, which hot-shots leaves alone and which
 * a receiver would otherwise read as tags.
 */
const NAME = {
  dogstatsd: /[:|\n\r]/g,
  influx: /[:|,\n\r]/g,
  graphite: /[:|;\n\r]/g,
  flat: /[:|\n\r]/g,
  none: /[:|\n\r]/g,
} satisfies Record<TagStyle, RegExp>

const TAG_KEY = {
  dogstatsd: /[:|@,#\n\r]/g,
  influx: /[:|,=\n\r]/g,
  graphite: /[:|;=\n\r]/g,
  flat: /[:|\n\r]/g,
  none: /[:|\n\r]/g,
} satisfies Record<TagStyle, RegExp>

const TAG_VALUE = {
  dogstatsd: /[|@,#\n\r]/g,
  influx: /[:|,\n\r]/g,
  graphite: /[:|;\n\r]/g,
  flat: /[:|\n\r]/g,
  none: /[:|\n\r]/g,
} satisfies Record<TagStyle, RegExp>

export function sanitizeName(name: string, style: TagStyle): string {
  return name.replace(NAME[style], '_')
}

export function sanitizeTagKey(key: string, style: TagStyle): string {
  return key.replace(TAG_KEY[style], '_')
}

export function sanitizeTagValue(value: string, style: TagStyle): string {
  return value.replace(TAG_VALUE[style], '_')
}

/** hot-shots (v13+) adds the `.` between a prefix and the name unless the prefix has one. */
export function prefixName(prefix: string, name: string): string {
  if (prefix === '') return name
  return prefix.endsWith('.') ? prefix + name : `${prefix}.${name}`
}
