/**
 * What counts as a line of statsd text, for everything that sends or counts lines:
 * the `\n`-separated pieces, empty ones left out. statsd_exporter parses nothing from
 * an empty piece and `metrics tail` counts none, so a packet `a:1|c\n` is one line,
 * `b:1|c\n\n` one, and `\n` alone none. A `\r` stays part of its line, as it does
 * over UDP (tail's TCP framer drops the `\r` of a `\r\n` before a packet is made).
 */

/** The lines of a packet or payload, in order. */
export function statsdLines(text: string): string[] {
  return text.split('\n').filter(line => line !== '')
}

/** How many lines `statsdLines` would give, without making them. */
export function countLines(text: string): number {
  let lines = 0
  let start = 0
  for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
    if (newline > start) lines++
    start = newline + 1
  }
  return start < text.length ? lines + 1 : lines
}
