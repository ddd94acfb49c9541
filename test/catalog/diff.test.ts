import {describe, expect, it} from 'vitest'
import type {ChangeKind} from '../../src/catalog/changes.js'
import {diffCatalogs} from '../../src/catalog/diff.js'
import {loadCatalog} from '../../src/catalog/load.js'
import type {Catalog} from '../../src/catalog/model.js'

const lines = (...all: string[]): string => all.join('\n') + '\n'
const metrics = (...body: string[]) => lines('version: 1', 'metrics:', ...body)

function loaded(text: string): Catalog {
  const result = loadCatalog(text)
  expect(result.diagnostics).toEqual([])
  return result.catalog as Catalog
}

/** The changes as [kind, side, line], and their data. */
function diff(before: string, after: string) {
  return diffCatalogs(loaded(before), loaded(after)).map((change) => ({kind: change.kind, side: change.side, line: change.at.line, ...change.data, ...(change.severity ? {severity: change.severity} : {})}))
}

describe('diffCatalogs', () => {
  it('finds nothing between equal catalogues, and ignores where entries moved in the file', () => {
    const a = metrics('  - name: a.b', '    type: counter', '  - name: c.<x>', '    type: gauge')
    const b = metrics('  - name: c.<x>', '    type: gauge', '  - name: a.b', '    type: counter')
    expect(diff(a, a)).toEqual([])
    expect(diff(a, b)).toEqual([])
  })

  it.each<[string, string, string, {kind: ChangeKind; side: 'old' | 'new'; line: number; [key: string]: unknown}[]]>([
    ['a metric added', metrics('  - name: a'), metrics('  - name: a', '  - name: b', '    type: counter'), [{kind: 'metricAdded', side: 'new', line: 4, name: 'b', type: 'counter'}]],
    ['a metric removed, in OLD', metrics('  - name: a', '  - name: b', '    deprecated: {replacement: a}'), metrics('  - name: a'), [{kind: 'metricRemoved', side: 'old', line: 4, name: 'b', type: 'unknown', note: ' (it was deprecated for a)'}]],
    ['a metric renamed (same type and description)', metrics('  - name: a.old', '    type: timer', '    description: Time to fan out.'), metrics('  - name: a.new', '    type: timer', '    description: Time to fan out.'), [{kind: 'metricRenamed', side: 'new', line: 3, old: 'a.old', name: 'a.new'}]],
    ['a type changed', metrics('  - name: a', '    type: counter'), metrics('  - name: a', '    type: gauge'), [{kind: 'typeChanged', side: 'new', line: 4, name: 'a', old: 'counter', new: 'gauge'}]],
    ['a type forgotten (a warning)', metrics('  - name: a', '    type: counter'), metrics('  - name: a'), [{kind: 'typeChanged', side: 'new', line: 3, name: 'a', old: 'counter', new: 'unknown', severity: 'warning'}]],
    ['a type documented', metrics('  - name: a'), metrics('  - name: a', '    type: set'), [{kind: 'typeDocumented', side: 'new', line: 4, name: 'a', type: 'set'}]],
    ['a placeholder renamed', metrics('  - name: feed.<FEED_CLASS>.reads'), metrics('  - name: feed.<feed>.reads'), [{kind: 'placeholderRenamed', side: 'new', line: 3, where: 'feed.<feed>.reads', old: '<FEED_CLASS>', new: '<feed>'}]],
    ['a placeholder moved', metrics('  - name: feed.<x>.reads', '    type: counter'), metrics('  - name: feed.reads.<x>', '    type: counter'), [{kind: 'placeholderMoved', side: 'new', line: 3, old: 'feed.<x>.reads', name: 'feed.reads.<x>', placeholders: 'x'}]],
    ['a tag removed, in OLD', metrics('  - name: a', '    tags:', '      path: {}', '      key: {}'), metrics('  - name: a', '    tags:', '      key: {}'), [{kind: 'tagRemoved', side: 'old', line: 5, name: 'a', tag: 'path'}]],
    ['a tag added', metrics('  - name: a'), metrics('  - name: a', '    tags:', '      path: {}'), [{kind: 'tagAdded', side: 'new', line: 5, name: 'a', tag: 'path'}]],
    ['tag values removed and added', metrics('  - name: a', '    tags:', '      path: [x, y]'), metrics('  - name: a', '    tags:', '      path: [y, z]'), [
      {kind: 'tagValueRemoved', side: 'new', line: 5, name: 'a', tag: 'path', what: 'no longer takes "x"'},
      {kind: 'tagValueAdded', side: 'new', line: 5, name: 'a', tag: 'path', what: 'now also takes "z"'},
    ]],
    ['a tag closed', metrics('  - name: a', '    tags:', '      path: {}'), metrics('  - name: a', '    tags:', '      path: [x]'), [{kind: 'tagValueRemoved', side: 'new', line: 5, what: 'now takes only "x"', name: 'a', tag: 'path'}]],
    ['a tag opened', metrics('  - name: a', '    tags:', '      path: x'), metrics('  - name: a', '    tags:', '      path: <p>'), [{kind: 'tagValueAdded', side: 'new', line: 5, what: 'now takes any value', name: 'a', tag: 'path'}]],
    ['a tag made sensitive', metrics('  - name: a', '    tags:', '      key: <k>'), metrics('  - name: a', '    tags:', '      key: {values: <k>, sensitive: true}'), [{kind: 'tagChanged', side: 'new', line: 5, field: 'sensitive', tag: 'key', name: 'a', old: 'nothing', new: 'true'}]],
    ['a tag made optional (a warning)', metrics('  - name: a', '    tags:', '      key: <k>'), metrics('  - name: a', '    tags:', '      key: {values: <k>, optional: true}'), [{kind: 'tagOptionalChanged', side: 'new', line: 5, tag: 'key', name: 'a', now: 'optional: some samples lack it'}]],
    ['a tag sent on every sample again', metrics('  - name: a', '    tags:', '      key: {optional: true}'), metrics('  - name: a', '    tags:', '      key: {}'), [{kind: 'tagOptionalChanged', side: 'new', line: 5, tag: 'key', name: 'a', now: 'on every sample', severity: 'info'}]],
    ['a description and an owner changed', metrics('  - name: a', '    description: x', '    owner: t1'), metrics('  - name: a', '    description: y', '    owner: t2'), [
      {kind: 'textChanged', side: 'new', line: 4, field: 'description', name: 'a'},
      {kind: 'textChanged', side: 'new', line: 5, field: 'owner', name: 'a'},
    ]],
    ['a unit changed', metrics('  - name: a', '    unit: ms'), metrics('  - name: a', '    unit: s'), [{kind: 'unitChanged', side: 'new', line: 4, name: 'a', old: '"ms"', new: '"s"'}]],
    ['a metric deprecated', metrics('  - name: a', '  - name: b'), metrics('  - name: a', '    deprecated: {replacement: b}', '  - name: b'), [{kind: 'metricDeprecated', side: 'new', line: 4, name: 'a', replacement: '; use b'}]],
    ['a Prometheus name changed', metrics('  - name: a', '    prometheus: {name: a_total}'), metrics('  - name: a', '    prometheus: {name: b_total}'), [{kind: 'prometheusChanged', side: 'new', line: 4, what: 'the Prometheus series of a'}]],
    ['the prefix changed', lines('version: 1', 'prefix: app', 'metrics:', '  - name: a'), lines('version: 1', 'prefix: svc', 'metrics:', '  - name: a'), [{kind: 'prefixChanged', side: 'new', line: 2, old: '"app"', new: '"svc"'}]],
    ['the prefix placeholder renamed', lines('version: 1', 'prefix: <P>', 'metrics: []'), lines('version: 1', 'prefix: <PREFIX>', 'metrics: []'), [{kind: 'placeholderRenamed', side: 'new', line: 2, where: 'the prefix', old: '<P>', new: '<PREFIX>'}]],
    ['placeholder values removed', lines('version: 1', 'placeholders:', '  r: {values: [de, fr]}', 'metrics: []'), lines('version: 1', 'placeholders:', '  r: {values: [de]}', 'metrics: []'), [{kind: 'placeholderValueRemoved', side: 'new', line: 3, placeholder: 'r', what: 'no longer takes "fr"'}]],
    ['a placeholder spanning more segments', lines('version: 1', 'placeholders:', '  P: {segments: [a, b]}', 'metrics: []'), lines('version: 1', 'placeholders:', '  P: {segments: [a, b, c]}', 'metrics: []'), [{kind: 'placeholderSegmentsChanged', side: 'new', line: 3, placeholder: 'P', old: 2, new: 3}]],
  ])('reports %s', (_what, before, after, expected) => {
    expect(diff(before, after)).toEqual(expected.map((change) => expect.objectContaining(change)))
  })

  it('pairs one name documented with two types type by type', () => {
    const before = metrics('  - name: a', '    type: counter', '  - name: a', '    type: gauge')
    const after = metrics('  - name: a', '    type: gauge')
    expect(diff(before, after)).toEqual([expect.objectContaining({kind: 'metricRemoved', side: 'old', line: 3, type: 'counter'})])
  })

  it('pairs 5,000 entries by keys, not pairwise', () => {
    const many = (suffix: string) => metrics(...Array.from({length: 5000}, (_, i) => `  - name: area${i % 50}.op${i}.${suffix}`))
    const started = performance.now()
    const changes = diffCatalogs(loaded(many('<x>')), loaded(many('<y>')))
    expect(changes).toHaveLength(5000)
    expect(performance.now() - started).toBeLessThan(5000)
  })
})
