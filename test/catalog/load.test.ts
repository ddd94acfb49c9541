import {readFileSync} from 'node:fs'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {CatalogDiagnosticCode} from '../../src/catalog/load.js'
import {loadCatalog} from '../../src/catalog/load.js'
import {withoutPositions} from './arbitrary.js'

const lines = (...all: string[]): string => all.join('\n') + '\n'
const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url))
const metric = (...body: string[]) => lines('version: 1', 'metrics:', ...body)

describe('loadCatalog', () => {
  it('reads every key of the spec example, short tag forms included', () => {
    const {catalog, diagnostics} = loadCatalog(fixture('spec-example.catalog.yml'))
    expect(diagnostics).toEqual([])
    const plain = withoutPositions(catalog)
    expect(plain?.prefix?.text).toBe('<PREFIX>')
    expect(plain?.placeholders.map((p) => p.name)).toEqual(['PREFIX', 'FEED_CLASS', 'apikey', 'region_code'])
    expect(plain?.placeholders[0]).toEqual({name: 'PREFIX', description: 'lego.production or lego.staging', segments: ['system', 'environment'], examples: ['lego.production']})
    expect(plain?.conventions).toEqual({segments: {min: 2, max: 6}, characters: 'a-z0-9_', case: 'snake', prefix: 'location', events: {types: ['counter'], verbs: ['published', 'removed']}})
    expect(plain?.prometheus).toEqual({prefix: 'labels', units: 'base'})
    const [entry] = plain?.metrics ?? []
    expect(entry.name.text).toBe('<FEED_CLASS>.fanout_latency')
    expect(entry.tags).toEqual([
      {key: 'key', placeholder: 'apikey'},
      {key: 'path', values: ['v1.search', 'v1.geolocate']},
      {key: 'geoip', values: ['false']},
      {key: 'region', placeholder: 'region_code', description: "The caller's region", sensitive: false, allow: [], cardinality: 300},
      {key: 'source'},
    ])
    expect(entry.deprecated).toEqual({replacement: 'feed.fanout_seconds', note: 'Use seconds.'})
    expect(entry.prometheus).toEqual({name: 'feed_fanout_latency_seconds', labels: {feed: 'FEED_CLASS'}, observer: 'histogram', buckets: [0.01, 0.1, 1]})
    expect(entry.source).toBe('docs/stats.rst:27')
    expect(entry.guessed).toEqual({type: "description starts 'Track the time'"})
  })

  it("reads the README's example without a problem", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    const start = readme.indexOf('```yaml', readme.indexOf('#### The catalogue file')) + '```yaml\n'.length
    const result = loadCatalog(readme.slice(start, readme.indexOf('```', start)))
    expect(result.diagnostics).toEqual([])
    expect(result.catalog?.metrics[0].tags).toHaveLength(5)
  })

  it('says where every entry, key and tag was written', () => {
    const {catalog} = loadCatalog(lines('version: 1', 'placeholders:', '  feed: {}', 'metrics:', '  - name: a.<feed>', '    type: counter', '    tags:', '      path: [x]', '  - name: b'))
    expect(catalog?.keys?.metrics?.key).toMatchObject({line: 4, column: 1})
    expect(catalog?.placeholders[0].at).toMatchObject({line: 3, column: 3})
    const [first, second] = catalog?.metrics ?? []
    expect(first.at).toMatchObject({line: 5, column: 5})
    expect(first.keys?.name?.value).toMatchObject({line: 5, column: 11, endLine: 5, endColumn: 19})
    expect(first.keys?.type?.key).toMatchObject({line: 6, column: 5})
    expect(first.tags[0].at).toMatchObject({line: 8, column: 7})
    expect(first.tags[0].keys?.values?.value).toMatchObject({line: 8, column: 13})
    expect(second.at).toMatchObject({line: 9, column: 5})
    expect(second.type).toBe('unknown')
  })

  it('takes deprecated: true as deprecated without a replacement, and false as not deprecated', () => {
    const {catalog} = loadCatalog(metric('  - name: a', '    deprecated: true', '  - name: b', '    deprecated: false'))
    expect(catalog?.metrics[0].deprecated).toMatchObject({at: {line: 4}})
    expect(catalog?.metrics[1].deprecated).toBeUndefined()
  })

  it('takes a value written as a number or boolean as the text it was written as', () => {
    const {catalog} = loadCatalog(metric('  - name: a', '    tags:', '      status: [200, 1.0, 0x1F]', '      geoip: false'))
    expect(catalog?.metrics[0].tags.map((t) => t.values)).toEqual([['200', '1.0', '0x1F'], ['false']])
  })

  it.each<[string, string, CatalogDiagnosticCode, number, number, string]>([
    ['an unknown key, with the nearest known one', metric('  - name: a', '    descripton: x'), 'unknown-key', 4, 5, 'unknown key "descripton" in a metric; did you mean "description"?'],
    ['an unknown key with nothing near', metric('  - name: a', '    colour: x'), 'unknown-key', 4, 5, 'known keys: name, type,'],
    ['an unknown top-level key', lines('version: 1', 'metric:', '  - name: a'), 'unknown-key', 2, 1, 'did you mean "metrics"?'],
    ['an unknown key in a tag', metric('  - name: a', '    tags:', '      k: {value: x}'), 'unknown-key', 5, 11, 'did you mean "values"?'],
    ['a key set twice', metric('  - name: a', '    type: counter', '    type: gauge'), 'duplicate-key', 5, 5, '"type" is already set in a metric on line 4'],
    ['a placeholder declared twice', lines('version: 1', 'placeholders:', '  a: {}', '  a: {}'), 'duplicate-key', 4, 3, 'already set in placeholders'],
    ['an unknown type', metric('  - name: a', '    type: countr'), 'invalid-value', 4, 11, 'unknown type "countr"; did you mean "counter"?'],
    ['a list where text belongs', metric('  - name: a', '    description: [x]'), 'invalid-type', 4, 18, 'description must be text, not a list'],
    ['a number where text belongs', metric('  - name: a', '    unit: 1.5'), 'invalid-type', 4, 11, 'quote it to mean the text: "1.5"'],
    ['text where a boolean belongs', lines('version: 1', 'placeholders:', '  a:', '    sensitive: yes'), 'invalid-type', 4, 16, 'sensitive must be true or false, not "yes"'],
    ['a fraction where a whole number belongs', lines('version: 1', 'placeholders:', '  a:', '    cardinality: 1.5'), 'invalid-type', 4, 18, 'whole number of at least 1'],
    ['a key without a value', metric('  - name: a', '    owner:'), 'invalid-type', 4, 11, 'owner has no value'],
    ['a bad template, at the offending character', metric('  - name: feed..reads'), 'invalid-template', 3, 16, 'name "feed..reads": empty segment'],
    ['a bad template in quotes', metric('  - name: "a.<b"'), 'invalid-template', 3, 14, '"<" without a closing ">"'],
    ['a bad replacement', metric('  - name: a', '    deprecated: {replacement: "x y"}'), 'invalid-template', 4, 33, 'cannot be part of a statsd name'],
    ['a bad prefix', lines('version: 1', 'prefix: <a>.', 'metrics: []'), 'invalid-template', 2, 12, 'must not end with "."'],
    ['a metric without a name', metric('  - type: counter'), 'missing-key', 3, 5, 'a metric needs a name'],
    ['no version', lines('metrics: []'), 'missing-key', 1, 1, 'add "version: 1"'],
    ['a version this build does not read', lines('version: 2'), 'invalid-value', 1, 10, 'version 2 is not supported'],
    ['an empty file', '', 'missing-key', 1, 1, 'the file is empty'],
    ['a list instead of a catalogue', lines('- name: a'), 'invalid-type', 1, 1, 'the catalogue must be a map, not a list'],
    ['a placeholder named with angle brackets', lines('version: 1', 'placeholders:', '  <FEED>: {}'), 'invalid-value', 3, 3, 'write it without the angle brackets: FEED'],
    ['segment values that do not fit', lines('version: 1', 'placeholders:', '  P:', '    segments: [a, b]', '    examples: [x]'), 'invalid-value', 5, 15, 'P stands for 2 segments (a, b), but "x" has 1'],
    ['a tag key with a colon', metric('  - name: a', '    tags:', '      "a:b": x'), 'invalid-value', 5, 7, 'a DogStatsD tag key cannot'],
    ['a placeholder in a list of tag values', metric('  - name: a', '    tags:', '      k: [a, <x>]'), 'invalid-value', 5, 14, 'for a placeholder, write the tag as key: <x>'],
    ['a tag value that mixes text and a placeholder', metric('  - name: a', '    tags:', '      k: v<x>'), 'invalid-value', 5, 10, 'one placeholder (<name>) or literal values'],
    ['a tag value with a comma', metric('  - name: a', '    tags:', '      k: "a,b"'), 'invalid-value', 5, 10, 'cannot hold ","'],
    ['a bad placeholder in a tag', metric('  - name: a', '    tags:', '      k: <1x>'), 'invalid-template', 5, 10, '<1x>'],
    ['deprecated as text', metric('  - name: a', '    deprecated: use b'), 'invalid-type', 4, 17, 'deprecated is true, or a map of replacement: and note:'],
    ['a bad Prometheus name', metric('  - name: a', '    prometheus:', '      name: 1abc'), 'invalid-value', 5, 13, '"1abc" is not a Prometheus metric name'],
    ['a bad Prometheus label', metric('  - name: a', '    prometheus:', '      labels: {__x: a}'), 'invalid-value', 5, 16, 'not a Prometheus label name'],
    ['an unknown observer', metric('  - name: a', '    prometheus: {observer: histo}'), 'invalid-value', 4, 28, 'did you mean "histogram"?'],
    ['a character class that would close early', lines('version: 1', 'conventions:', '  characters: "a-z]|(x+)+["'), 'invalid-value', 3, 15, 'inside of a character class'],
    ['segment bounds the wrong way round', lines('version: 1', 'conventions:', '  segments: {min: 5, max: 2}'), 'invalid-value', 3, 13, 'min 5 is more than max 2'],
    ['a conventions prefix with a dot', lines('version: 1', 'conventions:', '  prefix: a.b'), 'invalid-value', 3, 11, 'one literal segment'],
    ['an unknown event type', lines('version: 1', 'conventions:', '  events: {types: [count]}'), 'invalid-value', 3, 20, 'did you mean "counter"?'],
    ['a second YAML document', lines('version: 1', '---', 'metrics: []'), 'yaml-syntax', 2, 1, 'a catalogue is one YAML document'],
    ['an alias to nowhere', metric('  - name: *a'), 'yaml-syntax', 3, 11, 'yaml: '],
  ])('reports %s', (_what, text, code, line, column, message) => {
    const result = loadCatalog(text)
    expect(result.catalog).toBeUndefined()
    expect(result.diagnostics[0]).toMatchObject({code, severity: 'error', line, column})
    expect(result.diagnostics[0].message).toContain(message)
  })

  it('keeps what loaded without an error as a partial catalogue', () => {
    const result = loadCatalog(metric('  - name: a', '  - name: b', '    type: countr', '  - name: c'))
    expect(result.catalog).toBeUndefined()
    expect(result.partial?.metrics.map((m) => m.name.text)).toEqual(['a', 'c'])
  })

  it('follows aliases, pointing at the alias', () => {
    const result = loadCatalog(lines('version: 1', 'metrics:', '  - &m {name: a, type: counter}', '  - *m', '  - {name: b, tags: {k: &v [x, y]}}', '  - {name: c, tags: {k: *v}}'))
    expect(result.diagnostics).toEqual([])
    expect(result.catalog?.metrics.map((m) => m.name.text)).toEqual(['a', 'a', 'b', 'c'])
    expect(result.catalog?.metrics[1].at).toMatchObject({line: 4, column: 5})
    expect(result.catalog?.metrics[3].tags[0].values).toEqual(['x', 'y'])
  })
})

describe('loadCatalog on broken input', () => {
  /** A chain of anchors, each a list of aliases to the previous: 10^depth nodes once expanded. */
  const aliasBomb = (depth: number) => {
    const bomb = ['version: 1', 'placeholders:', '  P:', '    a0: &a0 [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i <= depth; i++) bomb.push(`    a${i}: &a${i} [${Array.from({length: 10}, () => `*a${i - 1}`).join(', ')}]`)
    return lines(...bomb, 'metrics:', `  - {name: a, tags: {k: *a${depth}}}`)
  }

  it.each<[string, string | Uint8Array, CatalogDiagnosticCode, number, number]>([
    ['binary junk', Uint8Array.from([0x76, 0x65, 0x00, 0xff, 0xfe, 0x01]), 'yaml-syntax', 1, 4],
    ['a NUL byte', 'version: 1\nmetrics:\n  - name: a\u0000b\n', 'yaml-syntax', 3, 12],
    ['invalid UTF-8', Uint8Array.from([...new TextEncoder().encode('version: 1\nmetrics: '), 0xc3, 0x28]), 'yaml-syntax', 2, 10],
    ['flow nesting 100,000 deep', '['.repeat(100_000), 'input-rejected', 1, 257],
    ['indentation 100,000 columns deep', `version:\n${' '.repeat(100_000)}b: c\n`, 'input-rejected', 2, 1025],
    ['an alias bomb', aliasBomb(8), 'unknown-key', 4, 5],
    ['tabs for indentation', 'version: 1\nmetrics:\n\t- name: a\n', 'yaml-syntax', 3, 1],
  ])('%s', (_what, input, code, line, column) => {
    const result = loadCatalog(input)
    expect(result.catalog).toBeUndefined()
    expect(result.diagnostics[0]).toMatchObject({code, severity: 'error', line, column})
  })

  it('stops expanding aliases that reach too many nodes', () => {
    // 100 metrics of 100 tags of 100 values, a million nodes, from a few hundred written.
    const hundred = (make: (i: number) => string) => Array.from({length: 100}, (_, i) => make(i)).join(', ')
    const bomb = [
      'version: 1',
      'placeholders:',
      `  x: {examples: &values [${hundred(() => 'v')}]}`,
      `  y: {description: &tags {${hundred((i) => `k${i}: {values: *values}`)}}}`,
      `  z: {description: &metric {name: a, tags: *tags}}`,
      `metrics: [${hundred(() => '*metric')}]`,
    ]
    const result = loadCatalog(lines(...bomb))
    expect(result.diagnostics.some((d) => d.code === 'yaml-syntax' && d.message.includes('excessive aliasing'))).toBe(true)
  })

  it('refuses a file over the size limit before parsing it', () => {
    const result = loadCatalog('version: 1\n' + '#'.repeat(100), {maxBytes: 50})
    expect(result.diagnostics).toEqual([expect.objectContaining({code: 'input-rejected', line: 1, column: 1, message: expect.stringMatching(/catalogues larger than/)})])
  })

  it('never throws, and every diagnostic has a position, whatever the text', () => {
    const yamlish = fc.array(fc.constantFrom('version: 1\n', 'metrics:', '- ', 'name: ', 'tags:', 'type: ', 'placeholders:', '  ', '\t', '\n', '*a', '&a ', '[', ']', '{', '}', '"', "'", '#', ':', '<x>', 'a.b', '~', '\u0000', '😱', '---\n', 'deprecated: ', 'true'), {maxLength: 60})
      .map((parts) => parts.join(''))
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({unit: 'binary'}), yamlish), (text) => {
      const result = loadCatalog(text)
      for (const d of result.diagnostics) {
        expect(d.line).toBeGreaterThanOrEqual(1)
        expect(d.column).toBeGreaterThanOrEqual(1)
        expect(d.message).not.toBe('')
        expect(d.message).not.toMatch(/could not read the catalogue/)
      }
      expect(result.catalog === undefined).toBe(result.diagnostics.some((d) => d.severity === 'error'))
    }), {numRuns: 1500})
  })
})
