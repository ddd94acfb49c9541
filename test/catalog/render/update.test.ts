import {describe, expect, it} from 'vitest'
import type {Catalog} from '../../../src/catalog/model.js'
import {renderBody} from '../../../src/catalog/render/index.js'
import {updatePage} from '../../../src/catalog/render/update.js'
import {template} from '../../../src/catalog/template.js'
import {UsageError} from '../../../src/errors.js'

const catalog: Catalog = {
  version: 1,
  placeholders: [],
  metrics: [
    {name: template('cart.checkout'), type: 'counter', description: 'Completed checkouts.', tags: []},
    {name: template('queue.depth'), type: 'gauge', tags: [{key: 'queue', placeholder: 'queue'}]},
  ],
}

const md = {format: 'md', groupBy: 'type'} as const
const rst = {format: 'rst', groupBy: 'type'} as const

describe('updating a Markdown page in place', () => {
  const page = ['# Shop', '', 'Intro text.', '', '## Metrics', '', '<!-- metrics-catalog:start -->', 'stale', '<!-- metrics-catalog:end -->', '', 'Footer  ', 'no newline at the end'].join('\n')

  it('rewrites only the region, its titles one level below the heading it is under', () => {
    const updated = updatePage(page, 'docs.md', catalog, md)
    const body = renderBody(catalog, md, {format: 'md', depth: 3})
    expect(body).toContain('### Counters\n')
    expect(updated).toEqual({
      text: ['# Shop', '', 'Intro text.', '', '## Metrics', '', '<!-- metrics-catalog:start -->', '', body, '<!-- metrics-catalog:end -->', '', 'Footer  ', 'no newline at the end'].join('\n'),
      changed: true,
      startLine: 7,
      endLine: 9,
    })
    // Run again: nothing changes.
    expect(updatePage(updated.text, 'docs.md', catalog, md)).toEqual({...updated, changed: false, endLine: updated.text.split('\n').indexOf('<!-- metrics-catalog:end -->') + 1})
  })

  it('keeps Windows line endings, and writes the region with them', () => {
    const crlf = page.replace(/\n/g, '\r\n')
    const updated = updatePage(crlf, 'docs.md', catalog, md)
    expect(updated.text.replace(/\r\n/g, '')).not.toContain('\n')
    expect(updated.text.startsWith('# Shop\r\n\r\nIntro text.\r\n')).toBe(true)
    expect(updated.text.endsWith('<!-- metrics-catalog:end -->\r\n\r\nFooter  \r\nno newline at the end')).toBe(true)
  })

  it('does not take markers in a fenced code block for the region', () => {
    const documented = ['## How', '', '```', '<!-- metrics-catalog:start -->', '<!-- metrics-catalog:end -->', '```', '', '<!-- metrics-catalog:start -->', '<!-- metrics-catalog:end -->', ''].join('\n')
    const updated = updatePage(documented, 'docs.md', catalog, md)
    expect(updated.startLine).toBe(8)
    expect(updated.text.startsWith(documented.split('\n').slice(0, 8).join('\n') + '\n\n### Counters')).toBe(true)
  })

  it.each([
    ['no markers', 'text\n', 'docs.md has no metrics-catalog markers'],
    ['no end', '<!-- metrics-catalog:start -->\n', 'docs.md has no "<!-- metrics-catalog:end -->" marker'],
    ['no start', '<!-- metrics-catalog:end -->\n', 'docs.md has no "<!-- metrics-catalog:start -->" marker'],
    ['two starts', '<!-- metrics-catalog:start -->\n<!-- metrics-catalog:start -->\n<!-- metrics-catalog:end -->\n', 'docs.md:2: a second "<!-- metrics-catalog:start -->" marker (the first is on line 1)'],
    ['two ends', '<!-- metrics-catalog:start -->\n<!-- metrics-catalog:end -->\n<!-- metrics-catalog:end -->\n', 'docs.md:3: a second "<!-- metrics-catalog:end -->" marker (the first is on line 2)'],
    ['end first', '<!-- metrics-catalog:end -->\n<!-- metrics-catalog:start -->\n', 'docs.md:1: "<!-- metrics-catalog:end -->" comes before "<!-- metrics-catalog:start -->" (line 2)'],
  ])('refuses a page with %s (exit 2)', (_case, text, message) => {
    let thrown: unknown
    try {
      updatePage(text, 'docs.md', catalog, md)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(UsageError)
    expect((thrown as UsageError).message).toBe(message)
  })
})

describe('updating a reStructuredText page in place', () => {
  it('titles the region with the adornment the page uses one level down', () => {
    const page = ['=====', 'Shop', '=====', '', 'Metrics', '-------', '', '.. metrics-catalog:start', '', '.. metrics-catalog:end', '', 'Details', '~~~~~~~', '', 'Text.', ''].join('\n')
    const updated = updatePage(page, 'docs.rst', catalog, rst)
    expect(updated.text).toContain('\nCounters\n~~~~~~~~\n')
  })

  it('takes an adornment the page does not use when the level below is new', () => {
    const page = ['Shop', '====', '', 'Metrics', '-------', '', '.. metrics-catalog:start', '.. metrics-catalog:end', ''].join('\n')
    const updated = updatePage(page, 'docs.rst', catalog, rst)
    expect(updated.text).toBe(['Shop', '====', '', 'Metrics', '-------', '', '.. metrics-catalog:start', '', renderBody(catalog, rst, {format: 'rst', char: '~', overline: false}), '.. metrics-catalog:end', ''].join('\n'))
  })

  it('does not take an indented marker (inside a literal block) for one', () => {
    const page = ['Example::', '', '    .. metrics-catalog:start', '    .. metrics-catalog:end', ''].join('\n')
    expect(() => updatePage(page, 'docs.rst', catalog, rst)).toThrow('docs.rst has no metrics-catalog markers')
  })
})
