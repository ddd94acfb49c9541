/**
 * Catalogue text (Markdown inline: code spans, emphasis, backslash escapes) written
 * into table cells of either format, so that the importer reads back the same text:
 *
 * - Markdown: as it is, with `|` escaped (GitHub requires it inside code spans too).
 * - reStructuredText: code spans become ``literals`` (`:literal:` with escapes where the
 *   text holds "``" or a backtick at its edge), joined to neighbouring words with an
 *   escaped space as RST's inline-markup rules need; `|` (substitution references) and a
 *   word-final `_` (hyperlink references) are escaped; `\<` becomes `<`, which needs no
 *   escape in RST; a paragraph that would start a comment (`..`) is escaped.
 */
import {codeSpan, scanInline} from '../import/inline.js'

export function markdownCellText(text: string): string {
  return text.replace(/\|/g, '\\|')
}

/** A name or tag written as code in a Markdown cell. */
export function markdownCode(text: string): string {
  return markdownCellText(codeSpan(text))
}

/** A name or tag written as code in reStructuredText. */
export function rstCode(text: string): string {
  if (/^\S(?:.*\S)?$/s.test(text) && !text.includes('``') && !text.startsWith('`') && !text.endsWith('`')) return `\`\`${text}\`\``
  return `:literal:\`${text.replace(/[\\`]/g, '\\$&')}\``
}

const WORD = /[\p{L}\p{N}]/u

/** One paragraph of catalogue text as reStructuredText. */
export function rstText(text: string): string {
  let out = ''
  for (const token of scanInline(text, 'md')) {
    if (token.kind !== 'code') {
      out += token.text
        .replace(/\\<|\|/g, match => (match === '|' ? '\\|' : '<'))
        .replace(/(?<=[\p{L}\p{N}])_(?![\p{L}\p{N}])/gu, '\\_')
      continue
    }
    const before = text[token.offset - 1]
    const after = text[token.end]
    // Inline markup must stand after whitespace or punctuation, and before it: an escaped space joins it to a word.
    const joinBefore = before !== undefined && (WORD.test(before) || before === '`') ? '\\ ' : ''
    const joinAfter = after !== undefined && (WORD.test(after) || after === '`') ? '\\ ' : ''
    out += joinBefore + rstCode(token.text) + joinAfter
  }
  return out.startsWith('..') ? `\\${out}` : out
}
