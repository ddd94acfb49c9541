import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {Catalog, MetricEntry, Placeholder, StatsdType} from '../../src/catalog/model.js'
import {indexCatalog} from '../../src/catalog/match.js'
import {joinTemplates, template} from '../../src/catalog/template.js'

const entry = (name: string, type: StatsdType = 'counter'): MetricEntry => ({name: template(name), type, tags: []})

function catalog(names: readonly (string | MetricEntry)[], placeholders: readonly Placeholder[] = [], prefix?: string): Catalog {
  return {
    version: 1,
    ...(prefix ? {prefix: template(prefix)} : {}),
    placeholders,
    metrics: names.map((name) => (typeof name === 'string' ? entry(name) : name)),
  }
}

const PREFIX: Placeholder = {name: 'PREFIX', segments: ['system', 'environment']}

describe('indexCatalog(…).match', () => {
  it.each<[string, readonly string[], readonly Placeholder[], string | undefined, string, string | undefined, Record<string, string>?]>([
    // [what, templates, placeholders, file prefix, name, the template that matches, placeholder values]
    ['a literal name', ['feed.reads'], [], undefined, 'feed.reads', 'feed.reads', {}],
    ['nothing for another name', ['feed.reads'], [], undefined, 'feed.writes', undefined],
    ['nothing for a name with more segments', ['feed.<x>'], [], undefined, 'feed.a.b', undefined],
    ['a whole-segment placeholder', ['feed.<FEED_CLASS>.reads'], [], undefined, 'feed.user_feed.reads', 'feed.<FEED_CLASS>.reads', {FEED_CLASS: 'user_feed'}],
    ['no empty placeholder', ['feed.<x>'], [], undefined, 'feed.', undefined],
    ['a placeholder before literal text', ['<job_name>_start'], [], undefined, 'backfill_start', '<job_name>_start', {job_name: 'backfill'}],
    ['a placeholder after literal text', ['operator_failures_<operator_name>'], [], undefined, 'operator_failures_Bash', 'operator_failures_<operator_name>', {operator_name: 'Bash'}],
    ['the shortest text, left to right', ['<a>_<b>'], [], undefined, 'x_y_z', '<a>_<b>', {a: 'x', b: 'y_z'}],
    ['a placeholder between literal texts', ['pre_<a>_post'], [], undefined, 'pre_x_post_post', 'pre_<a>_post', {a: 'x_post'}],
    ['a multi-segment prefix', ['<PREFIX>.<FEED_CLASS>.fanout_latency'], [PREFIX], undefined, 'lego.production.user_feed.fanout_latency', '<PREFIX>.<FEED_CLASS>.fanout_latency', {PREFIX: 'lego.production', FEED_CLASS: 'user_feed'}],
    ['the file prefix', ['feed.reads'], [PREFIX], '<PREFIX>', 'lego.staging.feed.reads', 'feed.reads', {PREFIX: 'lego.staging'}],
    ['not without the file prefix', ['feed.reads'], [PREFIX], '<PREFIX>', 'feed.reads', undefined],
    ['closed values', ['geo.<region>'], [{name: 'region', values: ['de', 'fr']}], undefined, 'geo.fr', 'geo.<region>', {region: 'fr'}],
    ['nothing outside closed values', ['geo.<region>'], [{name: 'region', values: ['de', 'fr']}], undefined, 'geo.it', undefined],
    ['closed values inside a segment', ['geo_<region>_hits'], [{name: 'region', values: ['de', 'de_x']}], undefined, 'geo_de_x_hits', 'geo_<region>_hits', {region: 'de_x'}],
    ['closed values of a multi-segment placeholder', ['<PREFIX>.reads'], [{...PREFIX, values: ['lego.production', 'lego.staging']}], undefined, 'lego.staging.reads', '<PREFIX>.reads', {PREFIX: 'lego.staging'}],
    ['nothing outside them', ['<PREFIX>.reads'], [{...PREFIX, values: ['lego.production']}], undefined, 'lego.staging.reads', undefined],
    ['the literal entry before a placeholder one, wherever it is written', ['feed.<x>', 'feed.reads'], [], undefined, 'feed.reads', 'feed.reads', {}],
    ['the narrower in-segment entry before the whole-segment one', ['a.<x>', 'a.<y>_start'], [], undefined, 'a.job_start', 'a.<y>_start', {y: 'job'}],
    ['the broader one for other names', ['a.<x>', 'a.<y>_start'], [], undefined, 'a.job_stop', 'a.<x>', {x: 'job_stop'}],
    ['closed values before open ones', ['geo.<any>', 'geo.<region>'], [{name: 'region', values: ['de']}], undefined, 'geo.de', 'geo.<region>', {region: 'de'}],
    ['file order between entries that overlap only in part', ['<a>.reads', 'feed.<b>'], [], undefined, 'feed.reads', '<a>.reads', {a: 'feed'}],
    ['file order the other way', ['feed.<b>', '<a>.reads'], [], undefined, 'feed.reads', 'feed.<b>', {b: 'reads'}],
    ['a placeholder used twice takes what each place holds', ['<a>.x.<a>'], [], undefined, 'p.x.q', '<a>.x.<a>', {a: 'p'}],
  ])('%s', (_what, templates, placeholders, prefix, name, expected, values) => {
    const found = indexCatalog(catalog(templates, placeholders, prefix)).match(name)
    expect(found?.entry.name.text).toBe(expected)
    if (values !== undefined) expect(found?.values).toEqual(values)
  })

  it('tells entries of the same names apart by type: that type, else unknown, else the first', () => {
    const index = indexCatalog(catalog([entry('a.<x>', 'counter'), entry('a.<y>', 'gauge'), entry('a.<z>', 'unknown')]))
    expect(index.match('a.b', 'gauge')?.index).toBe(1)
    expect(index.match('a.b', 'counter')?.index).toBe(0)
    expect(index.match('a.b', 'timer')?.index).toBe(2)
    expect(index.match('a.b')?.index).toBe(0)
  })

  it('keeps the most specific entry first through a chain of narrower ones', () => {
    const index = indexCatalog(catalog(['<a>.<b>.<c>', 'x.<b>.<c>', 'x.y.<c>', 'x.y.z']))
    expect(['x.y.z', 'x.y.q', 'x.q.q', 'q.q.q'].map((name) => index.match(name)?.index)).toEqual([3, 2, 1, 0])
  })

  it('matches a name against 5,000 entries by lookups, not a scan', () => {
    const names = Array.from({length: 5000}, (_, i) => (i % 2 ? `area${i % 50}.<FEED>.op${i}` : `area${i % 50}.job_${i}.<job>_start`))
    const index = indexCatalog(catalog(names))
    expect(index.match('area3.user_feed.op3')?.index).toBe(3)
    expect(index.match('area4.job_4.backfill_start')?.values).toEqual({job: 'backfill'})
    expect(index.match('area4.job_4.backfill_stop')).toBeUndefined()
  })
})

describe('indexCatalog(…).overlaps and unreachable', () => {
  it.each<[string, readonly string[], readonly Placeholder[], {first: number; second: number; relation: string; example: string}[]]>([
    ['none between different names', ['feed.reads', 'feed.writes', 'feed.<x>.y'], [], []],
    ['the same template', ['feed.reads', 'feed.reads'], [], [{first: 0, second: 1, relation: 'same', example: 'feed.reads'}]],
    ['a placeholder renamed', ['feed.<a>', 'feed.<b>'], [], [{first: 0, second: 1, relation: 'same', example: 'feed.x'}]],
    ['closed values that name one literal', ['geo.<r>', 'geo.de'], [{name: 'r', values: ['de']}], [{first: 0, second: 1, relation: 'same', example: 'geo.de'}]],
    ['one within the other', ['feed.<x>', 'feed.reads'], [], [{first: 1, second: 0, relation: 'within', example: 'feed.reads'}]],
    ['in part', ['<a>.reads', 'feed.<b>'], [], [{first: 0, second: 1, relation: 'partial', example: 'feed.reads'}]],
    ['in part, inside segments', ['a.<x>_start', 'a.job_<y>'], [], [{first: 0, second: 1, relation: 'partial', example: 'a.job_start'}]],
    ['none between disjoint closed values', ['geo.<r>', 'geo.<s>'], [{name: 'r', values: ['de']}, {name: 's', values: ['fr']}], []],
    ['none between texts that cannot meet', ['a.<x>_start', 'a.<y>_stop'], [], []],
  ])('%s', (_what, templates, placeholders, expected) => {
    expect(indexCatalog(catalog(templates, placeholders)).overlaps).toEqual(expected)
  })

  it('finds an entry whose every name another takes', () => {
    const index = indexCatalog(catalog(['geo.de', 'geo.fr', 'geo.<region>', 'geo.<any>'], [{name: 'region', values: ['de', 'fr']}]))
    expect(index.unreachable).toEqual([{entry: 2, by: [0, 1]}])
  })

  it('stays bounded on thousands of entries that all overlap, and says it stopped', () => {
    const crossing = Array.from({length: 3000}, (_, i) => (i % 2 ? `<x>.lit_${i}` : `lit_${i}.<y>`))
    const same = Array.from({length: 3000}, (_, i) => `<x${i}>.<y>`)
    for (const names of [crossing, same]) {
      const started = performance.now()
      const index = indexCatalog(catalog(names))
      expect(index.overlapsTruncated).toBe(true)
      expect(index.overlaps).toHaveLength(10_000)
      expect(performance.now() - started).toBeLessThan(15_000)
    }
  })

  it('does not call an entry unreachable for sharing names with one of another type', () => {
    expect(indexCatalog(catalog([entry('a.b', 'counter'), entry('a.b', 'gauge')])).unreachable).toEqual([])
  })
})

describe('indexCatalog against a brute-force reference', () => {
  const segment = fc.oneof(
    fc.constantFrom('a', 'b', 'ab', 'a_b'),
    fc.constantFrom('<p>', '<q>', '<c>', '<P>'),
    fc.constantFrom('<p>_b', 'a_<q>', '<c>b', 'a<p>_<q>'),
  )
  const templates = fc.array(fc.array(segment, {minLength: 1, maxLength: 3}).map((s) => s.join('.')), {minLength: 1, maxLength: 6})
  const names = fc.array(fc.array(fc.constantFrom('a', 'b', 'ab', 'a_b', 'a_bb', 'ba', 'x', 'xb', 'a_x_b', 'lego.prod'), {minLength: 1, maxLength: 3}).map((s) => s.join('.')), {minLength: 1, maxLength: 10})
  const placeholders: Placeholder[] = [{name: 'c', values: ['a', 'ab', 'x']}, {name: 'P', segments: ['s', 'e']}]

  /** The entry's names as one regular expression, written the obvious way. */
  function reference(metric: MetricEntry): RegExp {
    const source = metric.name.segments.map((s) => s.parts.map((part) => {
      if (part.kind === 'literal') return part.text
      if (part.name === 'c') return '(?:a|ab|x)'
      return part.name === 'P' && s.parts.length === 1 ? '[^.]+\\.[^.]+' : '[^.]+'
    }).join('')).join('\\.')
    return new RegExp(`^${source}$`)
  }

  it('matches exactly the names some entry matches, lists every pair that shares one, and captures what fills the template', () => {
    fc.assert(fc.property(templates, names, (written, tried) => {
      const built = catalog(written, placeholders)
      const index = indexCatalog(built)
      const listed = new Set(index.overlaps.map((o) => `${Math.min(o.first, o.second)},${Math.max(o.first, o.second)}`))
      for (const name of tried) {
        const matching = built.metrics.flatMap((metric, i) => (reference(metric).test(name) ? [i] : []))
        const found = index.match(name)
        if (matching.length === 0) {
          expect(found).toBeUndefined()
          continue
        }
        expect(matching).toContain(found?.index)
        for (let i = 0; i < matching.length; i++) for (let j = i + 1; j < matching.length; j++) expect(listed).toContain(`${matching[i]},${matching[j]}`)
        // The values put back into the template give the name.
        const values = found?.values ?? {}
        const filled = joinTemplates(undefined, built.metrics[found?.index ?? 0].name).text.replace(/<(\w+)>/g, (_whole, placeholder: string) => values[placeholder] ?? '?')
        if (!/<(\w+)>.*<\1>/.test(built.metrics[found?.index ?? 0].name.text)) expect(filled).toBe(name)
      }
    }), {numRuns: 2000})
  })
})
