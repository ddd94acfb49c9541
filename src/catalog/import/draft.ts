/**
 * What the importers gather about a metric before it becomes a catalogue entry: every
 * way the docs wrote it (each documented name with its tags is one instance), tags that
 * other paragraphs attach to it, and the text around it. Pure data and the rules that
 * turn it into tags:
 *
 * - names that differ only by tag values are one metric, and the values a closed list;
 * - a tag that some instances have and others do not is optional;
 * - a tag written with a placeholder (`key:<apikey>`) keeps it; written bare (`#source`), any value.
 */
import type {Deprecation, StatsdType, TagSpec} from '../model.js'
import type {NameTemplate} from '../template.js'
import type {DocTag} from './doc-name.js'

export interface TagDraft {
  readonly key: string
  readonly values: string[]
  readonly placeholders: string[]
  /** Written without a value somewhere: any value. */
  open: boolean
  optional: boolean
  descriptions: string[]
}

export interface EntryDraft {
  readonly name: NameTemplate
  readonly type: StatsdType
  /** Why the type was guessed, when it was. */
  readonly typeGuess?: string
  /** Each documented name's tags, in the order documented. */
  readonly instances: (readonly DocTag[])[]
  /** Tags from paragraphs or columns about the metric rather than its names. */
  readonly attached: TagDraft[]
  /** Where tags listed after the metric (`: tags` items, definitions) were added from, for `guessed.tags`. */
  readonly attachedFrom: {readonly key: string; readonly line: number}[]
  readonly descriptions: string[]
  unit?: string
  owner?: string
  deprecated?: Deprecation
  /** The values the instances give are examples, not a closed list ("For example:"). */
  examples: boolean
  readonly line: number
  readonly notes: string[]
}

export function newTagDraft(key: string): TagDraft {
  return {key, values: [], placeholders: [], open: false, optional: false, descriptions: []}
}

const pushNew = <T>(list: T[], ...items: readonly T[]): void => {
  for (const item of items) if (!list.includes(item)) list.push(item)
}

/** Tags as a set of documented tag lists gives them (see the rules above), in order of first appearance. */
export function tagsOfInstances(instances: readonly (readonly DocTag[])[]): TagDraft[] {
  const drafts: TagDraft[] = []
  for (const instance of instances) {
    for (const tag of instance) {
      let draft = drafts.find(d => d.key === tag.key)
      if (draft === undefined) drafts.push((draft = newTagDraft(tag.key)))
      if (tag.value === undefined) draft.open = true
      else if (tag.value.kind === 'literal') pushNew(draft.values, tag.value.text)
      else pushNew(draft.placeholders, tag.value.name)
    }
  }
  for (const draft of drafts) draft.optional = instances.some(instance => !instance.some(tag => tag.key === draft.key))
  return drafts
}

/** Adds `more` into `into`: values joined, optional if either says so, descriptions kept once each. */
export function mergeTagDrafts(into: TagDraft[], more: readonly TagDraft[]): void {
  for (const tag of more) {
    const existing = into.find(d => d.key === tag.key)
    if (existing === undefined) {
      into.push({...tag, values: [...tag.values], placeholders: [...tag.placeholders], descriptions: [...tag.descriptions]})
      continue
    }
    pushNew(existing.values, ...tag.values)
    pushNew(existing.placeholders, ...tag.placeholders)
    pushNew(existing.descriptions, ...tag.descriptions)
    existing.open ||= tag.open
    existing.optional ||= tag.optional
  }
}

/** A placeholder name for a tag whose values the docs give only as examples. */
export function placeholderForKey(key: string): string {
  const name = key.replace(/[^A-Za-z0-9_]/g, '_')
  return /^[A-Za-z_]/.test(name) ? name : `_${name}`
}

export interface FinishedTags {
  readonly tags: TagSpec[]
  /** Judgements made, for `guessed.tags`. */
  readonly notes: string[]
  /** Placeholders made for tags whose values are examples, with those examples. */
  readonly examplePlaceholders: {readonly name: string; readonly examples: readonly string[]}[]
}

/** The entry's tags: its instances' first, then the attached ones. */
export function finishTags(entry: EntryDraft): FinishedTags {
  const drafts = tagsOfInstances(entry.instances)
  mergeTagDrafts(drafts, entry.attached)
  const notes: string[] = [...entry.notes]
  if (entry.attachedFrom.length > 0) notes.push(`${describeAttached(entry.attachedFrom)}: added from the tags listed after the metric`)
  const examplePlaceholders: {name: string; examples: string[]}[] = []
  const tags = drafts.map((draft): TagSpec => {
    const common = {key: draft.key, ...(draft.optional ? {optional: true} : {}), ...(draft.descriptions.length > 0 ? {description: draft.descriptions.join(' ')} : {})}
    const [placeholder, ...otherPlaceholders] = draft.placeholders
    if (placeholder !== undefined) {
      if (otherPlaceholders.length > 0 || draft.values.length > 0 || draft.open) {
        const others = [...otherPlaceholders.map(p => `<${p}>`), ...draft.values, ...(draft.open ? ['no value'] : [])]
        notes.push(`${draft.key}: kept <${placeholder}>; the docs also give ${others.join(', ')}`)
      }
      return {...common, placeholder}
    }
    if (draft.open) {
      if (draft.values.length > 0) notes.push(`${draft.key}: any value, since the docs also write it without one; they list ${draft.values.join(', ')}`)
      return common
    }
    if (entry.examples && draft.values.length > 0) {
      const name = placeholderForKey(draft.key)
      examplePlaceholders.push({name, examples: draft.values})
      notes.push(`${draft.key}: the docs give ${draft.values.join(', ')} as examples; read as <${name}>`)
      return {...common, placeholder: name}
    }
    return {...common, values: draft.values}
  })
  return {tags, notes, examplePlaceholders}
}

/** `accuracy (lines 121, 147), status (line 147)` */
function describeAttached(from: readonly {readonly key: string; readonly line: number}[]): string {
  const lines = new Map<string, number[]>()
  for (const {key, line} of from) {
    const list = lines.get(key) ?? []
    if (!list.includes(line)) list.push(line)
    lines.set(key, list)
  }
  return [...lines].map(([key, list]) => `${key} (line${list.length > 1 ? 's' : ''} ${list.join(', ')})`).join(', ')
}
