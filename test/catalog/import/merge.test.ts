import {describe, expect, it} from 'vitest'
import {mergeCatalogs} from '../../../src/catalog/import/merge.js'
import type {Catalog, MetricEntry} from '../../../src/catalog/model.js'
import {template} from '../../../src/catalog/template.js'

const entry = (name: string, fields: Partial<MetricEntry> = {}): MetricEntry => ({name: template(name), type: 'unknown', tags: [], ...fields})
const catalog = (metrics: MetricEntry[], fields: Partial<Catalog> = {}): Catalog => ({version: 1, placeholders: [], metrics, ...fields})

describe('import --merge', () => {
  const existing = catalog(
    [
      entry('feed.reads', {type: 'counter', description: 'Written by hand.', owner: 'feeds', prometheus: {name: 'feed_reads_total'}, tags: [{key: 'key', placeholder: 'apikey', sensitive: true, description: 'The API key.'}]}),
      entry('feed.latency', {type: 'timer', source: 'old.rst:3'}),
      entry('feed.writes', {type: 'unknown'}),
      entry('hand.only', {type: 'gauge', description: 'Not in the docs.'}),
    ],
    {placeholders: [{name: 'apikey', sensitive: true, allow: ['uuid']}], conventions: {case: 'snake'}},
  )
  const imported = catalog(
    [
      entry('feed.reads', {type: 'counter', description: 'From the docs.', source: 'stats.rst:10', tags: [{key: 'key', values: ['a', 'b'], optional: true}, {key: 'region', placeholder: 'region'}]}),
      entry('feed.latency', {type: 'counter', source: 'stats.rst:11', guessed: {type: "name has 'total'"}}),
      entry('feed.writes', {type: 'counter', source: 'stats.rst:12'}),
      entry('feed.deletes', {type: 'counter', description: 'New in the docs.', source: 'stats.rst:13'}),
    ],
    {placeholders: [{name: 'apikey', description: 'The key short name.', examples: ['test']}, {name: 'region', values: ['eu']}]},
  )

  it('updates facts from the docs, keeps text written by hand, keeps what the docs do not mention', () => {
    const {catalog: merged, notes} = mergeCatalogs(existing, imported)
    expect(merged).toEqual({
      version: 1,
      conventions: {case: 'snake'},
      placeholders: [
        {name: 'apikey', description: 'The key short name.', examples: ['test'], sensitive: true, allow: ['uuid']},
        {name: 'region', values: ['eu']},
      ],
      metrics: [
        entry('feed.reads', {
          type: 'counter',
          description: 'Written by hand.',
          owner: 'feeds',
          prometheus: {name: 'feed_reads_total'},
          tags: [{key: 'key', values: ['a', 'b'], optional: true, sensitive: true, description: 'The API key.'}, {key: 'region', placeholder: 'region'}],
          source: 'stats.rst:10',
        }),
        // A guessed type does not replace a type written by hand.
        entry('feed.latency', {type: 'timer', source: 'stats.rst:11'}),
        // A type the docs state replaces one nobody knew.
        entry('feed.writes', {type: 'counter', source: 'stats.rst:12'}),
        entry('hand.only', {type: 'gauge', description: 'Not in the docs.'}),
        entry('feed.deletes', {type: 'counter', description: 'New in the docs.', source: 'stats.rst:13'}),
      ],
    })
    expect(notes).toEqual(['1 entry of the catalogue is not in the docs; kept as it is'])
  })

  it('adds a name the docs give another known type as a second entry', () => {
    const {catalog: merged} = mergeCatalogs(catalog([entry('a.b', {type: 'timer'})]), catalog([entry('a.b', {type: 'counter'})]))
    expect(merged.metrics.map(metric => `${metric.name.text} ${metric.type}`)).toEqual(['a.b timer', 'a.b counter'])
  })

  it('keeps the catalogue’s prefix: the docs’ names are taken relative to it, or not merged when outside it', () => {
    const withPrefix = catalog([entry('feed.reads', {type: 'counter'})], {prefix: template('<PREFIX>')})
    const docs = catalog([entry('<PREFIX>.feed.writes', {type: 'counter'}), entry('other.name', {type: 'gauge', source: 'x.md:4'})])
    const {catalog: merged, notes} = mergeCatalogs(withPrefix, docs)
    expect(merged.prefix?.text).toBe('<PREFIX>')
    expect(merged.metrics.map(metric => metric.name.text)).toEqual(['feed.reads', 'feed.writes'])
    expect(notes).toEqual(["other.name (x.md:4) does not start with the catalogue's prefix <PREFIX>; not merged", '1 entry of the catalogue is not in the docs; kept as it is'])
  })

  it('takes the docs’ prefix into an empty catalogue', () => {
    const {catalog: merged} = mergeCatalogs(catalog([]), catalog([entry('reads', {type: 'counter'})], {prefix: template('<PREFIX>')}))
    expect(merged.prefix?.text).toBe('<PREFIX>')
    expect(merged.metrics.map(metric => metric.name.text)).toEqual(['reads'])
  })
})
