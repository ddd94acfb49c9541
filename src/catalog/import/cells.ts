/**
 * Reading the pieces of text the docs put metric facts in (table cells, the text after a
 * list of names): names, tags, descriptions with their paragraphs, a type word.
 */
import type {Deprecation} from '../model.js'
import type {DocName} from './doc-name.js'
import {parseDocName, parseDocTags} from './doc-name.js'
import type {TagDraft} from './draft.js'
import {tagsOfInstances} from './draft.js'
import type {Flavour, Inline} from './inline.js'
import {catalogText, scanInline} from './inline.js'
import type {ImportProblem} from './problem.js'
import type {TextRun} from './source.js'

/** Inline code, or reStructuredText's default-role `x`, where docs write names. */
export const isNameToken = (token: Inline): token is Inline & {text: string} => token.kind === 'code' || (token.kind === 'interpreted' && token.plain)

/** Text between names in a list of them: commas, "and", "or", line breaks. */
export const isSeparator = (text: string): boolean => /^(?:[\s,]|\band\b|\bor\b|<br\s*\/?>)*$/i.test(text)

/** A run's paragraphs: split at blank lines, or (Markdown) at two `<br>` in a row. */
export function paragraphsOf(text: string, flavour: Flavour): string[] {
  const split = flavour === 'md' ? /<br\s*\/?>\s*<br\s*\/?>|\n\s*\n/i : /\n\s*\n/
  return text.split(split).filter(paragraph => paragraph.trim() !== '')
}

/** Catalogue text of a run: paragraphs separated by a blank line, each on one line. */
export function descriptionOf(text: string, flavour: Flavour): string | undefined {
  const paragraphs = paragraphsOf(text, flavour).map(paragraph => catalogText(scanInline(paragraph, flavour), flavour)).filter(p => p !== '')
  return paragraphs.length > 0 ? paragraphs.join('\n\n') : undefined
}

const DEPRECATED = /^\*\*Deprecated\*\*(?: \(use `([^`]+)`\))?(?::\s*(.*))?$/s

/** A description whose first paragraph is the renderer's `**Deprecated** (use `x`): note`. */
export function splitDeprecation(description: string | undefined): {description?: string; deprecated?: Deprecation} {
  if (description === undefined) return {}
  const [first, ...rest] = description.split('\n\n')
  const match = DEPRECATED.exec(first)
  if (!match) return {description}
  const deprecated: Deprecation = {...(match[1] ? {replacement: match[1]} : {}), ...(match[2] ? {note: match[2]} : {})}
  return {...(rest.length > 0 ? {description: rest.join('\n\n')} : {}), deprecated}
}

export interface ReadNames {
  readonly names: DocName[]
  readonly problems: ImportProblem[]
}

/**
 * Metric names in a cell: its code spans, or, where it has none, its words (a grid table
 * of bare `<PREFIX>.feed.reads` names). Text beside code spans other than separators is
 * a problem: it may be a name written outside code.
 */
export function namesInCell(run: TextRun, flavour: Flavour): ReadNames {
  const tokens = scanInline(run.text, flavour)
  const problems: ImportProblem[] = []
  const names: DocName[] = []
  const read = (text: string, offset: number) => {
    const parsed = parseDocName(text)
    if (parsed.ok) names.push(parsed.value)
    else problems.push({...run.positionAt(offset), message: parsed.message})
  }
  if (!tokens.some(isNameToken)) {
    for (const word of run.text.matchAll(/[^\s,]+/g)) read(word[0].replace(/\\(.)/g, '$1'), word.index)
    return {names, problems}
  }
  for (const token of tokens) {
    if (isNameToken(token)) read(token.text, token.offset)
    else if (!isSeparator(token.text)) problems.push({...run.positionAt(token.offset), message: `text beside the names is not read: ${JSON.stringify(token.text.trim())}`})
  }
  return {names, problems}
}

export interface ReadTags {
  readonly tags: TagDraft[]
  readonly repairs: string[]
  readonly problems: ImportProblem[]
}

const TAG_GROUP_TAIL = /^\s*(\(optional\))?\s*(?::\s*([^]*))?$/

/**
 * A Tags cell: groups of tags (paragraphs, or lines separated by `<br>`), each
 * `` ``key:value``, ``key:other`` (optional): what it means ``, the form the renderer writes.
 */
export function tagsInCell(run: TextRun, flavour: Flavour): ReadTags {
  const tags: TagDraft[] = []
  const repairs: string[] = []
  const problems: ImportProblem[] = []
  const groups = flavour === 'md' ? splitWithOffsets(run.text, /<br\s*\/?>/gi) : splitWithOffsets(run.text, /\n\s*\n/g)
  for (const group of groups) {
    const tokens = scanInline(group.text, flavour)
    // The group's tags are its leading code spans; the text after them is `(optional)` and the description.
    let tailStart = tokens.findIndex(token => !isNameToken(token) && !isSeparator(token.text))
    if (tailStart < 0) tailStart = tokens.length
    const names = tokens.slice(0, tailStart).filter(isNameToken)
    if (names.length === 0) {
      if (group.text.trim() !== '') problems.push({...run.positionAt(group.offset), message: `a tag is written in code: ${JSON.stringify(group.text.trim())} is not read`})
      continue
    }
    const tail = TAG_GROUP_TAIL.exec(tailStart < tokens.length ? group.text.slice(tokens[tailStart].offset) : '')
    if (tail === null) {
      problems.push({...run.positionAt(group.offset), message: `cannot read ${JSON.stringify(group.text.trim())} as tags: write \`key:value\`, … (optional): description`})
      continue
    }
    const instances = []
    for (const token of names) {
      const parsed = parseDocTags(token.text)
      if (!parsed.ok) {
        problems.push({...run.positionAt(group.offset + token.offset), message: parsed.message})
        continue
      }
      instances.push(parsed.value.tags)
      repairs.push(...parsed.value.repairs)
    }
    const description = tail[2] === undefined ? undefined : catalogText(scanInline(tail[2], flavour), flavour)
    for (const draft of tagsOfInstances(instances)) {
      draft.optional = tail[1] !== undefined
      if (description) draft.descriptions.push(description)
      tags.push(draft)
    }
  }
  return {tags, repairs, problems}
}

function splitWithOffsets(text: string, separator: RegExp): {text: string; offset: number}[] {
  const parts: {text: string; offset: number}[] = []
  let from = 0
  for (const match of text.matchAll(separator)) {
    parts.push({text: text.slice(from, match.index), offset: from})
    from = match.index + match[0].length
  }
  parts.push({text: text.slice(from), offset: from})
  return parts.filter(part => part.text.trim() !== '')
}
