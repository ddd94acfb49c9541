import {describe, expect, it} from 'vitest'
import {exampleSamples} from '../../../src/catalog/generate/examples.js'
import {loadCatalog} from '../../../src/catalog/load.js'
import {indexCatalog} from '../../../src/catalog/match.js'

function samplesOf(yaml: string) {
  const {catalog, diagnostics} = loadCatalog(yaml)
  if (!catalog) throw new Error(JSON.stringify(diagnostics))
  return exampleSamples(catalog, indexCatalog(catalog))
}

describe('exampleSamples', () => {
  it('fills placeholders from examples, then closed values, then their names, with the prefix', () => {
    const samples = samplesOf(`version: 1
prefix: <PREFIX>
placeholders:
  PREFIX: {segments: [system, environment], examples: [lego.production]}
  FEED_CLASS: {values: [user_feed, notification_feed]}
metrics:
  - name: <FEED_CLASS>.reads
    type: counter
  - name: instance.create.<APP>.<MODEL>
    type: counter
  - name: jobs.<job_name>_start
    type: counter
`)
    expect(samples.map(s => s.name)).toEqual(['lego.production.user_feed.reads', 'lego.production.instance.create.app.model', 'lego.production.jobs.job_name_start'])
    expect(samples[0].values).toEqual({PREFIX: 'lego.production', FEED_CLASS: 'user_feed'})
  })

  it('gives every tag a value: a closed one, its placeholder\'s, or one made from the key', () => {
    const [sample] = samplesOf(`version: 1
placeholders:
  apikey: {examples: [test]}
metrics:
  - name: locate.request
    type: counter
    tags:
      path: [v1.search, v1.geolocate]
      key: <apikey>
      region: {}
`)
    expect(sample.tags).toEqual([['path', 'v1.search'], ['key', 'test'], ['region', 'region']])
  })

  it('uses another value when the first would name a more specific entry', () => {
    const samples = samplesOf(`version: 1
metrics:
  - name: a.b
    type: counter
  - name: a.<b>
    type: counter
`)
    expect(samples.map(s => s.name)).toEqual(['a.b', 'a.b2'])
  })

  it('leaves out an entry whose every name belongs to another, and a multi-segment placeholder with no example gets its segment names', () => {
    const samples = samplesOf(`version: 1
placeholders:
  x: {values: [b]}
  P: {segments: [one, two]}
metrics:
  - name: a.b
    type: counter
  - name: a.<x>
    type: counter
  - name: <P>.c
    type: gauge
`)
    expect(samples.map(s => [s.index, s.name])).toEqual([[0, 'a.b'], [2, 'one.two.c']])
  })
})
