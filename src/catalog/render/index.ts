/**
 * A catalogue as documentation: Markdown pipe tables or reStructuredText grid tables,
 * one section per type ("Counters", "Gauges", …) or per first name segment. Pure and
 * deterministic: the same catalogue gives the same bytes.
 *
 * What is written is what the importer reads back (import → docs → import gives the
 * same catalogue, but for `source` and `guessed`): the statsd prefix in a sentence that
 * names it in code, declared placeholders in a "Placeholders" table, full wire names in
 * code, tags in the importer's `key:value` notation with "(optional)" and their
 * description, deprecation as a first paragraph `**Deprecated** (use `x`): note`.
 */
import type {Catalog, MetricEntry, Placeholder, StatsdType, TagSpec} from '../model.js'
import {STATSD_TYPES} from '../model.js'
import {formatSegment, joinTemplates} from '../template.js'
import {TYPE_SECTION_TITLES} from '../import/types.js'
import {markdownCellText, markdownCode, rstCode, rstText} from './inline.js'
import type {Cell, Column} from './tables.js'
import {gridTable, markdownTable} from './tables.js'

export type DocsFormat = 'md' | 'rst'
export type GroupBy = 'type' | 'segment'

/** How section titles are written: a Markdown heading depth, or an RST adornment. */
export type HeadingStyle = {readonly format: 'md'; readonly depth: number} | {readonly format: 'rst'; readonly char: string; readonly overline: boolean}

export interface RenderOptions {
  readonly format: DocsFormat
  readonly groupBy: GroupBy
}

const TITLE = 'Metrics'
const WRAP_DESCRIPTION = 64
const WRAP_TAGS = 48

/** A whole page: a title, then the catalogue. */
export function renderDocument(catalog: Catalog, options: RenderOptions): string {
  const title = options.format === 'md' ? [`# ${TITLE}`] : ['='.repeat(TITLE.length), TITLE, '='.repeat(TITLE.length)]
  const style: HeadingStyle = options.format === 'md' ? {format: 'md', depth: 2} : {format: 'rst', char: '-', overline: false}
  return [...title, '', renderBody(catalog, options, style)].join('\n')
}

/**
 * The catalogue without a title, its sections written in `style`: what goes between the
 * markers of a page updated in place. Ends with a newline; '' for an empty catalogue.
 */
export function renderBody(catalog: Catalog, options: RenderOptions, style: HeadingStyle): string {
  const blocks: string[][] = []
  const code = options.format === 'md' ? markdownCode : rstCode
  if (catalog.prefix !== undefined) blocks.push([`Every name below starts with the statsd prefix ${code(catalog.prefix.text)}.`])
  if (catalog.placeholders.length > 0) blocks.push(heading('Placeholders', style), placeholderTable(catalog.placeholders, options.format))
  for (const group of groups(catalog, options.groupBy)) {
    blocks.push(heading(options.groupBy === 'type' ? group.title : code(group.title), style), metricTable(catalog, group.entries, options))
  }
  return blocks.length === 0 ? '' : blocks.map(block => block.join('\n')).join('\n\n') + '\n'
}

function heading(title: string, style: HeadingStyle): string[] {
  if (style.format === 'md') return [`${'#'.repeat(style.depth)} ${title}`]
  const rule = style.char.repeat(Math.max(title.length, 3))
  return style.overline ? [rule, title, rule] : [title, rule]
}

interface Group {
  readonly title: string
  readonly entries: readonly MetricEntry[]
}

/** By type in the order of STATSD_TYPES (untyped last), or by first segment in code-point order; entries in catalogue order. */
function groups(catalog: Catalog, groupBy: GroupBy): Group[] {
  if (groupBy === 'type') {
    const order: StatsdType[] = [...STATSD_TYPES.filter(type => type !== 'unknown'), 'unknown']
    return order
      .map(type => ({title: TYPE_SECTION_TITLES[type], entries: catalog.metrics.filter(entry => entry.type === type)}))
      .filter(group => group.entries.length > 0)
  }
  const bySegment = new Map<string, MetricEntry[]>()
  for (const entry of catalog.metrics) {
    const first = formatSegment(entry.name.segments[0])
    const group = bySegment.get(first)
    if (group === undefined) bySegment.set(first, [entry])
    else group.push(entry)
  }
  return [...bySegment.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(title => ({title, entries: bySegment.get(title) ?? []}))
}

interface Formatter {
  readonly code: (text: string) => string
  readonly text: (text: string) => string
}

const FORMATTERS: Readonly<Record<DocsFormat, Formatter>> = {
  md: {code: markdownCode, text: markdownCellText},
  rst: {code: rstCode, text: rstText},
}

/** Catalogue text as cell paragraphs. */
const paragraphs = (text: string | undefined, format: Formatter): string[] =>
  text === undefined ? [] : text.split(/\n\s*\n/).map(paragraph => format.text(paragraph.replace(/\s+/g, ' ').trim())).filter(paragraph => paragraph !== '')

function metricTable(catalog: Catalog, entries: readonly MetricEntry[], options: RenderOptions): string[] {
  const format = FORMATTERS[options.format]
  const description = {title: 'Description', wrap: WRAP_DESCRIPTION, separator: '<br><br>'}
  const columns: {column: Column; cell: (entry: MetricEntry) => Cell}[] = [
    {column: {title: 'Name', separator: ' '}, cell: entry => [format.code(joinTemplates(catalog.prefix, entry.name).text)]},
  ]
  if (options.groupBy === 'segment') columns.push({column: {title: 'Type', separator: ' '}, cell: entry => [typeWord(entry.type)]})
  if (entries.some(entry => entry.tags.length > 0)) columns.push({column: {title: 'Tags', wrap: WRAP_TAGS, separator: '<br>'}, cell: entry => entry.tags.map(tag => tagGroup(tag, format))})
  if (entries.some(entry => entry.unit !== undefined)) columns.push({column: {title: 'Unit', separator: ' '}, cell: entry => paragraphs(entry.unit, format)})
  if (entries.some(entry => entry.owner !== undefined)) columns.push({column: {title: 'Owner', separator: ' '}, cell: entry => paragraphs(entry.owner, format)})
  if (entries.some(entry => entry.description !== undefined || entry.deprecated !== undefined)) {
    columns.push({column: description, cell: entry => [...deprecation(entry, format), ...paragraphs(entry.description, format)]})
  }
  const rows = entries.map(entry => columns.map(({cell}) => cell(entry)))
  return (options.format === 'md' ? markdownTable : gridTable)(
    columns.map(({column}) => column),
    rows,
  )
}

function typeWord(type: StatsdType): string {
  return type === 'unknown' ? 'untyped' : type
}

/** `` `key:a`, `key:b` (optional): description `` */
function tagGroup(tag: TagSpec, format: Formatter): string {
  const items = tag.placeholder !== undefined ? [`${tag.key}:<${tag.placeholder}>`] : tag.values !== undefined && tag.values.length > 0 ? tag.values.map(value => `${tag.key}:${value}`) : [tag.key]
  const optional = tag.optional ? ' (optional)' : ''
  const description = tag.description === undefined ? '' : `: ${format.text(tag.description.replace(/\s+/g, ' ').trim())}`
  return `${items.map(format.code).join(', ')}${optional}${description}`
}

function deprecation(entry: MetricEntry, format: Formatter): string[] {
  if (entry.deprecated === undefined) return []
  const replacement = entry.deprecated.replacement === undefined ? '' : ` (use ${codeSpanText(entry.deprecated.replacement)})`
  const note = entry.deprecated.note === undefined ? '' : `: ${entry.deprecated.note.replace(/\s+/g, ' ').trim()}`
  return [format.text(`**Deprecated**${replacement}${note}`)]
}

const codeSpanText = (text: string): string => `\`${text}\``

function placeholderTable(placeholders: readonly Placeholder[], formatName: DocsFormat): string[] {
  const format = FORMATTERS[formatName]
  const list = (items: readonly string[] | undefined) => (items === undefined || items.length === 0 ? [] : [items.map(format.code).join(', ')])
  const columns: {column: Column; cell: (placeholder: Placeholder) => Cell; used: boolean}[] = [
    {column: {title: 'Placeholder', separator: ' '}, cell: p => [format.code(`<${p.name}>`)], used: true},
    {column: {title: 'Segments', separator: ' '}, cell: p => list(p.segments), used: placeholders.some(p => p.segments !== undefined)},
    {column: {title: 'Values', wrap: WRAP_TAGS, separator: ' '}, cell: p => list(p.values), used: placeholders.some(p => p.values !== undefined)},
    {column: {title: 'Examples', wrap: WRAP_TAGS, separator: ' '}, cell: p => list(p.examples), used: placeholders.some(p => p.examples !== undefined)},
    {column: {title: 'Sensitive', separator: ' '}, cell: p => (p.sensitive ? ['yes'] : []), used: placeholders.some(p => p.sensitive === true)},
    {column: {title: 'Description', wrap: WRAP_DESCRIPTION, separator: '<br><br>'}, cell: p => paragraphs(p.description, format), used: placeholders.some(p => p.description !== undefined)},
  ]
  const used = columns.filter(column => column.used)
  const rows = placeholders.map(placeholder => used.map(({cell}) => cell(placeholder)))
  return (formatName === 'md' ? markdownTable : gridTable)(
    used.map(({column}) => column),
    rows,
  )
}
