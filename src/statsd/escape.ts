/**
 * statsd_exporter's EscapeMetricName, applied to tag keys when a line is parsed and to
 * metric names (mapped or not) before they reach Prometheus.
 *
 * Every code point outside `[a-zA-Z0-9_]` becomes one `_`, except that a `-` right after
 * another `-` is dropped (runs of dashes collapse); a leading digit gets `_` prepended.
 * Nothing else: no `__` collapsing, no reserved-name check, "" stays "".
 */
export function escapeMetricName(name: string): string {
  let clean = 0
  while (clean < name.length && isNameChar(name.charCodeAt(clean))) clean++
  const leadingDigit = name.length > 0 && isDigit(name.charCodeAt(0))
  if (clean === name.length && !leadingDigit) return name
  return (leadingDigit ? '_' : '') + name.slice(0, clean) + escapeFrom(name, clean)
}

function escapeFrom(name: string, start: number): string {
  let out = ''
  let previousWasDash = false
  for (let i = start; i < name.length; i++) {
    const code = name.charCodeAt(i)
    const dash = code === DASH
    if (isNameChar(code)) out += name[i]
    else if (!(dash && previousWasDash)) out += '_'
    // A surrogate pair is one code point, so it becomes one `_`.
    if (isHighSurrogate(code) && i + 1 < name.length && isLowSurrogate(name.charCodeAt(i + 1))) i++
    previousWasDash = dash
  }
  return out
}

const DASH = 0x2d

function isNameChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || isDigit(code) || code === 0x5f
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}
