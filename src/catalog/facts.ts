/**
 * What several catalogue rules need to know about one catalogue, worked out once, on
 * first use: the matching index (overlaps), where each placeholder is used, and where
 * to point when reporting on an entry.
 */
import type {SourceRange} from '../mapping/model.js'
import type {CatalogIndex} from './match.js'
import {indexCatalog} from './match.js'
import type {Catalog, MetricEntry, Placeholder, TagSpec} from './model.js'
import type {TemplateSegment} from './template.js'

/** Where a placeholder is used: a whole segment of a name, part of one, or a tag's value. */
export type PlaceholderUse =
  | {readonly kind: 'segment' | 'in-segment'; readonly metric?: MetricEntry; readonly segment: TemplateSegment; readonly at: SourceRange}
  | {readonly kind: 'tag'; readonly metric: MetricEntry; readonly tag: TagSpec; readonly at: SourceRange}

/** Where nothing better is known: a catalogue built in memory has no positions. */
const START: SourceRange = {line: 1, column: 1, endLine: 1, endColumn: 1}

export class CatalogFacts {
  private indexed: CatalogIndex | undefined
  private usesByName: ReadonlyMap<string, readonly PlaceholderUse[]> | undefined
  private readonly declared: ReadonlyMap<string, Placeholder>

  constructor(readonly catalog: Catalog) {
    this.declared = new Map(catalog.placeholders.map((placeholder) => [placeholder.name, placeholder]))
  }

  get index(): CatalogIndex {
    return (this.indexed ??= indexCatalog(this.catalog))
  }

  /**
   * Pairs of entries for exactly the same names, the earlier in the file first. Their
   * types agree when they are the same or one is unknown: then the pair documents one
   * metric twice (duplicate-metric); otherwise one name with two types (type-conflict).
   */
  get sameNames(): {readonly first: MetricEntry; readonly second: MetricEntry; readonly typesAgree: boolean}[] {
    const metrics = this.catalog.metrics
    return this.index.overlaps.filter((overlap) => overlap.relation === 'same').map((overlap) => {
      const [first, second] = [metrics[overlap.first], metrics[overlap.second]]
      return {first, second, typesAgree: first.type === second.type || first.type === 'unknown' || second.type === 'unknown'}
    })
  }

  placeholder(name: string): Placeholder | undefined {
    return this.declared.get(name)
  }

  /** Every use of every placeholder, by name, in file order (the file's prefix first). */
  get uses(): ReadonlyMap<string, readonly PlaceholderUse[]> {
    if (this.usesByName) return this.usesByName
    const uses = new Map<string, PlaceholderUse[]>()
    const add = (name: string, use: PlaceholderUse) => {
      const list = uses.get(name)
      if (list) list.push(use)
      else uses.set(name, [use])
    }
    const addSegments = (segments: readonly TemplateSegment[], at: SourceRange, metric?: MetricEntry) => {
      for (const segment of segments) {
        for (const part of segment.parts) {
          if (part.kind === 'placeholder') add(part.name, {kind: segment.parts.length === 1 ? 'segment' : 'in-segment', segment, at, ...(metric ? {metric} : {})})
        }
      }
    }
    if (this.catalog.prefix) addSegments(this.catalog.prefix.segments, this.catalog.keys?.prefix?.value ?? START)
    for (const metric of this.catalog.metrics) {
      addSegments(metric.name.segments, nameRange(metric), metric)
      for (const tag of metric.tags) if (tag.placeholder !== undefined) add(tag.placeholder, {kind: 'tag', metric, tag, at: tagValueRange(tag)})
    }
    this.usesByName = uses
    return uses
  }
}

/** Where an entry's name is written, else the entry, else the top of the file. */
export function nameRange(metric: MetricEntry): SourceRange {
  return metric.keys?.name?.value ?? metric.at ?? START
}

/** Where a tag's value is written, else its key. */
export function tagValueRange(tag: TagSpec): SourceRange {
  return tag.keys?.values?.value ?? tag.at ?? START
}

/** Where a placeholder is declared. */
export function placeholderRange(placeholder: Placeholder): SourceRange {
  return placeholder.at ?? START
}

/** A closed list of values (a tag's `values`, a placeholder's `values`) and where it is written. */
export interface ClosedList {
  /** `tag path`, `placeholder region`: for messages. */
  readonly owner: string
  readonly values: readonly string[]
  readonly at: SourceRange
}

/** Every closed list of values in the catalogue, in file order. */
export function closedLists(catalog: Catalog): ClosedList[] {
  const lists: ClosedList[] = []
  for (const placeholder of catalog.placeholders) {
    if (placeholder.values) lists.push({owner: `placeholder ${placeholder.name}`, values: placeholder.values, at: placeholder.keys?.values?.value ?? placeholderRange(placeholder)})
  }
  for (const metric of catalog.metrics) {
    for (const tag of metric.tags) if (tag.values) lists.push({owner: `tag ${tag.key}`, values: tag.values, at: tagValueRange(tag)})
  }
  return lists.sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column)
}

/** How many segments a name has on the wire, a multi-segment placeholder counted as its segments (the file's prefix not counted). */
export function segmentCount(metric: MetricEntry, facts: CatalogFacts): number {
  return metric.name.segments.reduce((count, segment) => {
    const [only] = segment.parts
    const spans = segment.parts.length === 1 && only.kind === 'placeholder' ? facts.placeholder(only.name)?.segments?.length : undefined
    return count + (spans ?? 1)
  }, 0)
}

/** `line 12`, for messages that point at a second place. */
export function lineOf(range: SourceRange | undefined): string {
  return range === undefined ? 'elsewhere' : `line ${range.line}`
}
