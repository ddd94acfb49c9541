/**
 * Concrete statsd samples for catalogue entries: a name with every placeholder filled
 * in, and the entry's tags with a value each. Golden samples (`catalog mapping
 * --samples`), `send --catalog` and `lint --catalog` all need one of each documented
 * metric, and must agree on what it is. Pure.
 *
 * A placeholder's value is, in order: one of its `examples`, one of its closed `values`,
 * or one made from its name (`<FEED_CLASS>` → `feed_class`; a placeholder spanning
 * segments → its segment names). A value made up may happen to be another entry's
 * literal text (`a.<x>` filled with `b` is `a.b`, documented elsewhere): every sample is
 * matched back through the catalogue's index, and another variant is tried until the
 * name belongs to its own entry.
 */
import type {CatalogIndex} from '../match.js'
import type {Catalog, MetricEntry, Placeholder, TagSpec} from '../model.js'
import type {NameTemplate} from '../template.js'
import {joinTemplates} from '../template.js'

export interface ExampleSample {
  /** The entry's index in `catalog.metrics`. */
  readonly index: number
  /** The full statsd name, the file's prefix included. */
  readonly name: string
  /** Placeholder name → the text it stands for (a multi-segment one's segments joined with `.`). */
  readonly values: Readonly<Record<string, string>>
  /** Every documented tag, in the entry's order, each with a value. */
  readonly tags: readonly (readonly [key: string, value: string])[]
}

/** Variants tried before giving up on an entry whose every made-up name belongs to another. */
const MAX_VARIANTS = 16

/**
 * One sample per entry, in file order. An entry none of whose variants matches back to
 * it (every name it can have is documented more specifically elsewhere) is left out:
 * `catalog check` reports it as shadowed.
 */
export function exampleSamples(catalog: Catalog, index: CatalogIndex): ExampleSample[] {
  const placeholders = new Map(catalog.placeholders.map(placeholder => [placeholder.name, placeholder]))
  const samples: ExampleSample[] = []
  catalog.metrics.forEach((entry, entryIndex) => {
    for (let variant = 0; variant < MAX_VARIANTS; variant++) {
      const sample = exampleSample(catalog, entry, entryIndex, placeholders, variant)
      if (index.match(sample.name, entry.type)?.index === entryIndex) {
        samples.push(sample)
        return
      }
    }
  })
  return samples
}

function exampleSample(catalog: Catalog, entry: MetricEntry, index: number, placeholders: ReadonlyMap<string, Placeholder>, variant: number): ExampleSample {
  const values: Record<string, string> = {}
  const valueOf = (name: string): string => (values[name] ??= placeholderValue(name, placeholders.get(name), variant))
  const name = fill(joinTemplates(catalog.prefix, entry.name), valueOf)
  const tags = entry.tags.map(tag => [tag.key, tagValue(tag, valueOf, variant)] as const)
  return {index, name, values, tags}
}

function fill(template: NameTemplate, valueOf: (placeholder: string) => string): string {
  return template.segments.map(segment => segment.parts.map(part => (part.kind === 'literal' ? part.text : valueOf(part.name))).join('')).join('.')
}

function placeholderValue(name: string, placeholder: Placeholder | undefined, variant: number): string {
  const given = placeholder?.examples?.length ? placeholder.examples : placeholder?.values
  if (given?.length) return pick(given, variant)
  const made = placeholder?.segments?.length ? placeholder.segments.map(madeUp).join('.') : madeUp(name)
  return variant === 0 ? made : `${made}${variant + 1}`
}

function tagValue(tag: TagSpec, valueOf: (placeholder: string) => string, variant: number): string {
  if (tag.values?.length) return pick(tag.values, variant)
  if (tag.placeholder !== undefined) return valueOf(tag.placeholder)
  return variant === 0 ? madeUp(tag.key) : `${madeUp(tag.key)}${variant + 1}`
}

/** Past the given ones, variants cycle through them: only made-up values grow a number. */
function pick(values: readonly string[], variant: number): string {
  return values[variant % values.length]
}

/** `FEED_CLASS` → `feed_class`, `apiKey` → `apikey`: lower case reads as a value, and stays a valid name part. */
function madeUp(name: string): string {
  return name.toLowerCase()
}
