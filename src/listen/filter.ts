/**
 * Which samples tail shows: `--filter GLOB` on the name (any may match), `--type`, and
 * `--tag KEY[:VALUE]` (all must match). A glob's `*` matches any run of characters, dots
 * included, and `?` one character: `api.*` is everything under api.
 */
import type {MetricType, Sample} from '../statsd/sample.js'

export interface TagFilter {
  readonly key: string
  /** A glob; absent means any value, or none. */
  readonly value?: string
}

export interface FilterSpec {
  readonly names: readonly string[]
  readonly types: readonly MetricType[]
  readonly tags: readonly TagFilter[]
}

export type SampleFilter = (sample: Sample) => boolean

/** The filter, or undefined when it lets everything through (bad lines included). */
export function compileFilter(spec: FilterSpec): SampleFilter | undefined {
  const tests: SampleFilter[] = []
  if (spec.names.length > 0) {
    const names = new RegExp(`^(?:${spec.names.map(globSource).join('|')})$`, 'su')
    tests.push(sample => names.test(sample.name))
  }
  if (spec.types.length > 0) {
    const types = new Set(spec.types)
    tests.push(sample => types.has(sample.type))
  }
  for (const tag of spec.tags) {
    const value = tag.value === undefined ? undefined : new RegExp(`^${globSource(tag.value)}$`, 'su')
    tests.push(sample => sample.tags.some(t => t.key === tag.key && (value === undefined || value.test(t.value ?? ''))))
  }
  if (tests.length === 0) return undefined
  return sample => tests.every(test => test(sample))
}

/** The regular expression source for a glob: `*` any run, `?` one character, the rest literal. */
export function globSource(glob: string): string {
  let source = ''
  for (const char of glob) {
    if (char === '*') source += '.*'
    else if (char === '?') source += '.'
    else source += char.replace(/[.+^${}()|[\]\\/]/g, '\\$&')
  }
  return source
}
