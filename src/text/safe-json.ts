/**
 * JSON that is safe to print on a terminal. JSON.stringify escapes C0 controls and lone
 * surrogates, but leaves raw DEL, the C1 controls (U+009B is a one-byte CSI to some
 * terminals), the line separators and the invisible characters visible() escapes (bidi
 * controls reorder what a terminal shows). They are escaped too, as `\u202e` (a character
 * past U+FFFF as its surrogate pair), which changes no value: what any JSON or YAML
 * reader gets back is the same string.
 */
import {INVISIBLE} from './visible.js'

// INVISIBLE holds C0 controls and surrogates too: JSON.stringify leaves none of them raw.
const ALL_INVISIBLE = new RegExp(INVISIBLE.source, 'gu')

/** `json` as JSON.stringify wrote it, with the characters above escaped. */
export function safeJson(json: string): string {
  return INVISIBLE.test(json) ? json.replace(ALL_INVISIBLE, escapeUnits) : json
}

/** `\uXXXX` for each UTF-16 unit of the character: JSON has no escape for a code point past U+FFFF. */
function escapeUnits(char: string): string {
  let out = ''
  for (let i = 0; i < char.length; i++) out += '\\u' + char.charCodeAt(i).toString(16).padStart(4, '0')
  return out
}
