/**
 * Go's time.ParseDuration, which statsd_exporter uses for `ttl` and `max_age`:
 * `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, units ns us µs μs ms s m h, and a bare `0`.
 */

const UNIT_SECONDS: Readonly<Record<string, number>> = {
  ns: 1e-9,
  us: 1e-6,
  'µs': 1e-6, // U+00B5 micro sign
  'μs': 1e-6, // U+03BC Greek mu
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
}

/** Go's time.Duration is an int64 count of nanoseconds. */
const MAX_SECONDS = 2 ** 63 / 1e9

export type DurationResult = {ok: true; seconds: number} | {ok: false; message: string}

export function parseGoDuration(text: string): DurationResult {
  const fail = (): DurationResult => ({ok: false, message: `time: invalid duration ${goQuote(text)}`})
  let rest = text
  let sign = 1
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest[0] === '-') sign = -1
    rest = rest.slice(1)
  }
  if (rest === '0') return {ok: true, seconds: 0}
  if (rest === '') return fail()
  let total = 0
  while (rest !== '') {
    const part = /^(\d*)(?:\.(\d*))?/.exec(rest)
    const whole = part?.[1] ?? ''
    const fraction = part?.[2] ?? ''
    if (whole === '' && fraction === '') return fail()
    rest = rest.slice(part?.[0].length ?? 0)
    const unit = /^[^\d.]*/.exec(rest)?.[0] ?? ''
    if (unit === '') return {ok: false, message: `time: missing unit in duration ${goQuote(text)}`}
    const scale = UNIT_SECONDS[unit]
    if (scale === undefined) return {ok: false, message: `time: unknown unit ${goQuote(unit)} in duration ${goQuote(text)}`}
    rest = rest.slice(unit.length)
    total += Number(`${whole || '0'}.${fraction || '0'}`) * scale
    if (total > MAX_SECONDS) return fail()
  }
  return {ok: true, seconds: sign * total}
}

/** Go's %q for the plain text the messages quote. */
export function goQuote(text: string): string {
  return JSON.stringify(text)
}
