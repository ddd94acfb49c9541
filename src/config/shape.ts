/**
 * Shape checks for values read from a config-file section (`redis:`, `queues:`,
 * `datamaps:`, the sink keys of each). Every message names the file and the path
 * inside it (`metrics.config.yaml queues.checks[1].read`), which resolveFromConfig
 * (file.ts) turns into the line and column to fix. Keys were checked when the file was
 * read (schema.ts).
 */
import {UsageError} from '../errors.js'

export type Mapping = Readonly<Record<string, unknown>>

const describe = (value: unknown): string => (Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value === 'object' ? 'a mapping' : JSON.stringify(value))

export function mapping(value: unknown, source: string): Mapping {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${source}: expected a mapping, got ${describe(value)}`)
  return value as Mapping
}

/** A list; a single scalar is a list of one. Absent is empty. */
export function list(value: unknown, source: string): readonly unknown[] {
  if (value === undefined || value === null) return []
  if (Array.isArray(value)) return value
  if (typeof value === 'object') throw new UsageError(`${source}: expected a list, got a mapping`)
  return [value]
}

export function text(value: unknown, source: string): string {
  if (typeof value === 'string' && value !== '') return value
  if (typeof value === 'number') return String(value)
  throw new UsageError(`${source}: expected a non-empty string, got ${describe(value)}`)
}

export function optionalText(value: unknown, source: string): string | undefined {
  return value === undefined || value === null ? undefined : text(value, source)
}

export function flag(value: unknown, source: string): boolean | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'boolean') return value
  throw new UsageError(`${source}: expected true or false, got ${describe(value)}`)
}

/** `LABEL=VALUE` pairs from flags, or a mapping from the config file. */
export function labelPairs(value: unknown, source: string): Record<string, string> {
  if (value === undefined || value === null) return {}
  if (Array.isArray(value)) {
    return Object.fromEntries(
      value.map(item => {
        const pair = String(item)
        const eq = pair.indexOf('=')
        if (eq < 1) throw new UsageError(`${source}: expected LABEL=VALUE, got ${JSON.stringify(pair)}`)
        return [pair.slice(0, eq), pair.slice(eq + 1)]
      }),
    )
  }
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, String(v)]))
  throw new UsageError(`${source}: expected a mapping of label: value, got ${describe(value)}`)
}

/** `\xNN` and `\\` escapes, so that kombu's `\x06\x16` separator can be typed on a command line. */
export function unescapeText(value: string, source: string): string {
  return value.replace(/\\(x[0-9a-fA-F]{2}|\\|.|$)/g, (whole, escape: string) => {
    if (escape === '\\') return '\\'
    if (escape.startsWith('x') && escape.length === 3) return String.fromCharCode(parseInt(escape.slice(1), 16))
    throw new UsageError(`${source}: unknown escape ${JSON.stringify(whole)} in ${JSON.stringify(value)}`, 'use \\xNN for a byte, \\\\ for a backslash')
  })
}
