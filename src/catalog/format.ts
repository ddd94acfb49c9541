/**
 * The keys of the catalogue file, in the order the writer puts them and the spec lists
 * them. The loader knows a key exactly when it is here; the JSON Schema's properties are
 * checked against these lists by its tests.
 */
import type {CatalogKey, Conventions, Deprecation, Guesses, MetricKey, PlaceholderKey, PrometheusDefaults, PrometheusSpec, TagKey} from './model.js'

/** Every key of K, in the given order; the compiler refuses a list that misses one or adds another. */
function keysOf<K extends string>() {
  return <const L extends readonly K[]>(keys: [Exclude<K, L[number]>] extends [never] ? L : never): readonly K[] => keys
}

type KeyOf<T> = Exclude<keyof T, 'at'> & string

export const CATALOG_KEYS = keysOf<CatalogKey>()(['version', 'prefix', 'placeholders', 'conventions', 'prometheus', 'metrics'])
export const PLACEHOLDER_KEYS = keysOf<PlaceholderKey>()(['description', 'segments', 'values', 'examples', 'sensitive', 'allow', 'cardinality', 'guessed'])
export const CONVENTION_KEYS = keysOf<KeyOf<Conventions>>()(['segments', 'characters', 'case', 'prefix', 'events'])
export const SEGMENT_COUNT_KEYS = keysOf<'min' | 'max'>()(['min', 'max'])
export const EVENT_KEYS = keysOf<'types' | 'verbs'>()(['types', 'verbs'])
export const PROMETHEUS_DEFAULT_KEYS = keysOf<KeyOf<PrometheusDefaults>>()(['prefix', 'units'])
export const METRIC_KEYS = keysOf<MetricKey>()(['name', 'type', 'description', 'unit', 'owner', 'tags', 'deprecated', 'prometheus', 'source', 'guessed'])
export const TAG_KEYS = keysOf<TagKey>()(['values', 'optional', 'description', 'sensitive', 'allow', 'cardinality'])
export const DEPRECATION_KEYS = keysOf<KeyOf<Deprecation>>()(['replacement', 'note'])
export const METRIC_PROMETHEUS_KEYS = keysOf<KeyOf<PrometheusSpec>>()(['name', 'labels', 'observer', 'buckets'])
export const GUESS_KEYS = keysOf<KeyOf<Guesses>>()(['type', 'unit', 'placeholders', 'tags'])

export const NAMING_CASES = ['snake'] as const satisfies readonly NonNullable<Conventions['case']>[]
export const OBSERVERS = ['summary', 'histogram'] as const satisfies readonly NonNullable<PrometheusSpec['observer']>[]
export const PREFIX_CHOICES = ['labels', 'drop'] as const satisfies readonly NonNullable<PrometheusDefaults['prefix']>[]
export const UNIT_CHOICES = ['base', 'as-sent'] as const satisfies readonly NonNullable<PrometheusDefaults['units']>[]

/** The file name looked for in the working directory. */
export const CATALOG_FILE_NAME = 'metrics.catalog.yml'
