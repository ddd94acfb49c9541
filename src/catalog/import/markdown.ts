/**
 * Markdown (CommonMark with GitHub's pipe tables), read into blocks: ATX (`## Counters`)
 * and setext headings, pipe tables, list items, paragraphs, definition-list lines
 * (`: definition` under a term, as Pandoc and PHP Markdown Extra write them) and indented
 * blocks. Fenced code and HTML comments are left out.
 */
import type {DocBlock, ScannedDocument} from './blocks.js'
import {paragraphBlock} from './blocks.js'
import {isPipeTableStart, scanPipeTable} from './pipe-table.js'
import type {SourceLine} from './source.js'
import {TextRun, indentOf, sourceLines} from './source.js'

const FENCE = /^ {0,3}(`{3,}|~{3,})/
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/
const LIST_MARKER = /^([-*+]|\d{1,9}[.)])(?: +|$)/
const THEMATIC_BREAK = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/
const DEFINITION = /^:[ \t]+/

export const MARKDOWN_TAB_SIZE = 4

export function scanMarkdown(text: string): ScannedDocument {
  const lines = sourceLines(text, MARKDOWN_TAB_SIZE)
  const blocks: DocBlock[] = []
  const paragraph = (run: TextRun, indent: number, options: {listItem?: boolean; code?: boolean} = {}) => {
    const block = paragraphBlock(run, 'md', indent, options)
    if (block) blocks.push(block)
  }
  /** Indentation at which the current list item's content sits; deeper blocks belong to it. */
  let listContent: number | undefined

  let i = 0
  while (i < lines.length) {
    const line = lines[i]
    if (line.text === '') {
      i++
      continue
    }
    const indent = indentOf(line.text)
    const trimmed = line.text.slice(indent)
    if (listContent !== undefined && indent < listContent && !LIST_MARKER.test(trimmed)) listContent = undefined

    const fence = FENCE.exec(line.text)
    if (fence) {
      const closing = new RegExp(`^ {0,3}${fence[1][0] === '`' ? '`' : '~'}{${fence[1].length},}[ \\t]*$`)
      i++
      while (i < lines.length && !closing.test(lines[i].text)) i++
      i++
      continue
    }
    if (trimmed.startsWith('<!--')) {
      while (i < lines.length && !lines[i].text.includes('-->')) i++
      i++
      continue
    }
    const atx = indent <= 3 ? ATX.exec(line.text) : null
    if (atx) {
      blocks.push({kind: 'heading', title: (atx[2] ?? '').trim(), depth: atx[1].length, line: line.line})
      i++
      continue
    }
    if (isPipeTableStart(lines, i)) {
      const {table, next} = scanPipeTable(lines, i)
      blocks.push({kind: 'table', table})
      i = next
      continue
    }
    if (THEMATIC_BREAK.test(line.text)) {
      i++
      continue
    }
    const marker = LIST_MARKER.exec(trimmed)
    if (marker) {
      const contentIndent = indent + marker[0].length
      const end = paragraphEnd(lines, i + 1)
      const pieces = [{text: trimmed.slice(marker[0].length), at: {line: line.line, column: contentIndent + 1}}]
      for (const next of lines.slice(i + 1, end)) pieces.push({text: next.text.trimStart(), at: {line: next.line, column: indentOf(next.text) + 1}})
      paragraph(new TextRun(pieces), indent, {listItem: true})
      listContent = contentIndent
      i = end
      continue
    }
    const definition = DEFINITION.exec(trimmed)
    if (definition) {
      // `: text` under a term: the term's definition, read as text indented under it.
      const end = paragraphEnd(lines, i + 1)
      const pieces = [{text: trimmed.slice(definition[0].length), at: {line: line.line, column: indent + definition[0].length + 1}}]
      for (const next of lines.slice(i + 1, end)) pieces.push({text: next.text.trimStart(), at: {line: next.line, column: indentOf(next.text) + 1}})
      paragraph(new TextRun(pieces), indent + 1)
      i = end
      continue
    }
    const code = indent >= 4 && (listContent === undefined || indent < listContent)
    const end = code ? indentedEnd(lines, i) : paragraphEnd(lines, i + 1)
    const underline = lines[end]
    if (!code && underline !== undefined && SETEXT.test(underline.text) && indentOf(underline.text) <= 3) {
      const title = lines.slice(i, end).map(l => l.text.trim()).join(' ')
      blocks.push({kind: 'heading', title, depth: underline.text.trim().startsWith('=') ? 1 : 2, line: line.line})
      i = end + 1
      continue
    }
    const body = lines.slice(i, end)
    paragraph(new TextRun(body.map(l => ({text: code ? l.text.slice(indent) : l.text.trimStart(), at: {line: l.line, column: (code ? indent : indentOf(l.text)) + 1}}))), indent, {code})
    i = end
  }
  return {flavour: 'md', blocks, problems: []}
}

/** Where a paragraph that goes on at `from` ends: a blank line, or a line that starts another block. */
function paragraphEnd(lines: readonly SourceLine[], from: number): number {
  let i = from
  while (i < lines.length) {
    const text = lines[i].text
    const trimmed = text.trimStart()
    if (text === '' || FENCE.test(text) || ATX.test(text) || SETEXT.test(text) || LIST_MARKER.test(trimmed) || DEFINITION.test(trimmed) || trimmed.startsWith('<!--') || isPipeTableStart(lines, i)) break
    i++
  }
  return i
}

/** An indented block: lines indented at least as deep, or blank, up to the last such line. */
function indentedEnd(lines: readonly SourceLine[], from: number): number {
  const indent = indentOf(lines[from].text)
  let i = from + 1
  while (i < lines.length && lines[i].text !== '' && indentOf(lines[i].text) >= indent) i++
  return i
}
