/**
 * What the blocks of one document say about metrics. Shared by both formats:
 *
 * - a table of names (table-items.ts) documents a metric per name;
 * - a reference item, one or more names in code followed by `: counters` (or any type
 *   word, `: tags`, or nothing) and a description indented under it; names with nothing
 *   to type them count only when they look like metric names (a dot, tags, a placeholder);
 * - `: tag(s)` items, and definition-list terms such as `High Accuracy (``#accuracy:high``)`,
 *   add tags to the metrics of the last reference item of the same section;
 * - a definition list of bare values (``` ``internal`` ``` + definition) right after a tag
 *   item with one placeholder gives that placeholder's values;
 * - a paragraph that starts with a placeholder and says what it is ("`region_code` is …")
 *   describes it;
 * - in running text, a name template followed by a type word ("increments a
 *   ``request#path:<path>`` counter") documents that metric;
 * - a section title ("HTTP Counters") gives the type of what it holds, where nothing
 *   closer does; failing both, a description or name that suggests one is a guess.
 *
 * Items after "For example:" give example values (tags read as placeholders with those
 * examples); concrete names after it, or in running text, are examples of a metric, not
 * metrics. Name templates in running text that say nothing about a type are reported,
 * unless documented elsewhere.
 */
import type {Placeholder, StatsdType} from '../model.js'
import type {NameTemplate, TemplateSegment} from '../template.js'
import {formatSegment} from '../template.js'
import type {DocBlock, ScannedDocument} from './blocks.js'
import {descriptionOf, isNameToken, isSeparator, splitDeprecation} from './cells.js'
import type {DocName, DocTag} from './doc-name.js'
import {isTagsOnly, normalisePlaceholders, parseDocName, parseDocTags} from './doc-name.js'
import type {EntryDraft, TagDraft} from './draft.js'
import {mergeTagDrafts, pushUnique, tagsOfInstances} from './draft.js'
import type {Flavour, Inline} from './inline.js'
import {catalogText, codeSpan} from './inline.js'
import type {ImportProblem} from './problem.js'
import type {TextRun} from './source.js'
import {readTable} from './table-items.js'
import {guessType, itemKind, sectionType} from './types.js'

export interface PrefixStatement {
  readonly template: NameTemplate
  readonly line: number
}

/** A sentence about the statsd prefix that gives example values (`lego.production or lego.staging`). */
export interface PrefixHint {
  readonly description: string
  readonly examples: readonly string[]
  readonly line: number
}

/** What running text says about a placeholder: "`region_code` is either …", or its values in a definition list. */
export interface PlaceholderFact {
  readonly name: string
  readonly description?: string
  readonly value?: string
  readonly line: number
}

export interface DocumentReading {
  readonly fileName: string
  /** One per documented name and type, in the order first documented. */
  readonly entries: readonly EntryDraft[]
  readonly placeholders: readonly Placeholder[]
  readonly prefixStatements: readonly PrefixStatement[]
  readonly prefixHints: readonly PrefixHint[]
  readonly placeholderFacts: readonly PlaceholderFact[]
  /** Name templates in running text that no type word follows; problems unless documented. */
  readonly proseTemplates: readonly {readonly name: string; readonly line: number; readonly column: number}[]
  readonly problems: readonly ImportProblem[]
}

interface MetricFacts {
  readonly type?: StatsdType
  readonly description?: string
  readonly deprecated?: EntryDraft['deprecated']
  readonly unit?: string
  readonly owner?: string
  readonly tags?: readonly TagDraft[]
  readonly repairs?: readonly string[]
  readonly examples?: boolean
  readonly line: number
}

const PROSE_TYPE_WORD = /^\s+(counter|gauge|timer|histogram|distribution|set|metric)s?\b/i
const EXAMPLES_FOLLOW = /(?:(?:for example|for instance|e\.g\.|such as|examples?)\s*:?|\blike\s*:)\s*$/i
const DEFINES_PLACEHOLDER = /^\s+(?:is|are|describes|means|stands for|holds|contains|names|gives)\b/i
const DOTTED_WORD = /(?<![\w.`<])[A-Za-z0-9][\w-]*(?:\.[\w-]+)+(?![\w`>])/g

export function interpret(document: ScannedDocument, fileName: string): DocumentReading {
  const {flavour, blocks} = document
  const problems: ImportProblem[] = [...document.problems]
  const entries = new Map<string, EntryDraft>()
  const placeholders: Placeholder[] = []
  const prefixStatements: PrefixStatement[] = []
  const prefixHints: PrefixHint[] = []
  const placeholderFacts: PlaceholderFact[] = []
  const proseTemplates: {name: string; line: number; column: number}[] = []
  const sections: {depth: number; type?: StatsdType}[] = []
  /** The metrics of the last reference item in this section, which `: tags` items add to. */
  let lastMetrics: EntryDraft[] | undefined
  let examplesFollow = false
  /** The one placeholder tag value of the last item, which a definition list of bare values may list the values of. */
  let lastPlaceholder: string | undefined

  /** The type of the innermost section that gives one, kept up to date at each heading. */
  let sectionTypeNow: StatsdType | undefined

  const addMetrics = (names: readonly DocName[], facts: MetricFacts): EntryDraft[] => {
    const touched = new Set<EntryDraft>()
    for (const documented of names) {
      if (documented.name === undefined) continue
      let type = facts.type ?? sectionTypeNow
      let typeGuess: string | undefined
      if (type === undefined) {
        const guess = guessType(facts.description, documented.name.text)
        type = guess?.type ?? 'unknown'
        typeGuess = guess?.reason
      }
      const key = `${documented.name.text}\u0000${type}`
      let entry = entries.get(key)
      if (entry === undefined) {
        entry = {name: documented.name, type, ...(typeGuess ? {typeGuess} : {}), instances: [], attached: [], attachedFrom: [], descriptions: [], examples: false, line: facts.line, notes: []}
        entries.set(key, entry)
      }
      entry.instances.push(documented.tags)
      if (facts.description !== undefined) pushUnique(entry.descriptions, facts.description)
      if (facts.tags) mergeTagDrafts(entry.attached, facts.tags)
      entry.unit ??= facts.unit
      entry.owner ??= facts.owner
      entry.deprecated ??= facts.deprecated
      entry.examples ||= facts.examples ?? false
      pushUnique(entry.notes, ...documented.repairs, ...(facts.repairs ?? []))
      touched.add(entry)
    }
    return [...touched]
  }

  const attachTags = (instances: readonly (readonly DocTag[])[], description: string | undefined, line: number, repairs: readonly string[]) => {
    if (lastMetrics === undefined) {
      problems.push({line, message: 'tags with no metric documented before them in this section; not imported'})
      return
    }
    const drafts = tagsOfInstances(instances)
    for (const draft of drafts) if (description !== undefined) draft.descriptions.push(description)
    for (const entry of lastMetrics) {
      mergeTagDrafts(entry.attached, drafts)
      entry.attachedFrom.push(...drafts.map(draft => ({key: draft.key, line})))
      pushUnique(entry.notes, ...repairs)
    }
  }

  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b]
    if (block.kind === 'heading') {
      while (sections.length > 0 && sections[sections.length - 1].depth >= block.depth) sections.pop()
      sections.push({depth: block.depth, type: sectionType(block.title)})
      sectionTypeNow = sections.findLast(section => section.type !== undefined)?.type
      lastMetrics = undefined
      examplesFollow = false
      lastPlaceholder = undefined
      continue
    }
    if (block.kind === 'table') {
      const reading = readTable(block.table, flavour)
      problems.push(...reading.problems)
      if (reading.kind === 'placeholders') placeholders.push(...reading.placeholders)
      if (reading.kind === 'metrics') {
        for (const row of reading.rows) addMetrics(row.names, {...row, type: row.type ?? sectionTypeNow})
      }
      lastMetrics = undefined
      examplesFollow = false
      continue
    }
    if (block.code) continue

    const item = referenceItem(block.tokens)
    if (item !== undefined) {
      const {text: body, next} = indentedBody(blocks, b, flavour)
      b = next - 1
      const kindWord = item.kindWord
      const kind = kindWord === undefined ? undefined : itemKind(kindWord)
      const line = block.line
      if (kindWord !== undefined && kind === undefined && item.description === undefined) {
        problems.push({...block.run.positionAt(item.kindOffset ?? 0), message: `"${kindWord}" after the names is not a type: write counter(s), gauge(s), timer(s), histogram(s), distribution(s), set(s), metric(s) or tag(s); not imported`})
        continue
      }
      const description = joinDescriptions(item.description, body)
      const tagsOnly = item.names.every(name => isTagsOnly(name.text))
      if (kind?.kind === 'tags' || (kind === undefined && tagsOnly)) {
        const read = readNames(item.names, block.run, 'tags', problems)
        if (read.length > 0) attachTags(read.map(name => name.tags), description, line, read.flatMap(name => name.repairs))
        lastPlaceholder = onlyPlaceholder(read)
        continue
      }
      const untyped = kind === undefined && sectionTypeNow === undefined
      if (untyped && item.names.length === 1 && body !== undefined && lastPlaceholder !== undefined && /^[\w.-]+$/.test(item.names[0].text)) {
        placeholderFacts.push({name: lastPlaceholder, value: item.names[0].text, description: `${codeSpan(item.names[0].text)}: ${body}`, line})
        continue
      }
      const read = readNames(item.names, block.run, 'metric', problems)
      // Names with nothing to type them are documentation only when they look like metric names, and
      // concrete names given as examples ("a tagged metric like:") are not, when untyped or of a documented metric.
      if (untyped && !read.some(looksLikeMetricName)) continue
      if (examplesFollow && kind === undefined && !read.some(isTemplate) && (untyped || read.every(name => isDocumented(name, entries.values())))) continue
      const facts = splitDeprecation(description)
      lastMetrics = addMetrics(read, {...facts, type: kind?.kind === 'metric' ? kind.type : undefined, line, examples: examplesFollow})
      lastPlaceholder = undefined
      continue
    }

    const definition = tagDefinition(block, blocks[b + 1], flavour)
    if (definition !== undefined) {
      const {text: body, next} = indentedBody(blocks, b, flavour)
      b = next - 1
      const read = readNames(definition.tags, block.run, 'tags', problems)
      attachTags(read.map(name => name.tags), body === undefined ? definition.term : `${definition.term}: ${body}`, block.line, read.flatMap(name => name.repairs))
      continue
    }

    const text = catalogText(block.tokens, flavour)
    readProse(block, text)
    examplesFollow = EXAMPLES_FOLLOW.test(text)
  }

  function readProse(block: DocBlock & {kind: 'paragraph'}, text: string) {
    const {tokens, run} = block
    const [first, second] = tokens
    const defined = first !== undefined && isNameToken(first) ? /^<?([A-Za-z_]\w*)>?$/.exec(normalisePlaceholders(first.text))?.[1] : undefined
    if (defined !== undefined && second?.kind === 'text' && DEFINES_PLACEHOLDER.test(second.text)) {
      placeholderFacts.push({name: defined, description: text, line: block.line})
    }
    tokens.forEach((token, k) => {
      if (!isNameToken(token) || isTagsOnly(token.text)) return
      const parsed = parseDocName(token.text)
      if (!parsed.ok || parsed.value.name === undefined) return
      const before = tokens[k - 1]
      if (before?.kind === 'text' && /\bprefix\s*$/i.test(before.text) && parsed.value.tags.length === 0) {
        prefixStatements.push({template: parsed.value.name, line: run.positionAt(token.offset).line})
        return
      }
      if (!isTemplate(parsed.value)) return
      const after = tokens[k + 1]
      const word = after?.kind === 'text' ? PROSE_TYPE_WORD.exec(after.text)?.[1] : undefined
      if (word === undefined) {
        proseTemplates.push({name: token.text, ...run.positionAt(token.offset)})
        return
      }
      const kind = itemKind(word)
      addMetrics([parsed.value], {type: kind?.kind === 'metric' ? kind.type : undefined, description: text, line: run.positionAt(token.offset).line, repairs: parsed.value.repairs})
    })
    if (/\bprefix\b/i.test(text) && !tokens.some(isNameToken)) {
      const examples = [...text.matchAll(DOTTED_WORD)].map(match => match[0])
      if (examples.length > 0) prefixHints.push({description: text.replace(/^(\*{1,2})(.*)\1$/s, '$2'), examples, line: block.line})
    }
  }

  return {fileName, entries: [...entries.values()], placeholders, prefixStatements, prefixHints, placeholderFacts, proseTemplates, problems}
}

interface ReferenceItem {
  readonly names: readonly {readonly text: string; readonly offset: number}[]
  /** The word after `:` (`counters`, `tags`), when it is one. */
  readonly kindWord?: string
  readonly kindOffset?: number
  /** Text after `:` that is more than a type word: `` `a.b`: Counts the things. `` */
  readonly description?: string
}

/**
 * Names in code, separated by commas, `and`, `or` or line breaks, then optionally `:` and
 * a type word (or a description). Anything else makes the paragraph running text.
 */
function referenceItem(tokens: readonly Inline[]): ReferenceItem | undefined {
  const names: {text: string; offset: number}[] = []
  let lastName = -1
  tokens.forEach((token, k) => {
    if (isNameToken(token)) {
      names.push({text: token.text, offset: token.offset})
      lastName = k
    }
  })
  if (names.length === 0) return undefined
  for (let k = 0; k < lastName; k++) {
    const token = tokens[k]
    if (!isNameToken(token) && (token.kind !== 'text' || !isSeparator(token.text))) return undefined
  }
  const tail = tokens.slice(lastName + 1)
  if (tail.length === 0) return {names}
  const tailText = tail.map(token => (token.kind === 'text' ? token.text : '\u0000')).join('')
  if (isSeparator(tailText)) return {names}
  const after = /^\s*:\s*(.*?)\s*\.?\s*$/s.exec(tailText)
  if (after === null || after[1].includes('\u0000')) return undefined
  const words = after[1].split(/\s+/).filter(word => word !== '')
  if (words.length === 0) return {names}
  if (words.length > 2) return {names, description: /^\s*:\s*(.*?)\s*$/s.exec(tailText)?.[1] ?? after[1]}
  return {names, kindWord: words.join(' '), kindOffset: tail[0].offset + tailText.indexOf(after[1])}
}

/** `High Accuracy (``#accuracy:high``)` with an indented definition under it: tag values explained. */
function tagDefinition(block: DocBlock & {kind: 'paragraph'}, next: DocBlock | undefined, flavour: Flavour): {term: string; tags: {text: string; offset: number}[]} | undefined {
  if (next?.kind !== 'paragraph' || next.indent <= block.indent || block.run.text.includes('\n')) return undefined
  const tags = block.tokens.filter(token => isNameToken(token) && isTagsOnly(token.text))
  if (tags.length === 0) return undefined
  return {term: catalogText(block.tokens, flavour), tags: tags.map(token => ({text: token.text, offset: token.offset}))}
}

/** The paragraphs indented under block `b` (its description), and the index after them. */
function indentedBody(blocks: readonly DocBlock[], b: number, flavour: Flavour): {text?: string; next: number} {
  const head = blocks[b]
  if (head.kind !== 'paragraph') return {next: b + 1}
  const paragraphs: string[] = []
  let next = b + 1
  for (; next < blocks.length; next++) {
    const block = blocks[next]
    if (block.kind !== 'paragraph' || block.indent <= head.indent || referenceItem(block.tokens) !== undefined) break
    const text = descriptionOf(block.run.text, flavour)
    if (text !== undefined) paragraphs.push(block.listItem ? `- ${text}` : text)
  }
  return {...(paragraphs.length > 0 ? {text: paragraphs.join('\n\n')} : {}), next}
}

function joinDescriptions(...parts: (string | undefined)[]): string | undefined {
  const present = parts.filter((part): part is string => part !== undefined && part !== '')
  return present.length > 0 ? present.join('\n\n') : undefined
}

function readNames(names: readonly {text: string; offset: number}[], run: TextRun, mode: 'metric' | 'tags', problems: ImportProblem[]): DocName[] {
  const read: DocName[] = []
  for (const name of names) {
    const parsed = mode === 'tags' ? parseDocTags(name.text) : parseDocName(name.text)
    if (parsed.ok) read.push(parsed.value)
    else problems.push({...run.positionAt(name.offset), message: `${parsed.message}; not imported`})
  }
  return read
}

/** A name with a placeholder or tags, or of more than one segment: what a bare word in code is not. */
function looksLikeMetricName(name: DocName): boolean {
  return name.name !== undefined && (name.name.segments.length > 1 || name.tags.length > 0 || name.name.text.includes('<'))
}

/**
 * A name template: a placeholder in the name or a tag value, and more to it than one
 * lone placeholder (`<job_name>` alone names the placeholder, `<job_name>_start` a metric).
 */
function isTemplate(name: DocName): boolean {
  const placeholder = name.name?.text.includes('<') || name.tags.some(tag => tag.value?.kind === 'placeholder')
  const lone = name.tags.length === 0 && name.name !== undefined && name.name.segments.length === 1 && name.name.segments[0].parts.length === 1
  return placeholder === true && !lone && looksLikeMetricName(name)
}

/** The placeholder of the items' tag values, when there is exactly one. */
function onlyPlaceholder(names: readonly DocName[]): string | undefined {
  const placeholders = new Set(names.flatMap(name => name.tags.flatMap(tag => (tag.value?.kind === 'placeholder' ? [tag.value.name] : []))))
  return placeholders.size === 1 ? [...placeholders][0] : undefined
}

/** Whether a concrete name is an instance of a metric already documented (not by examples): its name matches the template. */
function isDocumented(name: DocName, entries: Iterable<EntryDraft>): boolean {
  if (name.name === undefined) return false
  const segments = name.name.segments.map(formatSegment)
  for (const entry of entries) {
    if (entry.examples || entry.name.segments.length !== segments.length) continue
    if (entry.name.segments.every((segment, k) => segmentPattern(segment).test(segments[k]))) return true
  }
  return false
}

/** A template segment as a pattern: literal parts as themselves, a placeholder as one or more characters. */
function segmentPattern(segment: TemplateSegment): RegExp {
  const body = segment.parts.map(part => (part.kind === 'literal' ? part.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : '.+')).join('')
  return new RegExp(`^${body}$`, 'u')
}
