/**
 * Inline markup of the two formats, as far as the importers need it: code (where metric
 * names are written) and everything else as text. Descriptions are kept in the
 * catalogue as Markdown inline text, the form a YAML reader expects: reStructuredText's
 * ``literals`` become `code spans`, roles and links become their text.
 */

export type Inline =
  /** ``x`` in reStructuredText (also :code:`x`, :literal:`x`), `x` in Markdown. */
  | {readonly kind: 'code'; readonly text: string; readonly offset: number; readonly end: number}
  /**
   * reStructuredText's `x` with no role, the default role: docs use it for names too
   * (`api_type`), so it reads as code; with a role (:term:`x`) or as a link it reads as text.
   */
  | {readonly kind: 'interpreted'; readonly text: string; readonly offset: number; readonly end: number; readonly plain: boolean}
  | {readonly kind: 'text'; readonly text: string; readonly offset: number; readonly end: number}

export type Flavour = 'rst' | 'md'

export function scanInline(text: string, flavour: Flavour): Inline[] {
  return flavour === 'rst' ? scanRst(text) : scanMarkdown(text)
}

/**
 * What may stand right before inline markup, and right after it (docutils' rules,
 * simplified). Quotes and marks beyond ASCII as escapes (‘ “ ’ « ¡ ¿ and ’ ” »): the fast
 * path's bundle must be ASCII, and esbuild leaves regex literals as written.
 */
const RST_BEFORE = /[\s'"([{<\-/:\u2018\u201c\u2019\u00ab\u00a1\u00bf]/u
const RST_AFTER = /[\s'")\]}>\-/:.,;!?\\\u2019\u201d\u00bb]/u
const ROLE = /^:([\w.+-]+):`/
const LITERAL_ROLES = new Set(['code', 'literal', 'samp', 'file', 'command'])

function scanRst(text: string): Inline[] {
  const tokens: Inline[] = []
  let textStart = 0
  const flushText = (end: number) => {
    if (end > textStart) tokens.push({kind: 'text', text: text.slice(textStart, end), offset: textStart, end})
  }
  let literalEnds: RstEnds | undefined
  let interpretedEnds: RstEnds | undefined
  let i = 0
  while (i < text.length) {
    const char = text[i]
    if (char === '\\') {
      i += 2
      continue
    }
    // Markup starts with a backtick, or a colon for a role: nothing else needs a look.
    if (char !== '`' && char !== ':') {
      i++
      continue
    }
    const startOk = i === 0 || RST_BEFORE.test(text[i - 1])
    if (startOk && text.startsWith('``', i) && text[i + 2] !== undefined && !/\s/.test(text[i + 2])) {
      literalEnds ??= new RstEnds(text, '``')
      const close = literalEnds.from(i + 2)
      if (close >= 0) {
        flushText(i)
        tokens.push({kind: 'code', text: text.slice(i + 2, close), offset: i, end: close + 2})
        i = textStart = close + 2
        continue
      }
    }
    const role = startOk && char === ':' ? ROLE.exec(text.slice(i, i + 40)) : null
    if ((role || (startOk && char === '`')) && !text.startsWith('``', i)) {
      const open = role ? i + role[0].length : i + 1
      interpretedEnds ??= new RstEnds(text, '`')
      const close = interpretedEnds.from(open)
      if (close >= 0 && close > open) {
        const link = /^_{1,2}/.exec(text.slice(close + 1, close + 3))?.[0] ?? ''
        const content = text.slice(open, close)
        flushText(i)
        const end = close + 1 + link.length
        if (role && LITERAL_ROLES.has(role[1])) tokens.push({kind: 'code', text: content.replace(/\\(.)/gsu, '$1'), offset: i, end})
        else tokens.push({kind: 'interpreted', text: role || link ? linkText(content) : content, offset: i, end, plain: !role && !link})
        i = textStart = end
        continue
      }
    }
    i++
  }
  flushText(text.length)
  return tokens
}

/**
 * Where inline markup may end: a marker not preceded by whitespace and followed by what
 * may follow markup. Found in one pass over the text and handed out in increasing order,
 * as the scanner asks for them, so that text full of unclosed markup stays linear.
 */
class RstEnds {
  private readonly ends: number[] = []
  private next = 0

  constructor(text: string, marker: string) {
    let at = text.indexOf(marker)
    while (at >= 0) {
      const after = text[at + marker.length]
      const escaped = marker === '`' && text[at - 1] === '\\'
      const doubled = marker === '`' && after === '`'
      if (!/\s/.test(text[at - 1] ?? ' ') && !escaped && !doubled && (after === undefined || after === '_' || RST_AFTER.test(after))) this.ends.push(at)
      at = text.indexOf(marker, at + (doubled ? 2 : 1))
    }
  }

  /** The first end at or after `from` (never smaller than any asked before), or -1. */
  from(from: number): number {
    while (this.next < this.ends.length && this.ends[this.next] < from) this.next++
    return this.ends[this.next] ?? -1
  }
}

/** `text <target>` as a role or link shows `text`. */
function linkText(content: string): string {
  const target = /^(.*?)\s*<[^<>]*>$/su.exec(content)
  return target && target[1] !== '' ? target[1] : content
}

function scanMarkdown(text: string): Inline[] {
  const tokens: Inline[] = []
  let textStart = 0
  let i = 0
  while (i < text.length) {
    if (text[i] === '\\') {
      i += 2
      continue
    }
    if (text[i] !== '`') {
      i++
      continue
    }
    let fence = 0
    while (text[i + fence] === '`') fence++
    const close = findClosingFence(text, i + fence, fence)
    if (close < 0) {
      i += fence
      continue
    }
    if (i > textStart) tokens.push({kind: 'text', text: text.slice(textStart, i), offset: textStart, end: i})
    let content = text.slice(i + fence, close).replace(/\n/g, ' ')
    if (content.length > 1 && content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '') content = content.slice(1, -1)
    tokens.push({kind: 'code', text: content, offset: i, end: close + fence})
    i = textStart = close + fence
  }
  if (text.length > textStart) tokens.push({kind: 'text', text: text.slice(textStart), offset: textStart, end: text.length})
  return tokens
}

function findClosingFence(text: string, from: number, fence: number): number {
  let i = from
  while (i < text.length) {
    if (text[i] !== '`') {
      i++
      continue
    }
    let run = 0
    while (text[i + run] === '`') run++
    if (run === fence) return i
    i += run
  }
  return -1
}

/** A Markdown code span holding `content` exactly: a fence longer than any backtick run inside. */
export function codeSpan(content: string): string {
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map(run => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = content.startsWith('`') || content.endsWith('`') || (content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '') ? ' ' : ''
  return `${fence}${pad}${content}${pad}${fence}`
}

/**
 * Inline content as catalogue text (Markdown inline): one paragraph, whitespace
 * collapsed. reStructuredText escapes that Markdown does not need are dropped, and a
 * `<` that Markdown would take for an HTML tag is escaped.
 */
export function catalogText(tokens: readonly Inline[], flavour: Flavour): string {
  let out = ''
  for (const token of tokens) {
    if (token.kind === 'code' || (token.kind === 'interpreted' && token.plain)) out += codeSpan(token.text.replace(/\s+/g, ' '))
    else if (token.kind === 'interpreted') out += token.text
    else out += flavour === 'rst' ? rstTextToMarkdown(token.text) : markdownText(token.text)
  }
  return out.replace(/\s+/g, ' ').trim()
}

/**
 * The inverse of the reStructuredText renderer's escaping (src/catalog/render/inline.ts):
 * `\|` and a word-final `\_` are plain characters in Markdown, an escaped space is
 * nothing, and a `<` that starts something tag-like is escaped for Markdown.
 */
function rstTextToMarkdown(text: string): string {
  return text.replace(/\\(\s)|\\\||\\_(?![\p{L}\p{N}])|\\<|\\.|<(?=[A-Za-z/!?])/gsu, (match: string) => {
    if (/^\\\s$/u.test(match)) return ''
    if (match === '\\|' || match === '\\_') return match[1]
    if (match === '\\<' || match === '<') return '\\<'
    return match
  })
}

/** Markdown text as written, with line breaks (`<br>`) as spaces. */
function markdownText(text: string): string {
  return text.replace(/<br\s*\/?>/giu, ' ')
}
