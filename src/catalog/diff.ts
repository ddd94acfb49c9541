/**
 * What changed between two versions of a catalogue, each change classified (see
 * changes.ts) and placed where a reviewer looks: in the new file, or in the old one for
 * what was removed. Pure.
 *
 * Entries are paired by name and type. A name is compared without its placeholders'
 * names (`<FEED_CLASS>.reads` and `<feed>.reads` are one metric: a placeholder renamed)
 * and without the file's prefix, whose change is reported once. Unpaired entries are
 * then paired when only a placeholder moved (the same literal segments and placeholders,
 * in another order: breaking), or when they keep their type and description under a new
 * name (renamed: breaking). What is left was removed or added.
 */
import type {SourceRange} from '../mapping/model.js'
import type {MessageSeverity} from '../lint/result.js'
import type {ChangeKind} from './changes.js'
import {nameRange, placeholderRange, tagValueRange} from './facts.js'
import type {Catalog, MetricEntry, Placeholder, TagSpec} from './model.js'
import type {NameTemplate} from './template.js'
import {formatTemplate, placeholderNames} from './template.js'

export interface Change {
  readonly kind: ChangeKind
  /** The file it is reported in: the new one, or the old one for what is gone. */
  readonly side: 'old' | 'new'
  readonly at: SourceRange
  readonly data: Readonly<Record<string, string | number>>
  /** Where a kind of change is milder in one case (a type forgotten rather than changed). */
  readonly severity?: MessageSeverity
}

const START: SourceRange = {line: 1, column: 1, endLine: 1, endColumn: 1}

/** The name with each placeholder as `<>`: the same for names that differ only in their placeholders' names. */
function shapeKey(name: NameTemplate): string {
  return formatTemplate(name.segments.map((segment) => ({parts: segment.parts.map((part) => (part.kind === 'literal' ? part : {kind: 'literal' as const, text: '<>'}))})))
}

/** The literal segments in order, placeholders left out: equal when only placeholders moved. */
function literalsKey(name: NameTemplate): string {
  return name.segments.map((segment) => segment.parts.map((part) => (part.kind === 'literal' ? part.text : '')).join('')).filter((text) => text !== '').join('.')
}

const quote = (text: string | undefined) => (text === undefined ? 'nothing' : JSON.stringify(text))
const list = (values: readonly string[]) => values.map((value) => JSON.stringify(value)).join(', ')

/** The values a tag or placeholder takes: a closed set, or undefined for any value. */
function tagValues(tag: TagSpec, placeholders: ReadonlyMap<string, Placeholder>): readonly string[] | undefined {
  if (tag.values) return tag.values
  return tag.placeholder === undefined ? undefined : placeholders.get(tag.placeholder)?.values
}

/** Describes a change of closed values: what was taken away, what was added. */
function valueChanges(before: readonly string[] | undefined, after: readonly string[] | undefined): {removed?: string; added?: string} {
  if (before === undefined && after === undefined) return {}
  if (after === undefined) return {added: 'now takes any value'}
  if (before === undefined) return {removed: `now takes only ${list(after)}`}
  const removed = before.filter((value) => !after.includes(value))
  const added = after.filter((value) => !before.includes(value))
  return {
    ...(removed.length > 0 ? {removed: `no longer takes ${list(removed)}`} : {}),
    ...(added.length > 0 ? {added: `now also takes ${list(added)}`} : {}),
  }
}

class Differ {
  readonly changes: Change[] = []
  private readonly oldPlaceholders: ReadonlyMap<string, Placeholder>
  private readonly newPlaceholders: ReadonlyMap<string, Placeholder>

  constructor(private readonly before: Catalog, private readonly after: Catalog) {
    this.oldPlaceholders = new Map(before.placeholders.map((p) => [p.name, p]))
    this.newPlaceholders = new Map(after.placeholders.map((p) => [p.name, p]))
  }

  private add(kind: ChangeKind, side: 'old' | 'new', at: SourceRange | undefined, data: Record<string, string | number>, severity?: MessageSeverity): void {
    this.changes.push({kind, side, at: at ?? START, data, ...(severity ? {severity} : {})})
  }

  run(): Change[] {
    this.compareFile()
    this.comparePlaceholders()
    const pairs = this.pair()
    for (const [old, current] of pairs.paired) this.compareMetric(old, current)
    for (const [old, current] of pairs.moved) {
      const placeholders = placeholderNames(current.name).join(', ')
      this.add('placeholderMoved', 'new', nameRange(current), {old: old.name.text, name: current.name.text, placeholders})
      this.compareMetric(old, current, false)
    }
    for (const [old, current] of pairs.renamed) {
      this.add('metricRenamed', 'new', nameRange(current), {old: old.name.text, name: current.name.text})
      this.compareMetric(old, current, false)
    }
    for (const old of pairs.removed) {
      const note = old.deprecated ? ` (it was deprecated${old.deprecated.replacement ? ` for ${old.deprecated.replacement}` : ''})` : ''
      this.add('metricRemoved', 'old', nameRange(old), {name: old.name.text, type: old.type, note})
    }
    for (const current of pairs.added) this.add('metricAdded', 'new', nameRange(current), {name: current.name.text, type: current.type})
    return this.changes
  }

  private compareFile(): void {
    const [old, current] = [this.before.prefix, this.after.prefix]
    const at = this.after.keys?.prefix?.value ?? this.after.keys?.version?.key
    if ((old && shapeKey(old)) !== (current && shapeKey(current))) {
      this.add('prefixChanged', 'new', at, {old: quote(old?.text), new: quote(current?.text)})
    } else if (old && current && old.text !== current.text) {
      this.renamedPlaceholders(old, current, 'the prefix', at)
    }
    const [oldDefaults, newDefaults] = [JSON.stringify(this.before.prometheus ?? {}), JSON.stringify(this.after.prometheus ?? {})]
    if (oldDefaults !== newDefaults) this.add('prometheusChanged', 'new', this.after.keys?.prometheus?.key ?? at, {what: 'the file-wide prometheus: settings', old: oldDefaults, new: newDefaults})
  }

  private comparePlaceholders(): void {
    for (const current of this.after.placeholders) {
      const old = this.oldPlaceholders.get(current.name)
      if (old === undefined) continue
      const at = current.keys?.values?.value ?? placeholderRange(current)
      if ((old.segments?.length ?? 1) !== (current.segments?.length ?? 1)) {
        this.add('placeholderSegmentsChanged', 'new', current.keys?.segments?.value ?? placeholderRange(current), {placeholder: current.name, old: old.segments?.length ?? 1, new: current.segments?.length ?? 1})
      }
      const {removed, added} = valueChanges(old.values, current.values)
      if (removed) this.add('placeholderValueRemoved', 'new', at, {placeholder: current.name, what: removed})
      if (added) this.add('placeholderValueAdded', 'new', at, {placeholder: current.name, what: added})
    }
  }

  private renamedPlaceholders(old: NameTemplate, current: NameTemplate, where: string, at: SourceRange | undefined): void {
    const [before, after] = [placeholdersInOrder(old), placeholdersInOrder(current)]
    const seen = new Set<string>()
    before.forEach((name, i) => {
      const renamed = after[i]
      if (renamed === undefined || renamed === name || seen.has(name)) return
      seen.add(name)
      this.add('placeholderRenamed', 'new', at, {where, old: `<${name}>`, new: `<${renamed}>`})
    })
  }

  /** Pairs old and new entries, in passes from the surest to the loosest, each by a key (undefined: not in this pass). */
  private pair(): {paired: [MetricEntry, MetricEntry][]; moved: [MetricEntry, MetricEntry][]; renamed: [MetricEntry, MetricEntry][]; removed: MetricEntry[]; added: MetricEntry[]} {
    let oldLeft: readonly MetricEntry[] = this.before.metrics
    let newLeft: readonly MetricEntry[] = this.after.metrics
    const take = (key: (metric: MetricEntry) => string | undefined): [MetricEntry, MetricEntry][] => {
      const waiting = new Map<string, MetricEntry[]>()
      for (const old of oldLeft) {
        const k = key(old)
        if (k !== undefined) waiting.set(k, [...(waiting.get(k) ?? []), old])
      }
      const found: [MetricEntry, MetricEntry][] = []
      const unpaired: MetricEntry[] = []
      for (const current of newLeft) {
        const k = key(current)
        const old = k === undefined ? undefined : waiting.get(k)?.shift()
        if (old) found.push([old, current])
        else unpaired.push(current)
      }
      const taken = new Set(found.map(([old]) => old))
      oldLeft = oldLeft.filter((old) => !taken.has(old))
      newLeft = unpaired
      return found
    }
    const shapes = new Map<MetricEntry, string>()
    const shape = (metric: MetricEntry) => {
      let key = shapes.get(metric)
      if (key === undefined) shapes.set(metric, key = shapeKey(metric.name))
      return key
    }
    const paired = [
      ...take((metric) => `${metric.name.text}\u0000${metric.type}`),
      ...take((metric) => `${shape(metric)}\u0000${metric.type}`),
      ...take(shape),
    ]
    const moved = take((metric) => {
      const names = placeholderNames(metric.name)
      return names.length === 0 ? undefined : `${metric.type}\u0000${literalsKey(metric.name)}\u0000${names.sort().join(',')}`
    })
    const renamed = take((metric) => (metric.description ? `${metric.type}\u0000${metric.description}` : undefined))
    return {paired, moved, renamed, removed: [...oldLeft], added: [...newLeft]}
  }

  /** Compares a paired entry; `byName` is false for a moved or renamed one, whose name change is already reported. */
  private compareMetric(old: MetricEntry, current: MetricEntry, byName = true): void {
    const name = current.name.text
    const at = nameRange(current)
    if (byName && old.name.text !== current.name.text) this.renamedPlaceholders(old.name, current.name, name, at)
    if (old.type !== current.type) {
      if (old.type === 'unknown') this.add('typeDocumented', 'new', current.keys?.type?.value ?? at, {name, type: current.type})
      else this.add('typeChanged', 'new', current.keys?.type?.value ?? at, {name, old: old.type, new: current.type}, current.type === 'unknown' ? 'warning' : undefined)
    }
    for (const field of ['description', 'owner'] as const) {
      if ((old[field] ?? '') !== (current[field] ?? '')) this.add('textChanged', 'new', current.keys?.[field]?.value ?? at, {field, name})
    }
    if ((old.unit ?? '') !== (current.unit ?? '')) this.add('unitChanged', 'new', current.keys?.unit?.value ?? at, {name, old: quote(old.unit), new: quote(current.unit)})
    if (!old.deprecated && current.deprecated) {
      const replacement = current.deprecated.replacement ? `; use ${current.deprecated.replacement}` : ''
      this.add('metricDeprecated', 'new', current.deprecated.at ?? at, {name, replacement})
    } else if (old.deprecated && !current.deprecated) {
      this.add('textChanged', 'new', at, {field: 'deprecation (lifted)', name})
    }
    const [oldSeries, newSeries] = [seriesText(old), seriesText(current)]
    if (oldSeries !== newSeries) this.add('prometheusChanged', 'new', current.prometheus?.at ?? at, {what: `the Prometheus series of ${name}`, old: oldSeries, new: newSeries})
    this.compareTags(old, current)
  }

  private compareTags(old: MetricEntry, current: MetricEntry): void {
    const name = current.name.text
    const newTags = new Map(current.tags.map((tag) => [tag.key, tag]))
    for (const tag of old.tags) if (!newTags.has(tag.key)) this.add('tagRemoved', 'old', tag.at ?? nameRange(old), {name, tag: tag.key})
    const oldTags = new Map(old.tags.map((tag) => [tag.key, tag]))
    for (const tag of current.tags) {
      const before = oldTags.get(tag.key)
      if (before === undefined) {
        this.add('tagAdded', 'new', tag.at ?? nameRange(current), {name, tag: tag.key})
        continue
      }
      const at = tagValueRange(tag)
      const {removed, added} = valueChanges(tagValues(before, this.oldPlaceholders), tagValues(tag, this.newPlaceholders))
      if (removed) this.add('tagValueRemoved', 'new', at, {name, tag: tag.key, what: removed})
      if (added) this.add('tagValueAdded', 'new', at, {name, tag: tag.key, what: added})
      if ((before.optional === true) !== (tag.optional === true)) {
        const optional = tag.optional === true
        this.add('tagOptionalChanged', 'new', tag.keys?.optional?.value ?? at, {name, tag: tag.key, now: optional ? 'optional: some samples lack it' : 'on every sample'}, optional ? undefined : 'info')
      }
      for (const field of ['description', 'sensitive', 'allow', 'cardinality'] as const) {
        const [was, now] = [JSON.stringify(before[field]), JSON.stringify(tag[field])]
        if (was !== now) this.add('tagChanged', 'new', tag.keys?.[field]?.value ?? at, {field, tag: tag.key, name, old: was ?? 'nothing', new: now ?? 'nothing'})
      }
    }
  }
}

/** Placeholders in the order they appear, a repeated one each time. */
function placeholdersInOrder(name: NameTemplate): string[] {
  return name.segments.flatMap((segment) => segment.parts.flatMap((part) => (part.kind === 'placeholder' ? [part.name] : [])))
}

function seriesText(metric: MetricEntry): string {
  const spec = metric.prometheus
  if (spec === undefined) return 'none'
  return JSON.stringify({name: spec.name, labels: spec.labels, observer: spec.observer, buckets: spec.buckets})
}

export function diffCatalogs(before: Catalog, after: Catalog): Change[] {
  return new Differ(before, after).run()
}
