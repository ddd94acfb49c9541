/**
 * Untrusted text (from the network, a file or Redis) must never reach a terminal raw:
 * an ANSI escape in a metric name could rewrite the screen. Control characters,
 * DEL, C1 controls and lone surrogates are shown as escapes instead.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff\\]/u

export function visible(text: string): string {
  if (!UNSAFE.test(text)) return text
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text[i] + text[i + 1]
        i++
        continue
      }
    }
    out += escapeUnit(code, text[i])
  }
  return out
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udfff]/u

/**
 * visible() also doubles every backslash so its escapes stay unambiguous; messages that
 * quote regex patterns are full of backslashes, so text with nothing to escape is shown
 * as written. Idempotent: what it returns has nothing left to escape, so a message built
 * from terminalText() parts can pass through it again (render-error does) unchanged.
 */
export function terminalText(text: string): string {
  return CONTROL.test(text) ? visible(text) : text
}

function escapeUnit(code: number, char: string): string {
  switch (code) {
    case 0x09: return '\\t'
    case 0x0a: return '\\n'
    case 0x0d: return '\\r'
    case 0x5c: return '\\\\'
  }
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return '\\x' + code.toString(16).padStart(2, '0')
  if (code === 0x2028 || code === 0x2029 || (code >= 0xd800 && code <= 0xdfff)) return '\\u' + code.toString(16)
  return char
}
