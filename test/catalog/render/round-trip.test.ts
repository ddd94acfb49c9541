import {readFileSync} from 'node:fs'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {DocFormat} from '../../../src/catalog/import/index.js'
import {importDocuments} from '../../../src/catalog/import/index.js'
import type {Catalog, MetricEntry, Placeholder, TagSpec} from '../../../src/catalog/model.js'
import {STATSD_TYPES} from '../../../src/catalog/model.js'
import type {GroupBy} from '../../../src/catalog/render/index.js'
import {renderDocument} from '../../../src/catalog/render/index.js'
import {template} from '../../../src/catalog/template.js'

const fixture = (name: string) => readFileSync(new URL(`../import/fixtures/${name}`, import.meta.url), 'utf8')

/**
 * "The same catalogue": everything but where each entry was documented (`source`, which
 * points at the page it was read from) and what was guessed (`guessed`: the docs state a
 * type, so reading them again reads it rather than guessing it), entries in a fixed
 * order (docs grouped by type list them by type).
 */
function comparable(catalog: Catalog): Catalog {
  const entry = ({source: _source, guessed: _guessed, ...rest}: MetricEntry): MetricEntry => rest
  const placeholder = ({guessed: _guessed, ...rest}: Placeholder): Placeholder => rest
  const key = (metric: MetricEntry) => `${metric.name.text} ${metric.type}`
  return {
    ...catalog,
    placeholders: catalog.placeholders.map(placeholder),
    metrics: catalog.metrics.map(entry).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)),
  }
}

const FORMATS: readonly DocFormat[] = ['md', 'rst']
const GROUPS: readonly GroupBy[] = ['type', 'segment']
const LAYOUTS = FORMATS.flatMap(format => GROUPS.map(groupBy => ({format, groupBy})))

function roundTrip(catalog: Catalog, format: DocFormat, groupBy: GroupBy) {
  const page = renderDocument(catalog, {format, groupBy})
  const again = importDocuments([{text: page, fileName: `metrics.${format}`, format}])
  return {page, again}
}

describe('import → docs → import', () => {
  const docs = ['shop-stats.rst', 'batch-jobs.rst', 'dag-metrics.md', 'geo-api.rst', 'queue-metrics.md']
  it.each(docs.flatMap(doc => LAYOUTS.map(layout => ({doc, ...layout}))))('$doc as $format by $groupBy gives the same catalogue', ({doc, format, groupBy}) => {
    const first = importDocuments([{text: fixture(doc), fileName: doc, format: 'auto'}]).catalog
    const {page, again} = roundTrip(first, format, groupBy)
    expect(again.problems).toEqual([])
    expect(comparable(again.catalog)).toEqual(comparable(first))
    // And the docs of the catalogue read back are the same docs, byte for byte.
    expect(renderDocument(again.catalog, {format, groupBy})).toBe(page)
  })
})

// Catalogues in what the docs can say: names, types, tags (values, placeholder or any,
// optional, a one-paragraph description), descriptions, units, owners, deprecations,
// the prefix, and placeholders with their description, segments, values, examples.
const word = fc.stringMatching(/^[a-z][a-z0-9]{0,6}(?:_[a-z0-9]{1,4})?$/)
const placeholderName = fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/).filter(name => !/prefix/i.test(name))
const segment = fc.oneof({weight: 3, arbitrary: word}, {weight: 1, arbitrary: placeholderName.map(name => `<${name}>`)}, {weight: 1, arbitrary: fc.tuple(word, placeholderName).map(([w, p]) => `${w}_<${p}>`)})
const nameText = fc.array(segment, {minLength: 1, maxLength: 4}).map(parts => parts.join('.'))
const token = fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{0,8}$/).filter(value => !/[._-]$/.test(value))
const phrase = fc.array(
  fc.oneof(
    {weight: 6, arbitrary: word},
    {weight: 1, arbitrary: word.map(w => `\`${w}\``)},
    {weight: 1, arbitrary: word.map(w => `**${w}**`)},
    {weight: 1, arbitrary: fc.constantFrom('|', '(see', 'that)', 'a|b', 'x-y', '*', 'e.g.', '5%', 'word_', 'it`s`', '"q"', 'a:', '#1')},
  ),
  {minLength: 1, maxLength: 14},
).map(words => words.join(' '))
const sentence = phrase.map(text => `${text[0].toUpperCase()}${text.slice(1)}.`)
const paragraphs = fc.array(sentence, {minLength: 1, maxLength: 3}).map(list => list.join('\n\n'))

const tag: fc.Arbitrary<TagSpec> = fc
  .record({
    key: word,
    kind: fc.constantFrom('values', 'placeholder', 'open'),
    values: fc.uniqueArray(token, {minLength: 1, maxLength: 3}),
    placeholder: placeholderName,
    optional: fc.boolean(),
    description: fc.option(sentence, {nil: undefined}),
  })
  .map(({key, kind, values, placeholder, optional, description}) => ({
    key,
    ...(kind === 'values' ? {values} : kind === 'placeholder' ? {placeholder} : {}),
    ...(optional ? {optional} : {}),
    ...(description === undefined ? {} : {description}),
  }))

const metric: fc.Arbitrary<MetricEntry> = fc
  .record({
    name: nameText,
    type: fc.constantFrom(...STATSD_TYPES),
    description: fc.option(paragraphs, {nil: undefined}),
    unit: fc.option(fc.constantFrom('ms', 'bytes', 'requests'), {nil: undefined}),
    owner: fc.option(fc.constantFrom('feeds', 'team-search', 'ops'), {nil: undefined}),
    tags: fc.uniqueArray(tag, {selector: t => t.key, maxLength: 3}),
    deprecated: fc.option(fc.record({replacement: fc.option(nameText, {nil: undefined}), note: fc.option(phrase, {nil: undefined})}), {nil: undefined}),
  })
  .map(({name, type, tags, description, unit, owner, deprecated}): MetricEntry => ({
    name: template(name),
    type,
    tags,
    ...(description === undefined ? {} : {description}),
    ...(unit === undefined ? {} : {unit}),
    ...(owner === undefined ? {} : {owner}),
    ...(deprecated === undefined
      ? {}
      : {deprecated: {...(deprecated.replacement === undefined ? {} : {replacement: deprecated.replacement}), ...(deprecated.note === undefined ? {} : {note: deprecated.note})}}),
  }))

const placeholder = (name: string): fc.Arbitrary<Placeholder> =>
  fc
    .record({
      description: fc.option(paragraphs, {nil: undefined}),
      values: fc.option(fc.uniqueArray(token, {minLength: 1, maxLength: 3}), {nil: undefined}),
      examples: fc.option(fc.uniqueArray(token, {minLength: 1, maxLength: 2}), {nil: undefined}),
      sensitive: fc.option(fc.constant(true), {nil: undefined}),
    })
    .map(fields => ({name, ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined))}))

const catalog: fc.Arbitrary<Catalog> = fc
  .record({
    prefix: fc.option(fc.constantFrom('<PREFIX>', 'shop', 'shop.<env>'), {nil: undefined}),
    metrics: fc.uniqueArray(metric, {selector: entry => `${entry.name.text} ${entry.type}`, minLength: 1, maxLength: 6}),
    declared: fc.uniqueArray(placeholderName, {maxLength: 3}).chain(names => fc.tuple(...names.map(placeholder))),
    prefixSegments: fc.boolean(),
  })
  .map(({prefix, metrics, declared, prefixSegments}) => {
    const prefixDeclaration: Placeholder[] = prefix === '<PREFIX>' && prefixSegments ? [{name: 'PREFIX', segments: ['system', 'environment'], examples: ['shop.production']}] : []
    return {
      version: 1,
      ...(prefix === undefined ? {} : {prefix: template(prefix)}),
      placeholders: [...prefixDeclaration, ...declared],
      metrics,
    }
  })

describe('docs → import of any catalogue the docs can hold', () => {
  it.each(LAYOUTS)('as $format by $groupBy gives the catalogue back', ({format, groupBy}) => {
    fc.assert(
      fc.property(catalog, generated => {
        const {again} = roundTrip(generated, format, groupBy)
        expect(again.problems).toEqual([])
        expect(comparable(again.catalog)).toEqual(comparable(generated))
      }),
      {numRuns: 150},
    )
  })
})
