import {UsageError} from '../errors.js'
import {mapping} from './shape.js'

/**
 * Validators shared by every config value, wherever it came from. `source` names
 * where the value was read (`--port`, `STATSD_PORT`, `metrics.config.yaml statsd.port`),
 * so that an error points at the place to fix.
 */
export function parsePort(value: string | number, source: string): number {
  const port = typeof value === 'number' ? value : Number(value.trim())
  if (!Number.isInteger(port) || port < 1 || port > 65535 || (typeof value === 'string' && !/^\s*\d+\s*$/.test(value))) {
    throw new UsageError(`${source}: port must be a whole number from 1 to 65535, got ${JSON.stringify(value)}`)
  }
  return port
}

export function parseChoice<T extends string>(value: string, choices: readonly T[], source: string): T {
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`${source}: expected one of ${choices.join(', ')}, got ${JSON.stringify(value)}`)
  }
  return value as T
}

export function parsePositiveInteger(value: string | number, source: string): number {
  const n = typeof value === 'number' ? value : /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`${source}: expected a whole number of at least 1, got ${JSON.stringify(value)}`)
  return n
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/
const UNIT_MS = {ms: 1, s: 1000, m: 60_000, h: 3_600_000} as const
/** The longest a Node.js timer waits (2^31 - 1 ms, about 24.8 days): a longer one fires after 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1

/** `500ms`, `30s`, `1.5m`, `2h`; a bare number is seconds. Returns milliseconds, at most MAX_TIMER_MS. */
export function parseDuration(value: string | number, source: string): number {
  const match = DURATION.exec(String(value).trim())
  const ms = match ? Number(match[1]) * UNIT_MS[(match[2] ?? 's') as keyof typeof UNIT_MS] : Number.NaN
  if (!(ms > 0) || !Number.isFinite(ms)) {
    throw new UsageError(`${source}: expected a duration such as 500ms, 30s, 5m or 1h, got ${JSON.stringify(value)}`)
  }
  if (ms > MAX_TIMER_MS) throw new UsageError(`${source}: expected at most 596h (24 days, the longest a timer can wait), got ${JSON.stringify(value)}`)
  return ms
}

/** A config-file section, which must be a mapping when present. */
export function section(document: Readonly<Record<string, unknown>>, name: string, path: string | undefined): Readonly<Record<string, unknown>> {
  const value = document[name]
  return value === undefined || value === null ? {} : mapping(value, `${path ?? 'config file'} ${name}`)
}

/** A scalar read from a config-file section, as the string form our validators take. */
export function scalar(sectionValues: Readonly<Record<string, unknown>>, key: string, source: string): string | undefined {
  const value = sectionValues[key]
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value)
  throw new UsageError(`${source}: expected a single value, got ${Array.isArray(value) ? 'a list' : 'a mapping'}`)
}
