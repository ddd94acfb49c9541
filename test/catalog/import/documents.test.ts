import {describe, expect, it} from 'vitest'
import type {DocFormat} from '../../../src/catalog/import/index.js'
import {detectFormat, importDocuments} from '../../../src/catalog/import/index.js'
import {guessType, itemKind, sectionType} from '../../../src/catalog/import/types.js'

const read = (text: string, format: DocFormat) => {
  const {catalog, problems} = importDocuments([{text, fileName: `doc.${format}`, format}])
  return {metrics: catalog.metrics.map(entry => `${entry.name.text} ${entry.type}${entry.guessed?.type ? ' (guessed)' : ''}`), problems: problems.flatMap(file => file.problems)}
}

describe('sections, as both formats write them', () => {
  it('reads RST titles with overlines and underlines, and nested sections take the type of the nearest typed one', () => {
    const doc = ['=======', 'Metrics', '=======', '', 'HTTP Timers', '===========', '', 'Per route', '---------', '', '``http.route#route:<route>``', '', 'Task Counters', '=============', '', '``task.run``', ''].join('\n')
    expect(read(doc, 'rst')).toEqual({metrics: ['http.route timer', 'task.run counter'], problems: []})
  })

  it('reads Markdown ATX and setext headings', () => {
    const doc = ['Gauges', '======', '', '- `queue.depth#queue:<queue>`', '', '## Sets', '', '- `users.unique`', '', '### Untyped metrics', '', '- `legacy.thing`', ''].join('\n')
    expect(read(doc, 'md')).toEqual({metrics: ['queue.depth gauge', 'users.unique set', 'legacy.thing unknown'], problems: []})
  })

  it('does not read code: RST literal blocks and code directives, Markdown fences and indented code', () => {
    const rst = ['Counters', '--------', '', 'Example::', '', '    ``not.this`` : counter', '', '.. code-block:: python', '', '    ``nor.this`` : counter', '', '``but.this`` : counter', ''].join('\n')
    expect(read(rst, 'rst')).toEqual({metrics: ['but.this counter'], problems: []})
    const md = ['## Counters', '', '```', '`not.this` : counter', '```', '', '    `nor.this` : counter', '', '`but.this` : counter', ''].join('\n')
    expect(read(md, 'md')).toEqual({metrics: ['but.this counter'], problems: []})
  })

  it('reads the content of admonitions, and says a list-table is not read', () => {
    const doc = ['.. note::', '', '   ``inside.note`` : gauge', '', '.. list-table:: Metrics', '', '   * - ``a.b``', '     - counter', ''].join('\n')
    expect(read(doc, 'rst')).toEqual({metrics: ['inside.note gauge'], problems: [{line: 5, column: 1, message: 'a "list-table" directive is not read; write the table as a grid or simple table'}]})
  })

  it('gives the type from the item first, then a Type column, then the section, then a guess', () => {
    const doc = [
      'Timers', '------', '',
      '``a.item`` : gauge', '',
      '=========  =======', 'Name       Type', '=========  =======', '``b.col``  counter', '``c.sec``', '=========  =======', '',
      'Other', '-----', '',
      '``d.guess_latency``', '',
      '``e.none``', '',
    ].join('\n')
    expect(read(doc, 'rst').metrics).toEqual(['a.item gauge', 'b.col counter', 'c.sec timer', 'd.guess_latency timer (guessed)', 'e.none unknown'])
  })
})

describe('the words that say a type', () => {
  it.each([
    ['counters', {kind: 'metric', type: 'counter'}],
    ['gauge', {kind: 'metric', type: 'gauge'}],
    ['pseudo-timers', {kind: 'metric', type: 'timer'}],
    ['histograms', {kind: 'metric', type: 'histogram'}],
    ['metrics', {kind: 'metric'}],
    ['tags', {kind: 'tags'}],
    ['lag', undefined],
  ])('%s', (word, kind) => {
    expect(itemKind(word)).toEqual(kind)
  })

  it.each([
    ['Counters', 'counter'],
    ['HTTP Counters', 'counter'],
    ['Task Timers', 'timer'],
    ['Untyped metrics', 'unknown'],
    ['API Request Metrics', undefined],
    ['Timer', undefined],
    ['`counters`', undefined],
  ])('section %j', (title, type) => {
    expect(sectionType(title)).toBe(type)
  })

  it.each([
    ['Track the time it takes to do a search request.', 'x', {type: 'timer', reason: "description starts 'Track the time'"}],
    ['Tracks the amount of time used to attach metadata.', 'x', {type: 'timer', reason: "description starts 'Tracks the amount of time'"}],
    ['Measures the time it takes.', 'x', {type: 'timer', reason: "description starts 'Measures the time'"}],
    ['Counts the number of hits.', 'x', {type: 'counter', reason: "description starts 'Counts'"}],
    [undefined, '<FEED_CLASS>.fanout_latency', {type: 'timer', reason: "name has 'latency'"}],
    [undefined, 'request.total.<METHOD>', {type: 'counter', reason: "name has 'total'"}],
    ['Published feed activities.', 'activities.published', undefined],
    ['Track usage of each provider.', 'auth.provider', undefined],
  ])('guesses from %j and %j', (description, name, guess) => {
    expect(guessType(description, name)).toEqual(guess)
  })
})

describe('detectFormat', () => {
  it.each([
    ['docs/stats.rst', '# looks like markdown', 'rst'],
    ['README.md', 'Title\n=====\n', 'md'],
    ['metrics.txt', 'Title\n=====\n\n``a.b`` : counter\n', 'rst'],
    ['metrics.txt', '# Title\n\n| a | b |\n|---|---|\n', 'md'],
    ['-', '## Counters\n\n`a.b` : counter\n', 'md'],
  ])('%s', (name, text, format) => {
    expect(detectFormat(name, text)).toBe(format)
  })
})

describe('untrusted input', () => {
  // Each of these took minutes when every unclosed start looked for its end again, or when
  // every value was looked up in a list; read linearly, they take milliseconds.
  it.each([
    ['unclosed literals', '``x '.repeat(50_000)],
    ['unclosed interpreted text', '`x '.repeat(50_000)],
    ['unclosed roles', ':a:`x '.repeat(50_000)],
  ])('reads RST running text full of %s as text', (_case, text) => {
    expect(read(text, 'rst')).toEqual({metrics: [], problems: []})
  })

  it('reads one metric documented with 100,000 tag values', () => {
    const values = Array.from({length: 100_000}, (_, i) => `\`\`big.metric#x:v${i}\`\``).join(',\n')
    const {catalog} = importDocuments([{text: `${values} : counters\n`, fileName: 'doc.rst', format: 'rst'}])
    expect(catalog.metrics.map(entry => [entry.name.text, entry.tags.length, entry.tags[0].values?.length])).toEqual([['big.metric', 1, 100_000]])
  })

  it('reads one metric documented with 60,000 tag keys', () => {
    const keys = `\`\`wide.metric#${Array.from({length: 60_000}, (_, i) => `k${i}:v`).join(',')}\`\``
    const {catalog} = importDocuments([{text: `${keys} : counter\n`, fileName: 'doc.rst', format: 'rst'}])
    expect(catalog.metrics.map(entry => [entry.name.text, entry.tags.length])).toEqual([['wide.metric', 60_000]])
  })
})
