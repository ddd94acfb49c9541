import {UsageError} from '../errors.js'

/**
 * Turning what a SQL server prints for a date/time value into an instant.
 *
 * Values are read as text, never through a driver's Date conversion: mysql2 reads
 * DATETIME in the Node process's local zone and pg does the same for `timestamp`,
 * so the age would depend on the TZ of the cron host. Here a value either carries
 * its offset (PostgreSQL timestamptz), or is known to be UTC (MySQL TIMESTAMP read
 * in a session pinned to +00:00), or is a wall-clock reading (DATETIME, DATE,
 * `timestamp without time zone`) that is placed in the zone the user names.
 */

/** A time zone that can place a wall-clock reading on the time line. */
export interface TimeZone {
  /** As the user wrote it, for messages and --json. */
  readonly name: string
  /** The instant (Unix ms) of a wall-clock reading given as if it were UTC. */
  toInstant(wallMs: number): number
}

const UTC_NAMES = new Set(['utc', 'z', 'gmt', 'etc/utc', 'etc/gmt', 'etc/zulu', 'zulu', 'universal', 'etc/universal'])
const FIXED_OFFSET = /^([+-])(\d{2}):?(\d{2})?$/

export const UTC: TimeZone = {name: 'UTC', toInstant: wallMs => wallMs}

/** `UTC`, a fixed offset (`+05:30`, `-08`, `+0530`) or an IANA zone name (`Europe/Berlin`). */
export function parseTimeZone(text: string, source: string): TimeZone {
  const name = text.trim()
  if (UTC_NAMES.has(name.toLowerCase())) return {...UTC, name}
  const fixed = FIXED_OFFSET.exec(name)
  if (fixed) {
    const hours = Number(fixed[2])
    const minutes = Number(fixed[3] ?? 0)
    if (hours > 15 || minutes > 59) throw new UsageError(`${source}: ${JSON.stringify(text)} is not a UTC offset`, 'e.g. +05:30 or -08:00')
    const offsetMs = (fixed[1] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000
    return {name, toInstant: wallMs => wallMs - offsetMs}
  }
  let format: Intl.DateTimeFormat
  try {
    format = new Intl.DateTimeFormat('en-US', {timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short'})
  } catch {
    throw new UsageError(`${source}: unknown time zone ${JSON.stringify(text)}`, 'use UTC, an offset such as +05:30, or an IANA name such as Europe/Berlin')
  }
  return {name, toInstant: wallMs => wallToInstant(wallMs, instant => zoneOffsetMs(format, instant))}
}

const DAY_MS = 86_400_000

/**
 * Places a wall-clock reading in a zone with daylight saving time the way Temporal's
 * `disambiguation: 'compatible'` does: a reading that happens twice (the hour after
 * clocks go back) is the earlier instant, and one that never happens (the hour
 * skipped when clocks go forward) is read with the offset in force before the gap.
 * Zones change offset at most once in any two days, so the offsets a day either side
 * are the only candidates.
 */
export function wallToInstant(wallMs: number, offsetAt: (instant: number) => number): number {
  const before = offsetAt(wallMs - DAY_MS)
  const after = offsetAt(wallMs + DAY_MS)
  const candidates = [wallMs - before, wallMs - after].filter(instant => wallMs - offsetAt(instant) === instant)
  return candidates.length === 0 ? wallMs - before : Math.min(...candidates)
}

/** The zone's offset from UTC at an instant, in ms, from what Intl prints for it. */
function zoneOffsetMs(format: Intl.DateTimeFormat, instant: number): number {
  const seconds = Math.floor(instant / 1000) * 1000
  const parts: Record<string, string> = {}
  for (const part of format.formatToParts(seconds)) parts[part.type] = part.value
  const year = parts.era === 'BC' || parts.era === 'B' ? 1 - Number(parts.year) : Number(parts.year)
  const wall = utcMs(year, Number(parts.month), Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second), 0)
  return wall - seconds
}

/** Date.UTC, without its mapping of years 0–99 to 1900–1999. */
function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms))
  date.setUTCFullYear(year)
  return date.getTime()
}

/** A date/time value as a server printed it, read without any zone applied. */
export type SqlTimeText =
  | {readonly kind: 'wall'; readonly wallMs: number; readonly offsetMs?: number}
  | {readonly kind: 'infinity'; readonly sign: 1 | -1}

/**
 * `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS[.ffffff]`, optionally followed by a PostgreSQL
 * offset (`+05:30`, `-08`, `+05:53:28`), and PostgreSQL's `infinity` / `-infinity`.
 * Returns undefined for anything else: MySQL's zero date, BC years, garbage.
 * Fractions below a millisecond are dropped.
 */
export function parseSqlTime(text: string): SqlTimeText | undefined {
  if (text === 'infinity' || text === '-infinity') return {kind: 'infinity', sign: text === 'infinity' ? 1 : -1}
  const match = /^(\d{4,})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?)?(?:([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?)?$/.exec(text)
  if (!match) return undefined
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1, 7).map(part => (part === undefined ? undefined : Number(part))) as number[]
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return undefined
  const ms = match[7] === undefined ? 0 : Number(match[7].slice(0, 3).padEnd(3, '0'))
  const wallMs = utcMs(year, month, day, hour, minute, second, ms)
  if (!Number.isFinite(wallMs)) return undefined
  if (match[8] === undefined) return {kind: 'wall', wallMs}
  const offsetMs = (match[8] === '-' ? -1 : 1) * ((Number(match[9]) * 60 + Number(match[10] ?? 0)) * 60 + Number(match[11] ?? 0)) * 1000
  return {kind: 'wall', wallMs, offsetMs}
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/**
 * The instant of a value: its own offset when it has one, else the zone in which
 * its wall-clock reading was written. Infinity stays infinite.
 */
export function instantOf(value: SqlTimeText, zone: TimeZone): number {
  if (value.kind === 'infinity') return value.sign * Number.POSITIVE_INFINITY
  return value.offsetMs === undefined ? zone.toInstant(value.wallMs) : value.wallMs - value.offsetMs
}
