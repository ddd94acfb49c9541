/**
 * `catalog import --merge`: what the docs say, merged into a catalogue someone has
 * already edited by hand. Facts the docs state update it: names, types read (not
 * guessed), tag keys, values, placeholders, optional, `source`. Text written by hand
 * wins: descriptions, units, owners, deprecations, the Prometheus series, and what
 * tags and placeholders say beyond their values (sensitive, allow, cardinality,
 * examples). Nothing the docs do not mention is dropped: entries, tags and placeholders
 * only in the catalogue stay as they are, where they are; new entries go at the end.
 *
 * An entry is the docs' metric when the name and the type are the same, or when the name
 * is and one side does not really know the type (unknown, or guessed by the importer).
 * A name the docs give another known type is a second entry, as statsd allows.
 */
import type {Catalog, Guesses, MetricEntry, Placeholder, TagSpec} from '../model.js'
import type {NameTemplate} from '../template.js'
import {formatSegment, formatTemplate, joinTemplates, parseTemplate} from '../template.js'

export interface MergeResult {
  readonly catalog: Catalog
  /** What the merge did that a person should know: entries not in the docs, names it could not place. */
  readonly notes: readonly string[]
}

export function mergeCatalogs(existing: Catalog, imported: Catalog): MergeResult {
  const notes: string[] = []
  // Existing names are relative to the existing prefix: a catalogue with entries keeps it.
  const prefix = existing.metrics.length > 0 ? existing.prefix : (existing.prefix ?? imported.prefix)
  const metrics: MetricEntry[] = [...existing.metrics]
  const matched = new Set<number>()
  /** Where each name is in `metrics`, so that merging thousands of entries stays linear. */
  const byName = new Map<string, number[]>()
  const index = (name: string, at: number) => byName.set(name, [...(byName.get(name) ?? []), at])
  metrics.forEach((entry, at) => index(entry.name.text, at))
  for (const entry of imported.metrics) {
    const name = relativeName(joinTemplates(imported.prefix, entry.name), prefix)
    if (name === undefined) {
      notes.push(`${joinTemplates(imported.prefix, entry.name).text} (${entry.source ?? 'imported'}) does not start with the catalogue's prefix ${prefix?.text ?? ''}; not merged`)
      continue
    }
    const documented = {...entry, name}
    const at = findEntry(metrics, byName.get(name.text) ?? [], documented)
    if (at < 0) {
      metrics.push(documented)
      index(name.text, metrics.length - 1)
      matched.add(metrics.length - 1)
      continue
    }
    metrics[at] = mergeEntry(metrics[at], documented)
    matched.add(at)
  }
  const untouched = existing.metrics.filter((_, index) => !matched.has(index)).length
  if (untouched > 0) notes.push(`${untouched} ${untouched === 1 ? 'entry' : 'entries'} of the catalogue ${untouched === 1 ? 'is' : 'are'} not in the docs; kept as ${untouched === 1 ? 'it is' : 'they are'}`)
  return {
    catalog: {...existing, ...(prefix === undefined ? {} : {prefix}), placeholders: mergePlaceholders(existing.placeholders, imported.placeholders), metrics},
    notes,
  }
}

/** The name with `prefix` taken off, or undefined when it does not start with it. */
function relativeName(full: NameTemplate, prefix: NameTemplate | undefined): NameTemplate | undefined {
  if (prefix === undefined) return full
  const count = prefix.segments.length
  if (full.segments.length <= count || prefix.segments.some((segment, k) => formatSegment(segment) !== formatSegment(full.segments[k]))) return undefined
  const parsed = parseTemplate(formatTemplate(full.segments.slice(count)))
  return parsed.ok ? parsed.template : undefined
}

const typeIsKnown = (entry: MetricEntry): boolean => entry.type !== 'unknown' && entry.guessed?.type === undefined

/** The entry among `sameName` (indexes of entries with the entry's name) that is the docs' metric, or -1. */
function findEntry(metrics: readonly MetricEntry[], sameName: readonly number[], entry: MetricEntry): number {
  const exact = sameName.find(at => metrics[at].type === entry.type)
  if (exact !== undefined) return exact
  if (sameName.length !== 1) return -1
  const [at] = sameName
  return !typeIsKnown(metrics[at]) || !typeIsKnown(entry) ? at : -1
}

function mergeEntry(existing: MetricEntry, documented: MetricEntry): MetricEntry {
  // The docs' type replaces one nobody knew (unknown or guessed); a guess does not replace a type written by hand.
  const docsType = typeIsKnown(documented) || (!typeIsKnown(existing) && documented.type !== 'unknown')
  const type = docsType ? documented.type : existing.type
  const guessed: Guesses = {
    ...existing.guessed,
    type: docsType ? documented.guessed?.type : existing.guessed?.type,
    tags: documented.guessed?.tags,
  }
  const kept = withoutUndefined(guessed)
  return withoutUndefined({
    ...documented,
    ...existing,
    name: existing.name,
    type,
    description: existing.description ?? documented.description,
    unit: existing.unit ?? documented.unit,
    owner: existing.owner ?? documented.owner,
    deprecated: existing.deprecated ?? documented.deprecated,
    prometheus: existing.prometheus ?? documented.prometheus,
    tags: mergeTags(existing.tags, documented.tags),
    source: documented.source ?? existing.source,
    guessed: Object.keys(kept).length > 0 ? kept : undefined,
  }) as MetricEntry
}

/** The docs' values and placeholder for each tag; what was written by hand about it stays. */
function mergeTags(existing: readonly TagSpec[], documented: readonly TagSpec[]): TagSpec[] {
  const merged = existing.map(tag => {
    const docs = documented.find(candidate => candidate.key === tag.key)
    if (docs === undefined) return tag
    const {values, placeholder, optional, description} = docs
    const {values: _oldValues, placeholder: _oldPlaceholder, optional: _oldOptional, ...written} = tag
    return withoutUndefined({...written, values, placeholder, optional, description: tag.description ?? description}) as TagSpec
  })
  return [...merged, ...documented.filter(tag => !existing.some(candidate => candidate.key === tag.key))]
}

function mergePlaceholders(existing: readonly Placeholder[], documented: readonly Placeholder[]): Placeholder[] {
  const merged = existing.map(placeholder => {
    const docs = documented.find(candidate => candidate.name === placeholder.name)
    return docs === undefined ? placeholder : ({...docs, ...withoutUndefined(placeholder)} as Placeholder)
  })
  return [...merged, ...documented.filter(placeholder => !existing.some(candidate => candidate.name === placeholder.name))]
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>
}
