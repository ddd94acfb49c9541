/**
 * What a table's columns mean, the same for grid, simple and pipe tables. With a header
 * row, by its words (Name/Metric, Type, Tags, Unit, Owner, Description; a table whose
 * first header is "Placeholder" declares placeholders); without one, the first column is
 * names when its cells read as names and the next is descriptions. A table that is about
 * something else (its first column is not names) is prose: not read, not a problem. A
 * column the importer does not read is a problem, since its cells would be lost.
 */
import type {Deprecation, Placeholder, StatsdType} from '../model.js'
import type {DocName} from './doc-name.js'
import {normalisePlaceholders} from './doc-name.js'
import type {TagDraft} from './draft.js'
import {descriptionOf, namesInCell, splitDeprecation, tagsInCell} from './cells.js'
import type {Flavour} from './inline.js'
import {catalogText, scanInline} from './inline.js'
import type {ImportProblem} from './problem.js'
import type {TextRun} from './source.js'
import type {ParsedTable, TableRow} from './table.js'
import {itemKind} from './types.js'

type MetricColumn = 'name' | 'type' | 'tags' | 'unit' | 'owner' | 'description'
type PlaceholderColumn = 'placeholder' | 'segments' | 'values' | 'examples' | 'sensitive' | 'description'

const METRIC_HEADERS: Readonly<Record<string, MetricColumn>> = {
  name: 'name', metric: 'name', 'metric name': 'name', metrics: 'name', 'statsd name': 'name', 'statsd metric': 'name', stat: 'name', 'stat name': 'name', key: 'name',
  type: 'type', kind: 'type', 'metric type': 'type', 'statsd type': 'type',
  tags: 'tags', tag: 'tags', labels: 'tags', dimensions: 'tags',
  unit: 'unit', units: 'unit',
  owner: 'owner', owners: 'owner', team: 'owner',
  description: 'description', desc: 'description', meaning: 'description', notes: 'description', note: 'description', details: 'description', explanation: 'description', purpose: 'description',
}
const PLACEHOLDER_HEADERS: Readonly<Record<string, PlaceholderColumn>> = {
  placeholder: 'placeholder', placeholders: 'placeholder',
  segments: 'segments', values: 'values', examples: 'examples', example: 'examples', sensitive: 'sensitive', description: 'description', meaning: 'description',
}
/** statsd's own type letters, as a Type column may give them. */
const TYPE_LETTERS: Readonly<Record<string, StatsdType>> = {c: 'counter', g: 'gauge', ms: 'timer', h: 'histogram', d: 'distribution', s: 'set'}

export interface MetricRow {
  readonly names: readonly DocName[]
  readonly type?: StatsdType
  readonly description?: string
  readonly deprecated?: Deprecation
  readonly unit?: string
  readonly owner?: string
  readonly tags: readonly TagDraft[]
  readonly repairs: readonly string[]
  readonly line: number
}

export type TableReading =
  | {readonly kind: 'metrics'; readonly rows: readonly MetricRow[]; readonly problems: readonly ImportProblem[]}
  | {readonly kind: 'placeholders'; readonly placeholders: readonly Placeholder[]; readonly problems: readonly ImportProblem[]}
  | {readonly kind: 'other'; readonly problems: readonly ImportProblem[]}

const headerWord = (run: TextRun, flavour: Flavour): string => catalogText(scanInline(run.text, flavour), flavour).replace(/[`*_]/g, '').trim().toLowerCase()

export function readTable(table: ParsedTable, flavour: Flavour): TableReading {
  const problems: ImportProblem[] = [...table.problems]
  const words = table.header?.cells.map(cell => headerWord(cell.run, flavour))
  if (words !== undefined && PLACEHOLDER_HEADERS[words[0]] === 'placeholder') return readPlaceholderTable(table, words, flavour, problems)

  const roles: (MetricColumn | undefined)[] = words?.map(word => METRIC_HEADERS[word]) ?? []
  if (!roles.includes('name')) {
    if (!firstColumnIsNames(table.rows, flavour)) return {kind: 'other', problems}
    roles[0] = 'name'
    if (words === undefined) {
      const width = table.rows[0]?.cells.length ?? 0
      for (let k = 1; k < width; k++) roles[k] = typeColumn(table.rows, k, flavour) ? 'type' : roles.includes('description') ? undefined : 'description'
    }
  }
  const width = Math.max(table.header?.cells.length ?? 0, ...table.rows.map(row => row.cells.length))
  for (let k = 0; k < width; k++) {
    if (roles[k] !== undefined) continue
    const cells = table.rows.map(row => row.cells[k]?.run.text.trim() ?? '')
    if (cells.every(cell => cell === '')) continue
    const label = words?.[k] ? `column "${words[k]}"` : `column ${k + 1}`
    problems.push({line: table.header?.line ?? table.line, message: `${label} is not read (the importer reads name, type, tags, unit, owner and description columns); its cells are lost`})
  }
  const rows: MetricRow[] = []
  for (const row of table.rows) {
    const read = readMetricRow(row, roles, flavour, problems)
    if (read !== undefined) rows.push(read)
  }
  return {kind: 'metrics', rows, problems}
}

/** How many first-column cells decide whether a table without a recognised header is about metrics. */
const NAME_SAMPLE = 20

/** A table without a recognised header is about metrics when most of its first-column cells (of the first few) read as names. */
function firstColumnIsNames(rows: readonly TableRow[], flavour: Flavour): boolean {
  const cells = rows.map(row => row.cells[0]?.run).filter((run): run is TextRun => run !== undefined && run.text.trim() !== '').slice(0, NAME_SAMPLE)
  if (cells.length === 0) return false
  const readable = cells.filter(run => {
    const {names, problems} = namesInCell(run, flavour)
    return problems.length === 0 && names.some(name => name.name !== undefined && (name.name.segments.length > 1 || name.tags.length > 0 || name.name.text.includes('<')))
  })
  return readable.length * 2 > cells.length
}

function typeColumn(rows: readonly TableRow[], k: number, flavour: Flavour): boolean {
  const cells = rows.map(row => row.cells[k]?.run).filter((run): run is TextRun => run !== undefined && run.text.trim() !== '')
  return cells.length > 0 && cells.every(run => typeOfCell(headerWord(run, flavour)) !== undefined)
}

function typeOfCell(word: string): StatsdType | undefined {
  const letter = TYPE_LETTERS[word]
  if (letter !== undefined) return letter
  const kind = itemKind(word)
  return kind?.kind === 'metric' ? kind.type : undefined
}

function readMetricRow(row: TableRow, roles: readonly (MetricColumn | undefined)[], flavour: Flavour, problems: ImportProblem[]): MetricRow | undefined {
  const cell = (role: MetricColumn): TextRun | undefined => {
    const k = roles.indexOf(role)
    return k < 0 ? undefined : row.cells[k]?.run
  }
  if (row.cells.every(c => c.run.text.trim() === '')) return undefined
  const nameRun = cell('name')
  if (nameRun === undefined || nameRun.text.trim() === '') {
    problems.push({line: row.line, message: 'a table row with no name; it is not imported'})
    return undefined
  }
  const {names, problems: nameProblems} = namesInCell(nameRun, flavour)
  problems.push(...nameProblems)
  if (names.length === 0) return undefined

  let type: StatsdType | undefined
  const typeRun = cell('type')
  const typeWord = typeRun === undefined ? '' : headerWord(typeRun, flavour)
  if (typeRun !== undefined && typeWord !== '') {
    type = typeOfCell(typeWord)
    if (type === undefined) problems.push({...typeRun.positionAt(0), message: `${JSON.stringify(typeWord)} is not a statsd type (counter, gauge, timer, histogram, distribution, set, untyped); the type is left unknown`})
  }
  const tagsRun = cell('tags')
  const tags = tagsRun === undefined ? {tags: [], repairs: [], problems: []} : tagsInCell(tagsRun, flavour)
  problems.push(...tags.problems)
  const {description, deprecated} = splitDeprecation(descriptionOf(cell('description')?.text ?? '', flavour))
  return {
    names,
    ...(type === undefined ? {} : {type}),
    ...(description === undefined ? {} : {description}),
    ...(deprecated === undefined ? {} : {deprecated}),
    ...optionalText('unit', cell('unit'), flavour),
    ...optionalText('owner', cell('owner'), flavour),
    tags: tags.tags,
    repairs: [...names.flatMap(name => name.repairs), ...tags.repairs],
    line: row.line,
  }
}

/** A short text cell (unit, owner) as plain text: a code span around all of it is dropped. */
function optionalText<K extends string>(key: K, run: TextRun | undefined, flavour: Flavour): Partial<Record<K, string>> {
  const text = run === undefined ? undefined : descriptionOf(run.text, flavour)?.replace(/^`([^`]*)`$/, '$1')
  return text === undefined ? {} : ({[key]: text} as Partial<Record<K, string>>)
}

function readPlaceholderTable(table: ParsedTable, words: readonly string[], flavour: Flavour, problems: ImportProblem[]): TableReading {
  const roles = words.map(word => PLACEHOLDER_HEADERS[word])
  words.forEach((word, k) => {
    if (roles[k] === undefined) problems.push({line: table.header?.line ?? table.line, message: `column "${word}" of the placeholder table is not read; its cells are lost`})
  })
  const placeholders: Placeholder[] = []
  for (const row of table.rows) {
    const cell = (role: PlaceholderColumn): string => {
      const k = roles.indexOf(role)
      return k < 0 ? '' : (row.cells[k]?.run.text ?? '')
    }
    const nameText = codeOrText(cell('placeholder'), flavour)
    const name = /^<?([A-Za-z_][A-Za-z0-9_]*)>?$/.exec(normalisePlaceholders(nameText))?.[1]
    if (name === undefined) {
      if (nameText !== '') problems.push({line: row.line, message: `${JSON.stringify(nameText)} is not a placeholder name`})
      continue
    }
    const list = (role: PlaceholderColumn) => listIn(cell(role), flavour)
    const segments = list('segments').flatMap(segment => segment.split('.'))
    const sensitive = codeOrText(cell('sensitive'), flavour).toLowerCase()
    const description = descriptionOf(cell('description'), flavour)
    placeholders.push({
      name,
      ...(description === undefined ? {} : {description}),
      ...(segments.length > 0 ? {segments} : {}),
      ...(list('values').length > 0 ? {values: list('values')} : {}),
      ...(list('examples').length > 0 ? {examples: list('examples')} : {}),
      ...(sensitive === 'yes' || sensitive === 'true' ? {sensitive: true} : {}),
    })
  }
  return {kind: 'placeholders', placeholders, problems}
}

const codeOrText = (text: string, flavour: Flavour): string => scanInline(text, flavour).map(token => token.text).join('').trim()

/** `a`, `b` or a, b: the items of a list cell. */
function listIn(text: string, flavour: Flavour): string[] {
  const tokens = scanInline(text, flavour)
  const code = tokens.filter(token => token.kind === 'code').map(token => token.text)
  if (code.length > 0) return code
  return text.split(/[\s,]+/).filter(item => item !== '')
}
