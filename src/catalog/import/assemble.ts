/**
 * One catalogue from what one or more documents say. A metric documented in several
 * places (the same name and type) is one entry; the statsd prefix is found and taken
 * off every name; placeholders the docs explain are declared.
 *
 * The prefix: a sentence naming it in code ("… the statsd prefix ``<PREFIX>``", as the
 * renderer writes it), else a leading whole-segment placeholder on every name whose own
 * name says it is one (`<PREFIX>`, `<statsd_prefix>`). A leading placeholder with another
 * name (`<api_type>`) is part of the names. What it stands for comes from a sentence
 * about the prefix that gives example values ("We use lego.production or lego.staging as
 * statsd prefix"): as many segments as the examples have, named by us (the docs do not
 * name them), which the placeholder's `guessed` says.
 */
import type {Catalog, MetricEntry, Placeholder, TagSpec} from '../model.js'
import {CATALOG_VERSION} from '../model.js'
import type {NameTemplate} from '../template.js'
import {formatSegment, formatTemplate, placeholderNames, template, wholeSegmentPlaceholder} from '../template.js'
import type {EntryDraft} from './draft.js'
import {finishTags, mergeTagDrafts, pushUnique} from './draft.js'
import type {DocumentReading, PlaceholderFact, PrefixHint} from './interpret.js'
import type {ImportProblem} from './problem.js'
import {sortProblems} from './problem.js'

export interface FileProblems {
  readonly fileName: string
  readonly problems: readonly ImportProblem[]
}

export interface ImportResult {
  readonly catalog: Catalog
  /** Per document, in the order given; documents without problems are left out. */
  readonly problems: readonly FileProblems[]
}

interface Sourced {
  readonly draft: EntryDraft
  readonly fileName: string
}

export function assembleCatalog(readings: readonly DocumentReading[]): ImportResult {
  const problems = new Map<string, ImportProblem[]>(readings.map(reading => [reading.fileName, [...reading.problems]]))
  const report = (fileName: string, problem: ImportProblem) => problems.get(fileName)?.push(problem)

  const merged = new Map<string, Sourced>()
  for (const reading of readings) {
    for (const draft of reading.entries) {
      const key = `${draft.name.text}\u0000${draft.type}`
      const existing = merged.get(key)
      if (existing === undefined) merged.set(key, {draft: {...draft, instances: [...draft.instances], attached: [...draft.attached], attachedFrom: [...draft.attachedFrom], descriptions: [...draft.descriptions], notes: [...draft.notes]}, fileName: reading.fileName})
      else mergeDraft(existing.draft, draft)
    }
  }
  const sourced = [...merged.values()]

  const prefix = findPrefix(readings, sourced, report)
  // Names written with the prefix lose it; a stated prefix that no name is written with is left off them all.
  const written = prefix !== undefined && sourced.some(({draft}) => startsWith(draft.name, prefix))
  const kept = !written ? sourced : sourced.filter(({draft, fileName}) => {
    if (startsWith(draft.name, prefix) && draft.name.segments.length > prefix.segments.length) return true
    report(fileName, {line: draft.line, message: `${draft.name.text} is written without the statsd prefix ${prefix.text}, which other names have; not imported`})
    return false
  })

  const declarations = new Map<string, Placeholder>()
  const declare = (placeholder: Placeholder) => {
    const existing = declarations.get(placeholder.name)
    declarations.set(placeholder.name, existing === undefined ? placeholder : {...placeholder, ...existing})
  }
  const prefixPlaceholder = prefix?.segments.length === 1 ? wholeSegmentPlaceholder(prefix.segments[0]) : undefined
  const tableDeclarations = readings.flatMap(reading => reading.placeholders)
  if (prefixPlaceholder !== undefined && !tableDeclarations.some(p => p.name === prefixPlaceholder) && readings.every(r => r.prefixStatements.length === 0)) {
    declare(prefixDeclaration(prefixPlaceholder, readings.flatMap(reading => reading.prefixHints)))
  }
  for (const placeholder of tableDeclarations) declare(placeholder)

  const metrics: MetricEntry[] = []
  const examples: {name: string; examples: readonly string[]}[] = []
  for (const {draft, fileName} of kept) {
    const {tags, notes, examplePlaceholders} = finishTags(draft)
    examples.push(...examplePlaceholders)
    metrics.push(metricEntry(draft, written ? withoutPrefix(draft.name, prefix) : draft.name, tags, notes, `${fileName}:${draft.line}`))
  }
  const used = new Set(metrics.flatMap(entry => [...placeholderNames(entry.name), ...entry.tags.flatMap(tag => (tag.placeholder === undefined ? [] : [tag.placeholder]))]))
  for (const fact of placeholderFacts(readings.flatMap(reading => reading.placeholderFacts))) if (used.has(fact.name)) declare(fact)
  for (const example of examples) declare({name: example.name, examples: example.examples})

  const documented = new Set(sourced.map(({draft}) => draft.name.text))
  for (const reading of readings) {
    for (const mention of reading.proseTemplates) {
      const name = mention.name.split('#')[0].replace(/\{([A-Za-z_]\w*)\}/g, '<$1>')
      if (documented.has(name)) continue
      report(reading.fileName, {line: mention.line, column: mention.column, message: `${mention.name} is named in running text with no type after it; not imported (write it as a list item: \`\`name\`\` : counter)`})
    }
  }

  const catalog: Catalog = {version: CATALOG_VERSION, ...(prefix === undefined ? {} : {prefix}), placeholders: [...declarations.values()], metrics}
  const fileProblems = readings
    .map(reading => ({fileName: reading.fileName, problems: sortProblems(problems.get(reading.fileName) ?? [])}))
    .filter(file => file.problems.length > 0)
  return {catalog, problems: fileProblems}
}

/** The entry, its absent fields left out (built by assignment: this runs once per documented metric). */
function metricEntry(draft: EntryDraft, name: NameTemplate, tags: TagSpec[], notes: readonly string[], source: string): MetricEntry {
  const entry: {-readonly [K in keyof MetricEntry]?: MetricEntry[K]} = {name, type: draft.type}
  if (draft.descriptions.length > 0) entry.description = draft.descriptions.join('\n\n')
  if (draft.unit !== undefined) entry.unit = draft.unit
  if (draft.owner !== undefined) entry.owner = draft.owner
  entry.tags = tags
  if (draft.deprecated !== undefined) entry.deprecated = draft.deprecated
  entry.source = source
  if (draft.typeGuess !== undefined || notes.length > 0) {
    const guessed: {type?: string; tags?: string} = {}
    if (draft.typeGuess !== undefined) guessed.type = draft.typeGuess
    if (notes.length > 0) guessed.tags = notes.join('; ')
    entry.guessed = guessed
  }
  return entry as MetricEntry
}

/** Facts about one placeholder from running text, as one declaration each: descriptions joined, values listed. */
function placeholderFacts(facts: readonly PlaceholderFact[]): Placeholder[] {
  const byName = new Map<string, {descriptions: string[]; values: string[]}>()
  for (const fact of facts) {
    const gathered = byName.get(fact.name) ?? {descriptions: [], values: []}
    byName.set(fact.name, gathered)
    if (fact.description !== undefined) pushUnique(gathered.descriptions, fact.description)
    if (fact.value !== undefined) pushUnique(gathered.values, fact.value)
  }
  return [...byName].map(([name, {descriptions, values}]) => ({
    name,
    ...(descriptions.length > 0 ? {description: descriptions.join(' ')} : {}),
    ...(values.length > 0 ? {values} : {}),
  }))
}

function mergeDraft(into: EntryDraft, from: EntryDraft): void {
  into.instances.push(...from.instances)
  mergeTagDrafts(into.attached, from.attached)
  into.attachedFrom.push(...from.attachedFrom)
  pushUnique(into.descriptions, ...from.descriptions)
  pushUnique(into.notes, ...from.notes)
  into.unit ??= from.unit
  into.owner ??= from.owner
  into.deprecated ??= from.deprecated
  into.examples ||= from.examples
}

function findPrefix(readings: readonly DocumentReading[], entries: readonly Sourced[], report: (fileName: string, problem: ImportProblem) => void): NameTemplate | undefined {
  let stated: NameTemplate | undefined
  for (const reading of readings) {
    for (const statement of reading.prefixStatements) {
      if (stated === undefined) stated = statement.template
      else if (stated.text !== statement.template.text) report(reading.fileName, {line: statement.line, message: `a second statsd prefix, ${statement.template.text}, differs from ${stated.text}; ${stated.text} is used`})
    }
  }
  if (stated !== undefined) return stated
  if (entries.length === 0) return undefined
  const leading = entries.map(({draft}) => (draft.name.segments.length > 1 ? wholeSegmentPlaceholder(draft.name.segments[0]) : undefined))
  const [first] = leading
  if (first === undefined || !/prefix/i.test(first) || leading.some(name => name !== first)) return undefined
  return template(`<${first}>`)
}

/** What the docs say the prefix placeholder stands for, or a guess saying they do not. */
function prefixDeclaration(name: string, hints: readonly PrefixHint[]): Placeholder {
  const [hint] = hints
  if (hint === undefined) return {name, guessed: `one segment: the docs do not say what <${name}> stands for`}
  const counts = new Set(hint.examples.map(example => example.split('.').length))
  const [count] = counts
  const base = {name, description: hint.description, examples: [...hint.examples]}
  if (counts.size !== 1 || count < 2) {
    return {...base, guessed: `one segment: the examples on line ${hint.line} have ${counts.size === 1 ? 'one segment' : 'different numbers of segments'}`}
  }
  const segments = Array.from({length: count}, (_, k) => `${name.toLowerCase()}_${k + 1}`)
  return {...base, segments, guessed: `${count} segments, as the examples on line ${hint.line} have; the docs do not name them, so they are named ${segments.join(', ')}`}
}

function startsWith(name: NameTemplate, prefix: NameTemplate): boolean {
  return prefix.segments.every((segment, k) => name.segments[k] !== undefined && formatSegment(name.segments[k]) === formatSegment(segment))
}

/** The segments after the prefix's, which are a valid template already. */
function withoutPrefix(name: NameTemplate, prefix: NameTemplate): NameTemplate {
  const segments = name.segments.slice(prefix.segments.length)
  return {text: formatTemplate(segments), segments}
}
