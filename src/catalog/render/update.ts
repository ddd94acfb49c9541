/**
 * Updating a page in place: the region between two marker comments is rewritten from
 * the catalogue, everything else is kept byte for byte.
 *
 *   Markdown:          <!-- metrics-catalog:start -->  …  <!-- metrics-catalog:end -->
 *   reStructuredText:  .. metrics-catalog:start        …  .. metrics-catalog:end
 *
 * Markers are whole lines (an RST comment starts at the margin; a marker inside a fenced
 * code block is an example, not a marker). Section titles in the region sit one level
 * below the heading the start marker is under: one more `#` in Markdown, and in RST the
 * adornment the page already uses for the next level (or one it does not use yet).
 */
import {UsageError} from '../../errors.js'
import {terminalText} from '../../text/visible.js'
import type {Catalog} from '../model.js'
import {scanMarkdown} from '../import/markdown.js'
import {scanRst} from '../import/rst.js'
import type {DocsFormat, HeadingStyle, RenderOptions} from './index.js'
import {renderBody} from './index.js'

export const MARKERS: Readonly<Record<DocsFormat, {readonly start: string; readonly end: string}>> = {
  md: {start: '<!-- metrics-catalog:start -->', end: '<!-- metrics-catalog:end -->'},
  rst: {start: '.. metrics-catalog:start', end: '.. metrics-catalog:end'},
}

const MARKER_LINE: Readonly<Record<DocsFormat, RegExp>> = {
  md: /^[ \t]*<!--[ \t]*metrics-catalog:(start|end)[ \t]*-->[ \t]*$/,
  rst: /^\.\.[ \t]+metrics-catalog:(start|end)[ \t]*$/,
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/

/** RST adornments for a level the page does not use yet, in the order Python's docs suggest them. */
const SPARE_ADORNMENTS = ['-', '~', '^', '"', "'", '`', ':', '.', '_', '*', '+', '#', '=']

export interface PageUpdate {
  /** The whole page, with the region rewritten. */
  readonly text: string
  readonly changed: boolean
  /** 1-based lines of the two markers in the page as it was. */
  readonly startLine: number
  readonly endLine: number
}

export function updatePage(page: string, pageName: string, catalog: Catalog, options: RenderOptions): PageUpdate {
  const lines = page.split(/(?<=\n)/)
  const {start, end} = findMarkers(lines, pageName, options.format)
  const head = lines.slice(0, start).join('')
  const after = lines.slice(end).join('')
  const eol = lines[start].endsWith('\r\n') ? '\r\n' : '\n'
  const style = regionHeadingStyle(head, after, options.format)
  const body = renderBody(catalog, options, style).replace(/\n/g, eol)
  const startLine = lines[start].endsWith('\n') ? lines[start] : lines[start] + eol
  const text = head + startLine + (body === '' ? '' : eol + body + eol) + after
  return {text, changed: text !== page, startLine: start + 1, endLine: end + 1}
}

function findMarkers(lines: readonly string[], pageName: string, format: DocsFormat): {start: number; end: number} {
  const found: {kind: 'start' | 'end'; index: number}[] = []
  let fence: string | undefined
  lines.forEach((raw, index) => {
    const line = raw.replace(/\r?\n$/, '')
    if (format === 'md') {
      const open = FENCE.exec(line)?.[1]
      if (fence !== undefined) {
        if (open !== undefined && open[0] === fence[0] && open.length >= fence.length && line.trim() === open) fence = undefined
        return
      }
      if (open !== undefined) {
        fence = open
        return
      }
    }
    const marker = MARKER_LINE[format].exec(line)?.[1]
    if (marker === 'start' || marker === 'end') found.push({kind: marker, index})
  })
  const name = terminalText(pageName)
  const {start: startMarker, end: endMarker} = MARKERS[format]
  const hint = `put "${startMarker}" and "${endMarker}" on lines of their own where the tables go`
  const starts = found.filter(marker => marker.kind === 'start')
  const ends = found.filter(marker => marker.kind === 'end')
  if (starts.length === 0 || ends.length === 0) {
    const missing = starts.length === 0 && ends.length === 0 ? 'has no metrics-catalog markers' : `has no "${starts.length === 0 ? startMarker : endMarker}" marker`
    throw new UsageError(`${name} ${missing}`, hint)
  }
  if (starts.length > 1) throw new UsageError(`${name}:${starts[1].index + 1}: a second "${startMarker}" marker (the first is on line ${starts[0].index + 1})`, 'keep one pair of markers')
  if (ends.length > 1) throw new UsageError(`${name}:${ends[1].index + 1}: a second "${endMarker}" marker (the first is on line ${ends[0].index + 1})`, 'keep one pair of markers')
  if (ends[0].index < starts[0].index) throw new UsageError(`${name}:${ends[0].index + 1}: "${endMarker}" comes before "${startMarker}" (line ${starts[0].index + 1})`, hint)
  return {start: starts[0].index, end: ends[0].index}
}

/** Titles in the region one level below the heading the region is under. */
function regionHeadingStyle(before: string, after: string, format: DocsFormat): HeadingStyle {
  if (format === 'md') {
    const headings = scanMarkdown(before).blocks.filter(block => block.kind === 'heading')
    const last = headings[headings.length - 1]
    return {format: 'md', depth: Math.min(6, (last?.kind === 'heading' ? last.depth : 1) + 1)}
  }
  // Styles in order of first use over the whole page but the region: that order is what gives each its level.
  const outside = scanRst(`${before}\n${after}`).blocks
  const styles: string[] = []
  for (const block of outside) if (block.kind === 'heading' && block.style !== undefined && !styles.includes(block.style)) styles.push(block.style)
  const above = scanRst(before).blocks.filter(block => block.kind === 'heading')
  const last = above[above.length - 1]
  const current = last?.kind === 'heading' ? last.style : undefined
  const next = current === undefined ? styles[0] : styles[styles.indexOf(current) + 1]
  if (next !== undefined) return {format: 'rst', char: next.slice(-1), overline: next.startsWith('over')}
  const used = new Set(styles.map(style => style.slice(-1)))
  return {format: 'rst', char: SPARE_ADORNMENTS.find(char => !used.has(char)) ?? '-', overline: false}
}
