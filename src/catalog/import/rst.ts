/**
 * reStructuredText, read into blocks: section titles (underlined, or over- and
 * underlined; levels in order of first appearance, as docutils assigns them), grid and
 * simple tables, list items, paragraphs and definition-list terms. Literal blocks (after
 * `::`), code directives and comments are left out; the content of admonitions and of the
 * `table` directive is read like the rest. `list-table` and `csv-table` are not read and
 * say so.
 */
import type {DocBlock, ScannedDocument} from './blocks.js'
import {paragraphBlock} from './blocks.js'
import {isGridBorder, scanGridTable} from './grid-table.js'
import type {ImportProblem} from './problem.js'
import {isSimpleBorder, scanSimpleTable} from './simple-table.js'
import type {SourceLine} from './source.js'
import {TextRun, indentOf, sourceLines} from './source.js'

const ADORNMENT = /^([!-/:-@[-`{-~])\1+$/
/** Directives whose content is reStructuredText like the rest of the page. */
const READ_DIRECTIVES = new Set([
  'note', 'warning', 'tip', 'hint', 'important', 'attention', 'caution', 'danger', 'error', 'admonition', 'seealso',
  'table', 'container', 'topic', 'sidebar', 'only', 'versionadded', 'versionchanged', 'deprecated', 'rst-class', 'compound',
])
const UNREAD_TABLE_DIRECTIVES = new Set(['list-table', 'csv-table'])
/** `\u2022` is •, escaped for the fast path's ASCII bundle. */
const LIST_MARKER = /^(?:[-*+\u2022]|\d+[.)]|#\.)(?: +|$)/

export const RST_TAB_SIZE = 8

export function scanRst(text: string): ScannedDocument {
  const lines = sourceLines(text, RST_TAB_SIZE)
  const blocks: DocBlock[] = []
  const problems: ImportProblem[] = []
  const styles: string[] = []
  const heading = (title: string, style: string, line: number) => {
    if (!styles.includes(style)) styles.push(style)
    blocks.push({kind: 'heading', title: title.trim(), depth: styles.indexOf(style) + 1, line, style})
  }
  const paragraph = (run: TextRun, indent: number, listItem: boolean) => {
    const block = paragraphBlock(run, 'rst', indent, {listItem})
    if (block) blocks.push(block)
  }

  let i = 0
  while (i < lines.length) {
    const line = lines[i]
    if (line.text === '') {
      i++
      continue
    }
    const indent = indentOf(line.text)
    const trimmed = line.text.slice(indent)
    const previousBlank = i === 0 || lines[i - 1].text === ''

    const overlined = overlineTitle(lines, i)
    if (overlined !== undefined && previousBlank) {
      heading(lines[i + 1].text, `over${trimmed[0]}`, lines[i + 1].line)
      i += 3
      continue
    }
    if (indent === 0 && previousBlank && isUnderline(lines[i + 1], trimmed)) {
      heading(trimmed, `under${lines[i + 1].text[0]}`, line.line)
      i += 2
      continue
    }
    if (isGridBorder(trimmed)) {
      const {table, next} = scanGridTable(lines, i)
      blocks.push({kind: 'table', table})
      i = next
      continue
    }
    if (isSimpleBorder(trimmed)) {
      const {table, next} = scanSimpleTable(lines, i)
      blocks.push({kind: 'table', table})
      i = next
      continue
    }
    if (/^\.\.(?:\s|$)/.test(trimmed)) {
      const directive = /^\.\.\s+([\w:+-]+?)::(?:\s|$)/.exec(trimmed)?.[1]
      if (directive !== undefined && READ_DIRECTIVES.has(directive)) {
        i++
        continue
      }
      if (directive !== undefined && UNREAD_TABLE_DIRECTIVES.has(directive)) {
        problems.push({line: line.line, column: indent + 1, message: `a "${directive}" directive is not read; write the table as a grid or simple table`})
      }
      i = skipDeeper(lines, i + 1, indent)
      continue
    }
    const marker = LIST_MARKER.exec(trimmed)
    if (marker) {
      const contentIndent = indent + marker[0].length
      let end = i + 1
      while (end < lines.length && lines[end].text !== '' && indentOf(lines[end].text) >= contentIndent) end++
      const pieces = [{text: trimmed.slice(marker[0].length), at: {line: line.line, column: contentIndent + 1}}]
      for (const next of lines.slice(i + 1, end)) pieces.push({text: next.text.slice(contentIndent), at: {line: next.line, column: contentIndent + 1}})
      paragraph(new TextRun(pieces), indent, true)
      i = end
      continue
    }

    let end = i + 1
    while (end < lines.length && lines[end].text !== '' && indentOf(lines[end].text) === indent) end++
    const body = lines.slice(i, end)
    const last = body[body.length - 1].text
    if (last.endsWith('::')) {
      // A literal block follows: keep the paragraph's text (`Text::` reads `Text:`), skip the block.
      const kept = body.slice(0, -1).concat({...body[body.length - 1], text: last.replace(/\s*::$/, last.trim() === '::' ? '' : ':')})
      paragraph(TextRun.fromLines(kept, indent), indent, false)
      const nextIndex = nextNonBlank(lines, end)
      i = nextIndex < lines.length && indentOf(lines[nextIndex].text) > indent ? skipDeeper(lines, nextIndex, indent) : end
      continue
    }
    paragraph(TextRun.fromLines(body, indent), indent, false)
    i = end
  }
  return {flavour: 'rst', blocks, problems}
}

function overlineTitle(lines: readonly SourceLine[], i: number): string | undefined {
  const [over, title, under] = [lines[i], lines[i + 1], lines[i + 2]]
  if (over === undefined || title === undefined || under === undefined) return undefined
  if (!ADORNMENT.test(over.text) || title.text.trim() === '' || ADORNMENT.test(title.text.trim()) || under.text !== over.text) return undefined
  return title.text
}

/** docutils takes a shorter underline for a title only from 4 characters on. */
function isUnderline(next: SourceLine | undefined, title: string): boolean {
  if (next === undefined || !ADORNMENT.test(next.text) || ADORNMENT.test(title)) return false
  return next.text.length >= title.length || next.text.length >= 4
}

function nextNonBlank(lines: readonly SourceLine[], from: number): number {
  let i = from
  while (i < lines.length && lines[i].text === '') i++
  return i
}

/** The index after the lines indented deeper than `indent` (blank lines among them included). */
function skipDeeper(lines: readonly SourceLine[], from: number, indent: number): number {
  let i = from
  while (i < lines.length && (lines[i].text === '' || indentOf(lines[i].text) > indent)) i++
  return i
}
