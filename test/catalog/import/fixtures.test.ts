import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {ImportProblem} from '../../../src/catalog/import/index.js'
import {importDocuments} from '../../../src/catalog/import/index.js'
import {loadCatalog} from '../../../src/catalog/load.js'
import {writeCatalog} from '../../../src/catalog/write.js'
import {withoutPositions} from '../arbitrary.js'

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8')

/**
 * Each fixture imported whole: the catalogue compared with the expected file (as
 * written, and as loaded), and every problem with its position.
 */
const cases: readonly {doc: string; problems: ImportProblem[]}[] = [
  {
    doc: 'shop-stats.rst',
    problems: [
      {line: 50, column: 99, message: 'ragged border: the line is 99 characters wide, the table 98; docutils refuses the table'},
      {line: 53, column: 36, message: '"meter" is not a statsd type (counter, gauge, timer, histogram, distribution, set, untyped); the type is left unknown'},
    ],
  },
  {
    doc: 'batch-jobs.rst',
    problems: [
      {line: 43, column: 36, message: 'text in the gap between two columns of a simple table; this row is not imported'},
      {line: 50, column: 25, message: '<job_name>.heartbeat.<host> is named in running text with no type after it; not imported (write it as a list item: ``name`` : counter)'},
    ],
  },
  {
    doc: 'dag-metrics.md',
    problems: [{line: 14, column: 80, message: 'the row has 3 cells, the header 2: an unescaped "|" in a cell? (write it \\|); this row is not imported'}],
  },
  {
    doc: 'geo-api.rst',
    problems: [
      {line: 61, message: 'tags with no metric documented before them in this section; not imported'},
      {line: 83, column: 20, message: '"lag" after the names is not a type: write counter(s), gauge(s), timer(s), histogram(s), distribution(s), set(s), metric(s) or tag(s); not imported'},
      {line: 87, column: 1, message: '"pipeline.broken#kind:": "" is not a tag value; not imported'},
    ],
  },
  {
    doc: 'queue-metrics.md',
    problems: [{line: 32, column: 1, message: '"events bad" is not a metric name: " " cannot be part of a statsd name; not imported'}],
  },
]

describe('importing the fixtures', () => {
  it.each(cases)('$doc gives the expected catalogue and problems', ({doc, problems}) => {
    const {catalog, problems: found} = importDocuments([{text: fixture(doc), fileName: doc, format: 'auto'}])
    const expected = fixture(`${doc}.catalog.yml`)
    expect(writeCatalog(catalog)).toBe(expected)
    const loaded = loadCatalog(expected)
    expect(loaded.diagnostics).toEqual([])
    expect(loaded.catalog && withoutPositions(loaded.catalog)).toEqual(catalog)
    expect(found).toEqual([{fileName: doc, problems}])
  })

  it('reads several documents into one catalogue, each entry with its own source', () => {
    const {catalog, problems} = importDocuments([
      {text: fixture('dag-metrics.md'), fileName: 'docs/dag-metrics.md', format: 'auto'},
      {text: fixture('batch-jobs.rst'), fileName: 'docs/batch-jobs.rst', format: 'auto'},
    ])
    expect(problems.map(file => [file.fileName, file.problems.length])).toEqual([['docs/dag-metrics.md', 1], ['docs/batch-jobs.rst', 2]])
    // <job_name>_start is in both: one entry, first documented in the Markdown page, with both descriptions.
    const start = catalog.metrics.filter(entry => entry.name.text === '<job_name>_start')
    expect(start).toEqual([
      expect.objectContaining({
        type: 'counter',
        source: 'docs/dag-metrics.md:11',
        description: 'Number of started `<job_name>` jobs, ex. `SchedulerJob`, `LocalTaskJob`\n\nNumber of started `<job_name>` jobs, for example `import_orders_start`.',
      }),
    ])
    expect(catalog.metrics).toHaveLength(8 + 10 - 1)
  })

  it('reads a format given explicitly whatever the file is called', () => {
    const {catalog} = importDocuments([{text: fixture('queue-metrics.md'), fileName: 'queues.txt', format: 'md'}])
    expect(catalog.metrics.map(entry => entry.name.text)).toEqual(['queue.length', 'queue.oldest', 'worker.busy', 'worker.idle', 'events.published', 'events.dropped'])
  })
})
