import {readFileSync} from 'node:fs'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {loadCatalog} from '../../src/catalog/load.js'
import type {Catalog} from '../../src/catalog/model.js'
import {template} from '../../src/catalog/template.js'
import {writeCatalog} from '../../src/catalog/write.js'
import {readBlockYaml} from '../../src/mapping/yaml-block.js'
import {catalog as arbitraryCatalog, withoutPositions} from './arbitrary.js'

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8')

function loaded(text: string): Catalog {
  const result = loadCatalog(text)
  expect(result.diagnostics).toEqual([])
  if (!result.catalog) throw new Error('no catalogue')
  return result.catalog
}

const minimal = (metric: Partial<Catalog['metrics'][number]>): Catalog => ({
  version: 1,
  placeholders: [],
  metrics: [{name: template('a.b'), type: 'counter', tags: [], ...metric}],
})

describe('writeCatalog', () => {
  it('writes the spec example in the format order, block style, with short tag forms', () => {
    const written = writeCatalog(loaded(fixture('spec-example.catalog.yml')), {schema: '../../../src/catalog/catalog.schema.json'})
    expect(written).toBe(fixture('spec-example.written.yml'))
  })

  it.each([
    ['false', '"false"'],
    ['1.0', '"1.0"'],
    ['200', '"200"'],
    ['yes', '"yes"'],
    ['~', '"~"'],
    ['a: b', '"a: b"'],
    ['a #b', '"a #b"'],
    ['- x', '"- x"'],
    [' lead', '" lead"'],
    ['say "hi"', 'say "hi"'],
    ['"hi"', '"\\"hi\\""'],
    ['tab\there', '"tab\\there"'],
    ['v1.search', 'v1.search'],
    ['<apikey>x', '<apikey>x'],
    ["it's", "it's"],
  ])('writes the value %j as %s', (value, written) => {
    const text = writeCatalog(minimal({owner: value}))
    expect(text).toContain(`    owner: ${written}\n`)
    expect(loaded(text).metrics[0].owner).toBe(value)
  })

  it('quotes values in a flow list where the fast reader or YAML would misread them', () => {
    const text = writeCatalog(minimal({tags: [{key: 'status', values: ['200', 'a,b c', 'ok', 'x:y']}]}))
    expect(text).toContain('      status: ["200", "a,b c", ok, "x:y"]\n')
  })

  it('writes multi-line text as a literal block, and text a block cannot hold quoted', () => {
    const text = writeCatalog(minimal({description: 'First line.\n\nSecond: paragraph.\n'}))
    expect(text).toContain('    description: |\n      First line.\n\n      Second: paragraph.\n')
    expect(writeCatalog(minimal({description: 'a\nb'}))).toContain('    description: |-\n      a\n      b\n')
    expect(writeCatalog(minimal({description: 'a\n\n'}))).toContain('    description: "a\\n\\n"\n')
    expect(writeCatalog(minimal({description: ' indented\nb'}))).toContain('    description: " indented\\nb"\n')
  })

  it('leaves out empty keys, and writes `deprecated: true` for a deprecation without details', () => {
    const text = writeCatalog(minimal({description: '', deprecated: {}, tags: []}))
    expect(text).toBe('version: 1\n\nmetrics:\n  - name: a.b\n    type: counter\n    deprecated: true\n')
    expect(writeCatalog({version: 1, placeholders: [], metrics: []})).toBe('version: 1\n\nmetrics: []\n')
  })

  it('refuses a tag with both a placeholder and a list of values, which the format cannot say', () => {
    expect(() => writeCatalog(minimal({tags: [{key: 'k', placeholder: 'p', values: ['a']}]}))).toThrow(/placeholder or a list of values/)
  })

  it('gives back the same catalogue when what it wrote is loaded, for any catalogue', () => {
    let fast = 0
    fc.assert(fc.property(arbitraryCatalog, (catalog) => {
      const written = writeCatalog(catalog)
      const result = loadCatalog(written)
      expect(result.diagnostics).toEqual([])
      expect(withoutPositions(result.catalog)).toEqual(withoutPositions(catalog))
      // Stable: writing what was loaded gives the same text.
      expect(writeCatalog(result.catalog as Catalog)).toBe(written)
      if (readBlockYaml(written) !== undefined) fast++
    }), {numRuns: 500})
    // Most written catalogues stay in the fast reader's subset (text with tabs or line breaks does not).
    expect(fast).toBeGreaterThan(100)
  })
})
