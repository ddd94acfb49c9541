import {UsageError} from '../errors.js'
import type {Tag} from './sample.js'

/**
 * How tags travel on the wire:
 * - dogstatsd `name:1|c|#k:v,k2:v2` (the default)
 * - influx     `name,k=v,k2=v2:1|c` (Telegraf)
 * - graphite   `name;k=v;k2=v2:1|c`
 * - flat       tags folded into the name, `task.name_function.version_old`, as
 *              statsd clients without tag support (the seeds' tag_support = false) do
 * - none       tags dropped
 */
export type TagStyle = 'dogstatsd' | 'influx' | 'graphite' | 'flat' | 'none'

export const TAG_STYLES: readonly TagStyle[] = ['dogstatsd', 'influx', 'graphite', 'flat', 'none']

/** Parses `k:v` (or a bare `k`) as given on the command line or in a config file. */
export function parseTag(text: string, source: string): Tag {
  const colon = text.indexOf(':')
  const key = colon === -1 ? text : text.slice(0, colon)
  if (key === '') throw new UsageError(`${source}: tag ${JSON.stringify(text)} has an empty key`, 'write tags as key:value')
  return colon === -1 ? {key} : {key, value: text.slice(colon + 1)}
}

/** Config files may give tags as a list of `k:v` strings or as a mapping. */
export function parseTagList(value: unknown, source: string): Tag[] {
  if (value === undefined || value === null) return []
  if (typeof value === 'string') return value.split(',').filter(Boolean).map(text => parseTag(text.trim(), source))
  if (Array.isArray(value)) return value.map(item => parseTag(String(item), source))
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).map(([key, v]) => (v === null || v === undefined || v === true ? {key} : {key, value: String(v)}))
  }
  throw new UsageError(`${source}: tags must be a list of key:value strings or a mapping`)
}

/**
 * Later tags replace earlier ones with the same key, as hot-shots does for global tags.
 * A side with no tags gives back the other as it is: a sink merges its global tags into
 * every sample it sends, usually with one side empty, and copying would be wasted.
 */
export function mergeTags(base: readonly Tag[], overrides: readonly Tag[]): readonly Tag[] {
  if (overrides.length === 0) return base
  if (base.length === 0) return overrides
  // Tag lists are short, so scanning them beats building a Set of the overriding keys.
  const kept = base.filter(tag => !overrides.some(override => override.key === tag.key))
  return kept.length === 0 ? overrides : [...kept, ...overrides]
}

/** Styles that write `k=v` pairs cannot carry a tag without a value. */
export function checkTagsFitStyle(tags: readonly Tag[], style: TagStyle, source: string): void {
  if (style !== 'influx' && style !== 'graphite') return
  const bare = tags.find(tag => tag.value === undefined)
  if (bare) throw new UsageError(`${source}: tag "${bare.key}" has no value, which the ${style} tag style cannot send`, 'write it as key:value')
}
