import {describe, expect, it} from 'vitest'
import {UsageError} from '../../src/errors.js'
import {UTC, instantOf, parseSqlTime, parseTimeZone, wallToInstant} from '../../src/sql/time.js'

const utc = (...parts: [number, number, number, number?, number?, number?, number?]): number => {
  const [year, month, day, hour = 0, minute = 0, second = 0, ms = 0] = parts
  return Date.UTC(year, month - 1, day, hour, minute, second, ms)
}

describe('parseSqlTime', () => {
  it.each([
    ['2026-01-02 03:04:05', {kind: 'wall', wallMs: utc(2026, 1, 2, 3, 4, 5)}],
    ['2026-01-02 03:04:05.123456', {kind: 'wall', wallMs: utc(2026, 1, 2, 3, 4, 5, 123)}],
    ['2026-01-02 03:04:05.9', {kind: 'wall', wallMs: utc(2026, 1, 2, 3, 4, 5, 900)}],
    ['2026-01-02', {kind: 'wall', wallMs: utc(2026, 1, 2)}],
    ['2026-01-02T03:04:05', {kind: 'wall', wallMs: utc(2026, 1, 2, 3, 4, 5)}],
    ['2026-01-02 03:04:05+00', {kind: 'wall', wallMs: utc(2026, 1, 2, 3, 4, 5), offsetMs: 0}],
    ['2026-01-02 08:34:05.5+05:30', {kind: 'wall', wallMs: utc(2026, 1, 2, 8, 34, 5, 500), offsetMs: 19_800_000}],
    ['2026-01-01 19:04:05-08', {kind: 'wall', wallMs: utc(2026, 1, 1, 19, 4, 5), offsetMs: -28_800_000}],
    ['1890-01-01 00:00:00+00:53:28', {kind: 'wall', wallMs: utc(1890, 1, 1), offsetMs: 3_208_000}],
    ['2024-02-29', {kind: 'wall', wallMs: utc(2024, 2, 29)}],
    ['0044-03-15', {kind: 'wall', wallMs: new Date('0044-03-15T00:00:00Z').getTime()}],
    ['12345-01-01', {kind: 'wall', wallMs: new Date('+012345-01-01T00:00:00Z').getTime()}],
    ['infinity', {kind: 'infinity', sign: 1}],
    ['-infinity', {kind: 'infinity', sign: -1}],
  ])('reads %j', (text, expected) => {
    expect(parseSqlTime(text)).toEqual(expected)
  })

  it.each(['0000-00-00 00:00:00', '0000-00-00', '2026-13-01', '2026-02-30', '2025-02-29', '2026-01-02 24:00:00', '0044-03-15 BC', 'yesterday', '', '2026-1-2'])('refuses %j', text => {
    expect(parseSqlTime(text)).toBeUndefined()
  })
})

describe('parseTimeZone', () => {
  it.each([
    ['UTC', utc(2026, 1, 2, 3), utc(2026, 1, 2, 3)],
    ['Etc/UTC', utc(2026, 1, 2, 3), utc(2026, 1, 2, 3)],
    ['+05:30', utc(2026, 1, 2, 3), utc(2026, 1, 1, 21, 30)],
    ['+0530', utc(2026, 1, 2, 3), utc(2026, 1, 1, 21, 30)],
    ['-08', utc(2026, 1, 2, 3), utc(2026, 1, 2, 11)],
    ['Asia/Kolkata', utc(2026, 1, 2, 3), utc(2026, 1, 1, 21, 30)],
    // Winter and summer in Berlin.
    ['Europe/Berlin', utc(2026, 1, 15, 12), utc(2026, 1, 15, 11)],
    ['Europe/Berlin', utc(2026, 7, 15, 12), utc(2026, 7, 15, 10)],
    ['America/New_York', utc(2026, 7, 4, 12), utc(2026, 7, 4, 16)],
    // 02:30 happens twice on 2026-10-25 in Berlin: the earlier instant (still +02:00).
    ['Europe/Berlin', utc(2026, 10, 25, 2, 30), utc(2026, 10, 25, 0, 30)],
    // 02:30 never happens on 2026-03-29 in Berlin: read with the offset before the gap (+01:00).
    ['Europe/Berlin', utc(2026, 3, 29, 2, 30), utc(2026, 3, 29, 1, 30)],
    // A zone with a half-hour DST shift.
    ['Australia/Lord_Howe', utc(2026, 1, 15, 12), utc(2026, 1, 15, 1)],
  ])('%s places wall time %d at %d', (zone, wall, instant) => {
    expect(parseTimeZone(zone, '--timezone').toInstant(wall)).toBe(instant)
  })

  it.each(['Mars/Olympus', '+25:00', '+05:61', 'local', ''])('refuses %j', text => {
    expect(() => parseTimeZone(text, '--timezone')).toThrow(UsageError)
    expect(() => parseTimeZone(text, '--timezone')).toThrow(/^--timezone: /)
  })

  it('gives back the instant of every wall time Intl prints around both DST changes of a year', () => {
    const zone = parseTimeZone('America/New_York', 'test')
    const format = new Intl.DateTimeFormat('en-US', {timeZone: 'America/New_York', hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric'})
    const instants = [utc(2026, 3, 7), utc(2026, 10, 31)].flatMap(start => Array.from({length: 96 * 4}, (_, i) => start + i * 900_000))
    for (const instant of instants) {
      const parts = Object.fromEntries(format.formatToParts(instant).map(part => [part.type, part.value]))
      const wall = utc(Number(parts.year), Number(parts.month), Number(parts.day), Number(parts.hour), Number(parts.minute))
      const placed = zone.toInstant(wall)
      // In the repeated hour two instants share a wall time; the earlier one is chosen.
      expect([instant, instant - 3_600_000]).toContain(placed)
    }
  })
})

describe('wallToInstant', () => {
  it('uses the only offset of a zone that has one', () => {
    expect(wallToInstant(1000, () => 500)).toBe(500)
  })
})

function parsed(text: string): NonNullable<ReturnType<typeof parseSqlTime>> {
  const value = parseSqlTime(text)
  if (value === undefined) throw new Error(`cannot parse ${text}`)
  return value
}

describe('instantOf', () => {
  const kolkata = parseTimeZone('Asia/Kolkata', 'test')

  it('uses the value\'s own offset over the zone', () => {
    expect(instantOf(parsed('2026-01-02 08:34:05+05:30'), UTC)).toBe(utc(2026, 1, 2, 3, 4, 5))
    expect(instantOf(parsed('2026-01-02 03:04:05+00'), kolkata)).toBe(utc(2026, 1, 2, 3, 4, 5))
  })

  it('places a naive value in the zone', () => {
    expect(instantOf(parsed('2026-01-02 08:34:05'), kolkata)).toBe(utc(2026, 1, 2, 3, 4, 5))
  })

  it('keeps infinity infinite', () => {
    expect(instantOf({kind: 'infinity', sign: 1}, UTC)).toBe(Number.POSITIVE_INFINITY)
  })
})
