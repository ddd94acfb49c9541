/**
 * Untrusted text (from the network, a file or Redis) must never reach a terminal raw:
 * an ANSI escape in a metric name could rewrite the screen, and a bidi control could
 * reorder what follows it (U+202E shows `exe.gpj` as `exe.jpg`). Shown as escapes instead:
 *
 * - control characters (Cc): C0, DEL and C1, as `\x1b`;
 * - format characters (Cf), every one of them: the bidi embeddings, overrides and
 *   isolates (U+202A–U+202E, U+2066–U+2069), the marks (U+200E, U+200F, U+061C), the
 *   zero-width characters (U+200B–U+200D, U+2060–U+2064, U+FEFF), the soft hyphen and
 *   the invisible tag characters (U+E0001, U+E0020–U+E007F), as `\u202e` or `\u{e0041}`;
 * - the line and paragraph separators (U+2028, U+2029), which end a line in some terminals;
 * - the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0): letters that draw as blank;
 * - lone surrogates, which have no character to show.
 *
 * Everything else is shown as is, emoji and variation selectors included; the zero-width
 * joiner inside an emoji sequence is a format character, so it shows escaped.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115f\u1160\u3164\uffa0\\]/u
/** What must be escaped, the backslash apart. */
export const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115f\u1160\u3164\uffa0]/u

export function visible(text: string): string {
  if (!UNSAFE.test(text)) return text
  let out = ''
  // By code point: a surrogate pair is one character, a lone surrogate one of its own.
  for (const char of text) out += escapeCharacter(char)
  return out
}

/**
 * visible() also doubles every backslash so its escapes stay unambiguous; messages that
 * quote regex patterns are full of backslashes, so text with nothing to escape is shown
 * as written. Idempotent: what it returns has nothing left to escape, so a message built
 * from terminalText() parts can pass through it again (render-error does) unchanged.
 */
export function terminalText(text: string): string {
  return INVISIBLE.test(text) ? visible(text) : text
}

function escapeCharacter(char: string): string {
  switch (char) {
    case '\t': return '\\t'
    case '\n': return '\\n'
    case '\r': return '\\r'
    case '\\': return '\\\\'
  }
  if (!INVISIBLE.test(char)) return char
  const code = char.codePointAt(0) ?? 0
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return '\\x' + code.toString(16).padStart(2, '0')
  return code > 0xffff ? `\\u{${code.toString(16)}}` : '\\u' + code.toString(16).padStart(4, '0')
}
