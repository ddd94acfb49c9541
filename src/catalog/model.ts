/**
 * The metric catalogue: one file that documents every metric an application sends
 * over statsd. This is its loaded form, shared by every reader and writer (the YAML
 * loader, the document importers, the renderers, the rules, the mapping generator and
 * the traffic checks).
 *
 * Positions, where a value came from a file, are 1-based lines and columns as in
 * src/mapping/model.ts. A catalogue made in memory (by an importer) has none.
 */
import type {KeyValueRange, SourceRange} from '../mapping/model.js'
import type {NameTemplate} from './template.js'

export type {KeyValueRange, SourceRange} from '../mapping/model.js'

/** The version this build reads and writes (`version: 1`). */
export const CATALOG_VERSION = 1

/** statsd's types as the docs name them; `unknown` when the docs do not say. */
export type StatsdType = 'counter' | 'gauge' | 'timer' | 'histogram' | 'distribution' | 'set' | 'unknown'
export const STATSD_TYPES: readonly StatsdType[] = ['counter', 'gauge', 'timer', 'histogram', 'distribution', 'set', 'unknown']

/** Where each written key of a mapping sits, when the catalogue came from a file. */
export type KeyRanges<Key extends string> = Readonly<Partial<Record<Key, KeyValueRange>>>

/**
 * A named variable part of names and tag values (`<FEED_CLASS>`, `<apikey>`). Declared
 * once under `placeholders:`; a placeholder used but not declared is an open value with
 * no description.
 */
export interface Placeholder {
  readonly name: string
  readonly description?: string
  /**
   * A placeholder that stands for several whole segments (a prefix such as
   * `lego.production`): the names of those segments, in order. Absent: one segment or
   * part of one.
   */
  readonly segments?: readonly string[]
  /** A closed set of values, where the docs list them. */
  readonly values?: readonly string[]
  /** Values to use where one is needed (golden samples, `send --catalog`); never a real secret. */
  readonly examples?: readonly string[]
  /** May carry personal or secret data (an API key, an e-mail address). */
  readonly sensitive?: boolean
  /** Ids of sensitive-data detectors whose findings are expected here (`uuid`, `high-entropy`). */
  readonly allow?: readonly string[]
  /** The most distinct values traffic should show; above it is a cardinality finding. */
  readonly cardinality?: number
  /** What an importer filled in by judgement rather than reading it, and why (as MetricEntry's `guessed`). */
  readonly guessed?: string
  readonly at?: SourceRange
  readonly keys?: KeyRanges<PlaceholderKey>
}
export type PlaceholderKey = 'description' | 'segments' | 'values' | 'examples' | 'sensitive' | 'allow' | 'cardinality' | 'guessed'

/**
 * A DogStatsD tag a metric carries (`path:v1.search`, `key:<apikey>`). Its values are a
 * closed list, a placeholder, or open (neither given).
 */
export interface TagSpec {
  readonly key: string
  /** A closed list of literal values. */
  readonly values?: readonly string[]
  /** The placeholder that stands for the value (`apikey` for `key:<apikey>`). */
  readonly placeholder?: string
  /**
   * Sent on some samples of the metric only (the docs list the name with and without
   * it). Absent or false: every sample carries it.
   */
  readonly optional?: boolean
  readonly description?: string
  readonly sensitive?: boolean
  readonly allow?: readonly string[]
  readonly cardinality?: number
  readonly at?: SourceRange
  readonly keys?: KeyRanges<TagKey>
}
export type TagKey = 'values' | 'optional' | 'description' | 'sensitive' | 'allow' | 'cardinality'

export interface Deprecation {
  /** The name template of the metric to use instead. */
  readonly replacement?: string
  readonly note?: string
  readonly at?: SourceRange
}

/** The Prometheus series the metric should become; read by the mapping generator. */
export interface PrometheusSpec {
  readonly name?: string
  /** Label name → the placeholder (or a segment name of a multi-segment one) that fills it. */
  readonly labels?: Readonly<Record<string, string>>
  readonly observer?: 'summary' | 'histogram'
  readonly buckets?: readonly number[]
  readonly at?: SourceRange
}

/** A field an importer or infer filled in by judgement rather than reading it, and why. */
export type Guesses = Readonly<Partial<Record<'type' | 'unit' | 'placeholders' | 'tags', string>>>

export interface MetricEntry {
  /** The statsd name template, without the file's `prefix`. */
  readonly name: NameTemplate
  readonly type: StatsdType
  readonly description?: string
  /** The unit of the values sent (`ms` for statsd timers, `bytes`, …). */
  readonly unit?: string
  readonly owner?: string
  /** Tags in the order the docs give them. */
  readonly tags: readonly TagSpec[]
  readonly deprecated?: Deprecation
  readonly prometheus?: PrometheusSpec
  /** Where it was documented: `docs/stats.rst:27`. */
  readonly source?: string
  readonly guessed?: Guesses
  /** The `- name: …` item, when loaded from a file. */
  readonly at?: SourceRange
  readonly keys?: KeyRanges<MetricKey>
}
export type MetricKey = 'name' | 'type' | 'description' | 'unit' | 'owner' | 'tags' | 'deprecated' | 'prometheus' | 'source' | 'guessed'

/** Naming conventions `catalog check` enforces; each is off unless set. */
export interface Conventions {
  readonly segments?: {readonly min?: number; readonly max?: number}
  /** The characters literal text may use, as a regular-expression character class body (`a-z0-9_`). */
  readonly characters?: string
  readonly case?: 'snake'
  /** Every name (after the file's prefix) starts with this literal segment. */
  readonly prefix?: string
  /** `namespace.object.action`, the action a past-tense verb, for these types (default counter). */
  readonly events?: {readonly types: readonly StatsdType[]; readonly verbs?: readonly string[]}
  readonly at?: SourceRange
}

/** File-wide choices for the Prometheus side (the mapping generator). */
export interface PrometheusDefaults {
  /** What the prefix placeholder's segments become: labels (default) or nothing. */
  readonly prefix?: 'labels' | 'drop'
  /** `base`: ms timers become `_seconds` with scale 0.001. */
  readonly units?: 'base' | 'as-sent'
}

export interface Catalog {
  readonly version: number
  /** Prepended with `.` to every metric name on the wire (the statsd client's prefix). */
  readonly prefix?: NameTemplate
  readonly placeholders: readonly Placeholder[]
  readonly conventions?: Conventions
  readonly prometheus?: PrometheusDefaults
  /** In file order. */
  readonly metrics: readonly MetricEntry[]
  readonly keys?: KeyRanges<CatalogKey>
}
export type CatalogKey = 'version' | 'prefix' | 'placeholders' | 'conventions' | 'prometheus' | 'metrics'
