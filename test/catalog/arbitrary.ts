/**
 * fast-check arbitraries for catalogues the loader can produce: every field the format
 * has, text that YAML would read as something else unless quoted, and the tag forms.
 */
import fc from 'fast-check'
import type {Catalog, Conventions, Deprecation, MetricEntry, Placeholder, PrometheusDefaults, PrometheusSpec, TagSpec} from '../../src/catalog/model.js'
import {STATSD_TYPES} from '../../src/catalog/model.js'
import {template} from '../../src/catalog/template.js'

/** Text that tempts a writer into a mistake, and ordinary text. */
const trickyText = fc.constantFrom(
  'false', 'True', '1.0', '200', '0x1F', '1_000', '.5', '1:20', 'yes', 'no', 'on', 'null', '~', '-', '- x', '? q', ': r',
  'a: b', 'a #b', '#x', '"q"', "it's", '[x]', '{y}', '*a', '&b', '!c', '%d', '@e', '`f', '|g', '>h', ' lead', 'trail ',
  'tab\there', 'two\nlines', 'ends\n', 'back\\slash', 'é ünïcode ✓', '<x>', 'a,b', 'colon:inside', 'http://x/y', 'x: ',
)
const ordinaryText = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ,.'()_-]{0,30}$/)
export const text = fc.oneof(trickyText, ordinaryText, fc.string({minLength: 1, maxLength: 12}))

const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/)
const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/)

/** A tag value: not empty, without `,`, `|`, line breaks or angle brackets. */
const tagValue = text.filter((value) => value !== '' && !/[,|\n\r<>]/.test(value))
const tagKey = fc.oneof(word, fc.constantFrom('Key', 'geo-ip', 'x.y', 'true', '1'))

const someList = <T>(item: fc.Arbitrary<T>) => fc.array(item, {minLength: 1, maxLength: 4})

function optional<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arbitrary, {nil: undefined})
}

/** Drops undefined fields, as the loader leaves absent keys out. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

const placeholder: fc.Arbitrary<Omit<Placeholder, 'name'>> = fc.record({
  description: optional(text),
  values: optional(someList(text.filter((v) => !v.includes('.')))),
  examples: optional(someList(text.filter((v) => !v.includes('.')))),
  sensitive: optional(fc.boolean()),
  allow: optional(someList(fc.constantFrom('uuid', 'high-entropy', 'email'))),
  cardinality: optional(fc.integer({min: 1, max: 1_000_000})),
  guessed: optional(text),
}).map(defined)

const segmentPlaceholder: fc.Arbitrary<Omit<Placeholder, 'name'>> = fc.record({
  description: optional(text),
  segments: fc.constantFrom(['system', 'environment'], ['region']),
}).chain((p) => fc.record({
  description: fc.constant(p.description),
  segments: fc.constant(p.segments),
  examples: optional(someList(fc.array(word, {minLength: p.segments.length, maxLength: p.segments.length}).map((parts) => parts.join('.')))),
  guessed: optional(text),
}).map(defined))

const templateText = fc.array(
  fc.oneof(word, identifier.map((name) => `<${name}>`), fc.tuple(word, identifier).map(([w, name]) => `${w}_<${name}>`), fc.tuple(identifier, word).map(([name, w]) => `<${name}>-${w}`)),
  {minLength: 1, maxLength: 5},
).map((segments) => segments.join('.'))

const tag: fc.Arbitrary<TagSpec> = fc.record({
  key: tagKey,
  kind: fc.constantFrom('open', 'placeholder', 'values', 'one'),
  placeholder: identifier,
  values: fc.array(tagValue, {maxLength: 4}),
  one: tagValue,
  // The writer writes `optional: true` only: false is what an absent key means.
  optional: optional(fc.constant(true)),
  description: optional(text),
  sensitive: optional(fc.boolean()),
  allow: optional(fc.array(fc.constantFrom('uuid', 'email'), {maxLength: 2})),
  cardinality: optional(fc.integer({min: 1, max: 10_000})),
}).map(({key, kind, placeholder, values, one, ...details}) => defined({
  key,
  ...(kind === 'placeholder' ? {placeholder} : kind === 'values' ? {values} : kind === 'one' ? {values: [one]} : {}),
  ...details,
}))

const deprecation: fc.Arbitrary<Deprecation> = fc.record({replacement: optional(templateText), note: optional(text)}).map(defined)

const prometheusSpec: fc.Arbitrary<PrometheusSpec> = fc.record({
  name: fc.stringMatching(/^[a-z_][a-z0-9_:]{0,20}$/),
  labels: optional(fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/), identifier, {minKeys: 1, maxKeys: 3})),
  observer: optional(fc.constantFrom('summary' as const, 'histogram' as const)),
  buckets: optional(someList(fc.double({noNaN: true, noDefaultInfinity: true}).filter((n) => !Object.is(n, -0)))),
}).map(defined)

const metric: fc.Arbitrary<MetricEntry> = fc.record({
  name: templateText.map(template),
  type: fc.constantFrom(...STATSD_TYPES),
  description: optional(text),
  unit: optional(fc.constantFrom('ms', 'bytes', 's', '1.0', 'requests/s')),
  owner: optional(text),
  tags: fc.uniqueArray(tag, {selector: (t) => t.key, maxLength: 4}),
  deprecated: optional(deprecation),
  prometheus: optional(prometheusSpec),
  source: optional(fc.constantFrom('docs/stats.rst:27', 'README.md:3', 'a b.md:10')),
  guessed: optional(fc.record({type: text, unit: optional(text), placeholders: optional(text), tags: optional(text)}).map(defined)),
}).map(defined)

const conventions: fc.Arbitrary<Conventions> = fc.record({
  segments: optional(fc.record({min: fc.integer({min: 1, max: 3}), max: fc.integer({min: 3, max: 9})})),
  characters: optional(fc.constantFrom('a-z0-9_', 'a-zA-Z0-9_\\-')),
  case: fc.constant('snake' as const),
  prefix: optional(word),
  events: optional(fc.record({types: someList(fc.constantFrom(...STATSD_TYPES)), verbs: optional(someList(word))}).map(defined)),
}).map(defined)

const prometheusDefaults: fc.Arbitrary<PrometheusDefaults> = fc.record({
  prefix: optional(fc.constantFrom('labels' as const, 'drop' as const)),
  units: fc.constantFrom('base' as const, 'as-sent' as const),
}).map(defined)

export const catalog: fc.Arbitrary<Catalog> = fc.record({
  prefix: optional(fc.constantFrom('<PREFIX>', 'lego.production', 'app.<env>').map(template)),
  placeholders: fc.uniqueArray(fc.tuple(identifier, fc.oneof(placeholder, segmentPlaceholder)), {selector: ([name]) => name, maxLength: 4})
    .map((list) => list.map(([name, fields]) => ({name, ...fields}))),
  conventions: optional(conventions),
  prometheus: optional(prometheusDefaults),
  metrics: fc.array(metric, {maxLength: 6}),
}).map((fields) => defined({version: 1, ...fields}))

/** A catalogue without what only a file gives it: positions. */
export function withoutPositions<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'at' || key === 'keys' ? undefined : v))) as T
}
