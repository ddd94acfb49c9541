import {describe, expect, it} from 'vitest'
import type {MetricKind} from '../../src/mapping/model.js'
import {GenerationalCache} from '../../src/mapping/cache.js'
import {createMapper} from '../../src/mapping/mapper.js'
import {loadedConfig} from './helpers.js'

function mapperOf(yaml: string, cacheSize?: number) {
  return createMapper(loadedConfig(yaml), {cacheSize})
}

const CONFIG = `
mappings:
- match: "(.*)\\\\.regex\\\\.(.*)"
  match_type: regex
  name: regex_first_in_file
- match: "a.regex.*"
  name: glob_$1
  labels: {kind: glob}
- match: "^t\\\\.(?P<what>\\\\w+)"
  match_type: regex
  match_metric_type: gauge
  name: t_gauge
  labels: {what: $what, all: $0}
- match: "^t\\\\.(\\\\w+)"
  match_type: regex
  name: t_\${1}_any
- match: "drop.*"
  action: drop
  name: dropped
- match: '^web\\.(.*)\\.requests$'
  match_type: regex
  name: \${1}_requests
  labels: {host: $1}
`

describe('createMapper', () => {
  const mapper = mapperOf(CONFIG)

  it.each<[string, MetricKind, {matched: boolean; name: string; prometheusName: string; action?: string; labels: Record<string, string>; rule?: number}]>([
    // Every glob before any regex, whatever the file order (#349).
    ['a.regex.x', 'counter', {matched: true, action: 'map', name: 'glob_x', prometheusName: 'glob_x', labels: {kind: 'glob'}, rule: 1}],
    ['b.regex.x', 'counter', {matched: true, action: 'map', name: 'regex_first_in_file', prometheusName: 'regex_first_in_file', labels: {}, rule: 0}],
    // A regex rule for another metric kind is skipped; the next one in file order matches.
    ['t.load', 'gauge', {matched: true, action: 'map', name: 't_gauge', prometheusName: 't_gauge', labels: {what: 'load', all: 't.load'}, rule: 2}],
    ['t.load', 'counter', {matched: true, action: 'map', name: 't_load_any', prometheusName: 't_load_any', labels: {}, rule: 3}],
    // Unanchored, as in Go: the match may start anywhere.
    ['xt.load', 'counter', {matched: false, action: undefined, name: 'xt.load', prometheusName: 'xt_load', labels: {}}],
    ['drop.me', 'observer', {matched: true, action: 'drop', name: 'dropped', prometheusName: 'dropped', labels: {}, rule: 4}],
    // The mapped name is escaped for Prometheus only in prometheusName.
    ['web.h-1.a.requests', 'counter', {matched: true, action: 'map', name: 'h-1.a_requests', prometheusName: 'h_1_a_requests', labels: {host: 'h-1.a'}, rule: 5}],
    ['0nothing-here', 'counter', {matched: false, action: undefined, name: '0nothing-here', prometheusName: '_0nothing_here', labels: {}}],
  ])('%j as %s', (name, kind, expected) => {
    const {mapping, ...result} = mapper.map(name, kind)
    const {rule, ...rest} = expected
    expect(result).toEqual(rest)
    expect(mapping?.index).toBe(rule)
  })

  it('hands back the matched rule with its options and position', () => {
    const {mapping} = mapperOf('mappings:\n- match: a.*\n  name: a\n  scale: 0.001\n  ttl: 1m\n  honor_labels: true\n  help: Latency\n').map('a.b', 'observer')
    expect(mapping).toMatchObject({index: 0, scale: 0.001, ttlSeconds: 60, honorLabels: true, help: 'Latency', observerType: undefined, range: {line: 2, column: 3}})
  })

  it('answers repeated names from the cache, misses included, per metric kind', () => {
    const cached = mapperOf(CONFIG, 100)
    const first = cached.map('web.h1.requests', 'counter')
    expect(cached.map('web.h1.requests', 'counter')).toBe(first)
    expect(cached.map('web.h1.requests', 'gauge')).not.toBe(first)
    cached.map('nothing', 'counter')
    cached.map('nothing', 'counter')
    expect(cached.cacheStats).toEqual({hits: 2, misses: 3})
  })

  it('gives the same answers with and without a cache', () => {
    const cached = mapperOf(CONFIG, 4)
    const uncached = mapperOf(CONFIG, 0)
    const names = ['a.regex.x', 'b.regex.x', 't.load', 'drop.x', 'web.a.requests', 'web.b.requests', 'zzz']
    for (let round = 0; round < 3; round++) {
      for (const name of names) {
        for (const kind of ['counter', 'gauge', 'observer'] as MetricKind[]) expect(cached.map(name, kind)).toEqual(uncached.map(name, kind))
      }
    }
    expect(uncached.cacheStats).toEqual({hits: 0, misses: 0})
  })
})

describe('createMapper: regex rules take time linear in the name', () => {
  // JavaScript's backtracking RegExp never finished the first and the third: it tries every way to split the name.
  it.each([
    ['(a+)+$', '5,000 a\'s and a !', `${'a'.repeat(5000)}!`, false],
    ['^(.*)\\.(.*)\\.(.*)\\.count$', 'a 64 KB name it matches', `${'x'.repeat(64 * 1024 - 16)}.a.b.c.count`, true],
    ['^(.*)\\.(.*)\\.(.*)\\.count$', '13,000 segments and no .count at the end', `${'host.'.repeat(13_000)}count.x`, false],
  ])('%j against %s, in under a second', (pattern, _what, name, matches) => {
    const mapper = mapperOf(`mappings:\n- match: '${pattern}'\n  match_type: regex\n  name: slow\n  labels: {first: $1}\n`, 0)
    const start = performance.now()
    const result = mapper.map(name, 'counter')
    expect(performance.now() - start).toBeLessThan(1000)
    expect(result.matched).toBe(matches)
  })

  it('maps a name to the first regex rule that applies, among many, with that rule\'s groups', () => {
    const rules = Array.from({length: 150}, (_, i) => `- match: '^(?:job${i}|task${i})\\.(?P<host>[a-z0-9-]+)\\.(\\w+)$'\n  match_type: regex\n${i === 70 ? '  match_metric_type: gauge\n' : ''}  name: job${i}_\${2}\n  labels: {host: $host}`)
    const mapper = mapperOf(`mappings:\n${rules.join('\n')}\n- match: '^(task70)\\.(.*)'\n  match_type: regex\n  name: fallback_$1\n`, 0)
    expect(mapper.map('task12.h-1.login', 'counter')).toMatchObject({name: 'job12_login', labels: {host: 'h-1'}, mapping: {index: 12}})
    expect(mapper.map('task70.h-2.login', 'gauge')).toMatchObject({name: 'job70_login', labels: {host: 'h-2'}, mapping: {index: 70}})
    expect(mapper.map('task70.h-2.login', 'counter')).toMatchObject({name: 'fallback_task70', mapping: {index: 150}})
    expect(mapper.map('job149.h.x.y', 'counter')).toMatchObject({matched: false})
  })
})

describe('GenerationalCache', () => {
  it('holds at most its capacity and keeps entries in use', () => {
    const cache = new GenerationalCache<number>(4)
    for (let i = 0; i < 10; i++) {
      cache.set(`k${i}`, i)
      expect(cache.get('k0')).toBe(0)
    }
    expect(cache.size).toBeLessThanOrEqual(4)
    expect(cache.get('k0')).toBe(0)
    expect(cache.get('k1')).toBeUndefined()
    expect(cache.get('k9')).toBe(9)
  })

  it('stores nothing with capacity 0 or 1', () => {
    for (const capacity of [0, 1]) {
      const cache = new GenerationalCache<number>(capacity)
      cache.set('a', 1)
      expect(cache.get('a')).toBeUndefined()
    }
  })
})
