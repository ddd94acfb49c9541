/**
 * Which samples tail shows: `--filter GLOB` on the name (any may match), `--type`, and
 * `--tag KEY[:VALUE]` (all must match). A glob's `*` matches any run of characters, dots
 * included, and `?` one character: `api.*` is everything under api.
 */
import type {MetricType, Sample} from '../statsd/sample.js'
import {re2js} from '../mapping/re2js.js'

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
    const names = globMatcher(spec.names)
    tests.push(sample => names(sample.name))
  }
  if (spec.types.length > 0) {
    const types = new Set(spec.types)
    tests.push(sample => types.has(sample.type))
  }
  for (const tag of spec.tags) {
    const value = tag.value === undefined ? undefined : globMatcher([tag.value])
    tests.push(sample => sample.tags.some(t => t.key === tag.key && (value === undefined || value(t.value ?? ''))))
  }
  if (tests.length === 0) return undefined
  return sample => tests.every(test => test(sample))
}

/**
 * Whether a text matches one of the globs, in time linear in the text: RE2 (re2js) runs
 * them. JavaScript's backtracking RegExp took minutes to refuse a 300-character name of
 * `a`s with `--filter '*a*a*a*a*b'`, and tail stopped meanwhile.
 */
function globMatcher(globs: readonly string[]): (text: string) => boolean {
  const regex = re2js().RE2JS.compile(`(?s)^(?:${globs.map(globSource).join('|')})$`)
  return text => regex.test(text)
}

/** The RE2 source for a glob: `*` any run, `?` one character, the rest literal. */
export function globSource(glob: string): string {
  let source = ''
  for (const char of glob) {
    if (char === '*') source += '.*'
    else if (char === '?') source += '.'
    else source += char.replace(/[.+^${}()|[\]\\/]/g, '\\$&')
  }
  return source
}
