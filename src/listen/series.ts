/**
 * Series: one name, one type, one set of tags, as --aggregate and --top count them. The
 * table is bounded by --max-series. When it is full, a new series takes the room of the
 * idle series its owner let go of (see idle()), least recently used first, and one
 * finds no room only when every series is busy: what does not fit is counted, not kept.
 *
 * It runs once per sample, so a lookup allocates nothing: series are found by name, then
 * by a key for their type and tags that is built once per tag list (the parser shares one
 * frozen list between all the lines that repeat it). Tags are sorted in the key, so
 * `#a:1,b:2` and `#b:2,a:1` are one series, as they are one Prometheus series.
 *
 * With --by series a sample is counted under the Prometheus series its mapping makes
 * instead: the series name, and its labels as tags. A sample the mapping drops is counted
 * as such, not tabled; one without a series (no mapping, or one statsd_exporter rejects,
 * like a set) keeps its statsd name.
 */
import type {SeriesOutcome} from '../exporter/translate.js'
import {detach, type Labels} from '../statsd/parse.js'
import type {MetricType, Sample, Tag} from '../statsd/sample.js'
import type {GroupBy} from './options.js'

/*
 * A key is the type followed by `\n key \n =value` for each tag (`\n key \n` for a bare
 * one). A line never holds `\n`, so the key is unambiguous and can be read back.
 */
const SEPARATOR = '\n'

type KeysByType = Partial<Record<MetricType, string>>

const keysByTagList = new WeakMap<readonly Tag[], KeysByType>()

function typeAndTagsKey(type: MetricType, tags: readonly Tag[]): string {
  let keys = keysByTagList.get(tags)
  if (keys === undefined) {
    keys = {}
    keysByTagList.set(tags, keys)
  }
  return (keys[type] ??= type + encodeTags(tags))
}

function encodeTags(tags: readonly Tag[]): string {
  if (tags.length === 0) return ''
  const sorted = [...tags].sort((a, b) => compare(a.key, b.key) || compare(a.value ?? '', b.value ?? ''))
  let text = ''
  for (const tag of sorted) text += SEPARATOR + tag.key + SEPARATOR + (tag.value === undefined ? '' : '=' + tag.value)
  // A flat copy: the pieces may be slices of a packet.
  return detach(text)
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

const tagsByLabels = new WeakMap<Labels, readonly Tag[]>()

/**
 * Prometheus labels as tags, sorted by name, as the exposition format orders them. One
 * list per labels object, which the parser and the translator share between samples, so
 * that the list's key (above) is built once too.
 */
export function labelTags(labels: Labels): readonly Tag[] {
  let tags = tagsByLabels.get(labels)
  if (tags === undefined) {
    tags = Object.freeze(Object.keys(labels).sort(compare).map(key => ({key, value: labels[key]})))
    tagsByLabels.set(labels, tags)
  }
  return tags
}

/** The tags of a series, sorted, from its key. */
export function seriesTags(key: string): Tag[] {
  const fields = key.split(SEPARATOR)
  const tags: Tag[] = []
  for (let i = 1; i + 1 < fields.length; i += 2) {
    const value = fields[i + 1]
    tags.push(value === '' ? {key: fields[i]} : {key: fields[i], value: value.slice(1)})
  }
  return tags
}

/** What the table needs of a series' state: where it is filed, and its place among the idle. */
export interface TableEntry {
  readonly name: string
  /** Its type and tags (see above). */
  readonly key: string
  /** The table's: its neighbours in the list of idle series, when it is in it. */
  idleOlder: TableEntry | undefined
  idleNewer: TableEntry | undefined
}

/** The series of one name, under the one copy of the name they all share. */
interface NameEntry<State> {
  readonly name: string
  readonly series: Map<string, State>
}

export class SeriesTable<State extends TableEntry> {
  /** Samples of series that did not fit. */
  overflow = 0
  /** Idle series forgotten to make room for new ones. */
  evicted = 0
  /** Grouping by series: samples the mapping drops (`action: drop`, or a name that expands to nothing). */
  droppedByMapping = 0
  private count = 0
  private readonly byName = new Map<string, NameEntry<State>>()
  private readonly idleList = new IdleList<State>()

  constructor(
    private readonly maxSeries: number,
    /** Makes the state of a new series; `key` stands for its type and tags, and is shared, not copied. */
    private readonly create: (name: string, type: MetricType, key: string) => State,
    private readonly groupBy: GroupBy = 'name',
    /** Whether a state let go of (see idle()) is still idle: a sample since then makes it busy again. */
    private readonly stillIdle: (state: State) => boolean = () => true,
  ) {}

  /**
   * The state of the sample's series, created on first sight; undefined when the table is
   * full, or when grouping by series and the mapping drops the sample. `series` is the
   * Prometheus series the sample becomes, if a mapping ran.
   */
  get(sample: Sample, series?: SeriesOutcome): State | undefined {
    let {name, tags} = sample
    if (this.groupBy === 'series' && series !== undefined) {
      if (series.status === 'dropped' || series.status === 'empty-name') {
        this.droppedByMapping++
        return undefined
      }
      name = series.name
      tags = labelTags(series.labels)
    }
    const key = typeAndTagsKey(sample.type, tags)
    let entry = this.byName.get(name)
    const found = entry?.series.get(key)
    if (found !== undefined) return found
    if (this.count >= this.maxSeries) {
      if (!this.evictOne()) {
        this.overflow++
        return undefined
      }
      // The series evicted may have been the last of this name.
      entry = this.byName.get(name)
    }
    if (entry === undefined) {
      // The name may be a slice of the packet: keep a copy, so that the packet can go.
      const own = detach(name)
      entry = {name: own, series: new Map()}
      this.byName.set(own, entry)
    }
    const state = this.create(entry.name, sample.type, key)
    entry.series.set(key, state)
    this.count++
    return state
  }

  get size(): number {
    return this.count
  }

  /** Distinct series with this name: the cardinality --top shows. */
  cardinality(name: string): number {
    return this.byName.get(name)?.series.size ?? 0
  }

  *values(): IterableIterator<State> {
    for (const entry of this.byName.values()) yield* entry.series.values()
  }

  /**
   * Lets the state go: its room may go to a new series while it stays idle. States let go
   * of later are evicted later; a state that gets busy again is let go of again.
   */
  idle(state: State): void {
    this.idleList.append(state)
  }

  /** Forgets the series for which `idle` says so, freeing room for new ones. */
  sweep(idle: (state: State) => boolean): void {
    for (const [name, {series}] of this.byName) {
      for (const [key, state] of series) {
        if (!idle(state)) continue
        series.delete(key)
        this.idleList.remove(state)
        this.count--
      }
      if (series.size === 0) this.byName.delete(name)
    }
  }

  /** Forgets the least recently used idle series, if there is one. */
  private evictOne(): boolean {
    const state = this.idleList.takeOldest(this.stillIdle)
    if (state === undefined) return false
    const entry = this.byName.get(state.name)
    entry?.series.delete(state.key)
    if (entry?.series.size === 0) this.byName.delete(state.name)
    this.count--
    this.evicted++
    return true
  }
}

/**
 * The states let go of, oldest first: a list threaded through the states themselves, so
 * that letting one go (again) allocates nothing and the list never outgrows the table.
 * A state that got busy since it was let go of is dropped from the list when its turn
 * comes; the table lets it go again, to the newest end, once it is idle again.
 */
class IdleList<State extends TableEntry> {
  private oldest: TableEntry | undefined
  private newest: TableEntry | undefined

  /** Puts the state at the newest end (moving it there if it is in the list already). */
  append(state: State): void {
    this.remove(state)
    state.idleOlder = this.newest
    if (this.newest === undefined) this.oldest = state
    else this.newest.idleNewer = state
    this.newest = state
  }

  remove(state: State): void {
    if (state.idleOlder === undefined && this.oldest !== state) return
    if (state.idleOlder === undefined) this.oldest = state.idleNewer
    else state.idleOlder.idleNewer = state.idleNewer
    if (state.idleNewer === undefined) this.newest = state.idleOlder
    else state.idleNewer.idleOlder = state.idleOlder
    state.idleOlder = state.idleNewer = undefined
  }

  /** The oldest state still idle, taken out of the list; busy ones before it leave the list too. */
  takeOldest(stillIdle: (state: State) => boolean): State | undefined {
    for (let state = this.oldest as State | undefined; state !== undefined; state = this.oldest as State | undefined) {
      this.remove(state)
      if (stillIdle(state)) return state
    }
    return undefined
  }
}
