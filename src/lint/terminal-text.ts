import {visible} from '../text/visible.js'

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udfff]/u

/**
 * Messages quote config text (patterns, names), which is untrusted. visible() also
 * doubles every backslash so its escapes stay unambiguous; regex patterns are full of
 * backslashes, so text without anything to escape is shown as written.
 */
export function terminalText(text: string): string {
  return CONTROL.test(text) ? visible(text) : text
}
