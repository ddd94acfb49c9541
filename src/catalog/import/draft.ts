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

/** The items of each list pushUnique has added to, so that a list of thousands stays linear to build. */
const members = new WeakMap<unknown[], Set<unknown>>()

/** Appends the items `list` does not hold yet. Lists filled this way must not be changed otherwise. */
export function pushUnique<T>(list: T[], ...items: readonly T[]): void {
  let set = members.get(list) as Set<T> | undefined
  if (set === undefined) members.set(list, (set = new Set(list)))
  for (const item of items) {
    if (set.has(item)) continue
    set.add(item)
    list.push(item)
  }
}

/** Tags as a set of documented tag lists gives them (see the rules above), in order of first appearance. */
export function tagsOfInstances(instances: readonly (readonly DocTag[])[]): TagDraft[] {
  const drafts = new Map<string, TagDraft>()
  /** In how many instances each key appears: fewer than all makes it optional. */
  const seen = new Map<string, number>()
  for (const instance of instances) {
    for (const key of new Set(instance.map(tag => tag.key))) seen.set(key, (seen.get(key) ?? 0) + 1)
    for (const tag of instance) {
      let draft = drafts.get(tag.key)
      if (draft === undefined) drafts.set(tag.key, (draft = newTagDraft(tag.key)))
      if (tag.value === undefined) draft.open = true
      else if (tag.value.kind === 'literal') pushUnique(draft.values, tag.value.text)
      else pushUnique(draft.placeholders, tag.value.name)
    }
  }
  for (const draft of drafts.values()) draft.optional = (seen.get(draft.key) ?? 0) < instances.length
  return [...drafts.values()]
}

/** Adds `more` into `into`: values joined, optional if either says so, descriptions kept once each. */
export function mergeTagDrafts(into: TagDraft[], more: readonly TagDraft[]): void {
  const byKey = new Map(into.map(draft => [draft.key, draft]))
  for (const tag of more) {
    const existing = byKey.get(tag.key)
    if (existing === undefined) {
      const copy = {...tag, values: [...tag.values], placeholders: [...tag.placeholders], descriptions: [...tag.descriptions]}
      into.push(copy)
      byKey.set(copy.key, copy)
      continue
    }
    pushUnique(existing.values, ...tag.values)
    pushUnique(existing.placeholders, ...tag.placeholders)
    pushUnique(existing.descriptions, ...tag.descriptions)
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
    pushUnique(list, line)
    lines.set(key, list)
  }
  return [...lines].map(([key, list]) => `${key} (line${list.length > 1 ? 's' : ''} ${list.join(', ')})`).join(', ')
}
