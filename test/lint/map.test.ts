import {describe, expect, it} from 'vitest'
import {UsageError} from '../../src/errors.js'
import {loadMappingConfig} from '../../src/mapping/load.js'
import type {MappingConfig} from '../../src/mapping/model.js'
import {mapNames} from '../../src/lint/map-names.js'
import {renderMapRows} from '../../src/lint/map-render.js'
import {runMap} from '../../src/lint/map-run.js'
import {createMapper} from '../../src/mapping/mapper.js'
import {formatSeries, resolveEvent} from '../../src/lint/resolve.js'
import {yaml} from './rule-tester.js'

const text = yaml(
  'mappings:',
  '- match: test.dispatcher.*.*.*',
  '  name: dispatcher_events_total',
  '  labels:',
  '    processor: $1',
  '    action: $2',
  '- match: api.*.latency',
  '  match_metric_type: observer',
  '  name: api_latency_seconds',
  '  honor_labels: true',
  '  labels:',
  '    method: $1',
  '- match: debug.*',
  '  name: dropped',
  '  action: drop',
  "- match: 'legacy\\.(\\w+)'",
  '  match_type: regex',
  '  name: legacy_${1}_total',
)
const config = loadMappingConfig(text).config as MappingConfig

describe('mapNames', () => {
  it('maps, drops and falls back, naming the rule', () => {
    const rows = mapNames(config, ['test.dispatcher.Foo.send.ok', 'debug.x', 'legacy.hits', 'Some-thing.else'], 'counter', false)
    expect(rows).toEqual([
      {input: 'test.dispatcher.Foo.send.ok', type: 'counter', matched: true, action: 'map', name: 'dispatcher_events_total', labels: {processor: 'Foo', action: 'send'},
        rule: {index: 0, line: 2, column: 10, match: 'test.dispatcher.*.*.*', matchType: 'glob'}},
      {input: 'debug.x', type: 'counter', matched: true, action: 'drop', name: 'dropped', labels: {}, rule: {index: 2, line: 13, column: 10, match: 'debug.*', matchType: 'glob'}},
      {input: 'legacy.hits', type: 'counter', matched: true, action: 'map', name: 'legacy_hits_total', labels: {}, rule: {index: 3, line: 16, column: 10, match: 'legacy\\.(\\w+)', matchType: 'regex'}},
      {input: 'Some-thing.else', type: 'counter', matched: false, action: null, name: 'Some_thing_else', labels: {}, rule: null},
    ])
  })

  it('explains a miss with the nearest rules and where each failed', () => {
    const [row] = mapNames(config, ['api.get.latency'], 'counter', true)
    expect(row.matched).toBe(false)
    expect(row.nearest?.map((n) => [n.index, n.reason])).toEqual([
      [1, 'matches, but only observer events (this is a counter)'],
      [0, "segment 1: 'api' is not 'test'"],
      [2, "segment 1: 'api' is not 'debug'"],
    ])
    const [short] = mapNames(config, ['test.dispatcher.Foo'], 'gauge', true)
    expect(short.nearest?.[0]).toMatchObject({index: 0, reason: 'has 5 segments, the name has 3 (a * matches exactly one segment)'})
    const [tail] = mapNames(config, ['test.dispatcher.a.b.c'], 'gauge', true)
    expect(tail.nearest).toBeUndefined()
  })

  it('renders one line per name, and the rule with --explain', () => {
    const rows = mapNames(config, ['test.dispatcher.Foo.send.ok', 'debug.x', 'nope'], 'counter', true)
    expect(renderMapRows(rows, {explain: true, color: false, configPath: 'm.yml'})).toBe([
      'test.dispatcher.Foo.send.ok → dispatcher_events_total{action="send", processor="Foo"}',
      "  matched mappings[0] at m.yml:2:10 (glob 'test.dispatcher.*.*.*')",
      'debug.x → drop',
      "  matched mappings[2] at m.yml:13:10 (glob 'debug.*')",
      'nope → unmapped nope',
      '  no rule matched; nearest:',
      "    mappings[0] at m.yml:2:10 (glob 'test.dispatcher.*.*.*'): segment 1: 'nope' is not 'test'",
      "    mappings[1] at m.yml:7:10 (glob 'api.*.latency'): segment 1: 'nope' is not 'api'",
      "    mappings[2] at m.yml:13:10 (glob 'debug.*'): segment 1: 'nope' is not 'debug'",
      '',
    ].join('\n'))
  })

  it('never prints control characters from names', () => {
    const rows = mapNames(config, ['evil\u001b[2J'], 'counter', false)
    expect(renderMapRows(rows, {explain: false, color: false, configPath: 'm.yml'})).toBe('evil\\x1b[2J → unmapped evil__2J\n')
  })
})

describe('resolveEvent', () => {
  const mapper = createMapper(config)
  it('lets mapping labels win over tags, unless honor_labels', () => {
    expect(resolveEvent(mapper, 'test.dispatcher.a.b.c', 'counter', {action: 'tag', 'env-x': 'prod'})).toMatchObject({action: 'map', labels: {processor: 'a', action: 'b', env_x: 'prod'}})
    expect(resolveEvent(mapper, 'api.get.latency', 'observer', {method: 'tag'})).toMatchObject({action: 'map', labels: {method: 'tag'}})
    expect(resolveEvent(mapper, 'nope', 'counter', {env: 'prod'})).toEqual({action: 'unmapped', name: 'nope', labels: {env: 'prod'}})
  })

  it('formats series like the exposition format', () => {
    expect(formatSeries('a', {})).toBe('a')
    expect(formatSeries('a', {z: '1', b: 'say "hi"'})).toBe('a{b="say \\"hi\\"", z="1"}')
  })
})

describe('runMap', () => {
  const read = async (path: string) => new TextEncoder().encode(path === '-' ? 'debug.x\r\n\napi.get.latency\n' : path === 'bad.yml' ? 'mappings:\n- match: a\n' : text)

  it('reads names from stdin when none are given', async () => {
    const {rows, warnings} = await runMap([], {config: 'm.yml', type: 'ms'}, read)
    expect(warnings).toEqual([])
    expect(rows.map((r) => [r.input, r.type, r.action])).toEqual([['debug.x', 'observer', 'drop'], ['api.get.latency', 'observer', 'map']])
  })

  it.each([
    [{}, '--config FILE is required'],
    [{config: '-'}, 'stdin cannot hold both'],
    [{config: 'bad.yml'}, "mapping config does not load: bad.yml:2:3: mappings[0] has no name (statsd_exporter: \"line 0: metric mapping didn't set a metric name\", counting mappings from 0)"],
  ])('refuses %j', async (flags, message) => {
    const run = runMap(['-'], flags, read)
    await expect(run).rejects.toThrow(UsageError)
    await expect(runMap(['-'], flags, read)).rejects.toThrow(message)
  })
})
