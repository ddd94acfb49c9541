import {describe, expect, it} from 'vitest'
import {loadCatalog} from '../../../src/catalog/load.js'
import type {Catalog} from '../../../src/catalog/model.js'
import {template} from '../../../src/catalog/template.js'
import {writeCatalog} from '../../../src/catalog/write.js'
import {withoutPositions} from '../arbitrary.js'

/** The two keys the importers need beyond the spec: a tag's `optional` and a placeholder's `guessed`. */
describe('optional tags and guessed placeholders in the file', () => {
  const catalog: Catalog = {
    version: 1,
    prefix: template('<PREFIX>'),
    placeholders: [{name: 'PREFIX', segments: ['prefix_1', 'prefix_2'], examples: ['lego.production'], guessed: '2 segments, as the examples on line 93 have'}],
    metrics: [
      {
        name: template('data.report.upload'),
        type: 'counter',
        tags: [
          {key: 'key', placeholder: 'apikey', optional: true},
          {key: 'source', optional: true},
          {key: 'type', values: ['blue', 'cell']},
        ],
      },
    ],
  }

  it('writes them in the long tag form and after the placeholder fields', () => {
    const text = writeCatalog(catalog)
    expect(text).toContain('    guessed: 2 segments, as the examples on line 93 have\n')
    expect(text).toContain('      key:\n        values: <apikey>\n        optional: true\n      source:\n        optional: true\n      type: [blue, cell]\n')
  })

  it('loads what it wrote back to the same catalogue', () => {
    const result = loadCatalog(writeCatalog(catalog))
    expect(result.diagnostics).toEqual([])
    expect(result.catalog && withoutPositions(result.catalog)).toEqual(catalog)
  })

  it('refuses an optional that is not a boolean, at its line', () => {
    const result = loadCatalog('version: 1\nmetrics:\n  - name: a.b\n    tags:\n      key:\n        optional: sometimes\n')
    expect(result.diagnostics).toEqual([expect.objectContaining({line: 6})])
  })
})
