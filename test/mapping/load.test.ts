import {describe, expect, it} from 'vitest'
import {loadMappingConfig} from '../../src/mapping/load.js'
import {DEFAULT_BUCKETS, DEFAULT_QUANTILES} from '../../src/mapping/validate.js'
import {loadedConfig} from './helpers.js'

/** `line:column code: message` for each diagnostic, the shape the tables below assert. */
function diagnosticsOf(text: string): string[] {
  return loadMappingConfig(text).diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}`)
}


describe('loadMappingConfig: what statsd_exporter refuses, located', () => {
  it.each([
    ['mappings:\n- match: a.b\n  name: x\n  nmae: y\n', ['4:3 error unknown-key: field nmae not found in type mapper.MetricMapping']],
    ['foo: 1\n', ['1:1 error unknown-key: field foo not found in type mapper.MetricMapper']],
    ['defaults:\n  buckets_x: []\n', ['2:3 error unknown-key: field buckets_x not found in type mapper.mapperConfigDefaults']],
    ['mappings:\n- match: a\n  name: x\n  summary_options: {quantile: []}\n', ['4:21 error unknown-key: field quantile not found in type mapper.SummaryOptions']],
    ['mappings:\n- match: a\n  name: x\n  name: y\n', ['4:3 error duplicate-key: field name already set in type mapper.MetricMapping']],
    ['mappings:\n- match: a\n  name: x\n  labels: {job: a, job: b}\n', ['4:20 error duplicate-key: key "job" already set in map']],
    ['mappings:\n- match: a\n  name: x\n  labels: {l: a}\n', ['4:12 error invalid-label-name: invalid label key: l']],
    ['mappings:\n- match: a\n  name: x\n  labels: {0ab: a, a-b: c}\n', ['4:12 error invalid-label-name: invalid label key: 0ab', '4:20 error invalid-label-name: invalid label key: a-b']],
    ['mappings:\n- match: a\n', ["2:3 error missing-name: mappings[0] has no name (statsd_exporter: \"line 0: metric mapping didn't set a metric name\", counting mappings from 0)"]],
    ['mappings:\n- match: a\n  name: x\n- match: b\n  name: ~\n', ["5:3 error missing-name: mappings[1] has no name (statsd_exporter: \"line 1: metric mapping didn't set a metric name\", counting mappings from 0)"]],
    ['mappings:\n- match: a\n  name: a.b\n', [String.raw`3:9 error invalid-metric-name: metric name 'a.b' doesn't match regex '^([a-zA-Z_]|(\$\{?\d+\}?))([a-zA-Z0-9_]|(\$\{?\d+\}?))*$'`]],
    ['mappings:\n- match: a\n  name: $name\n', [String.raw`3:9 error invalid-metric-name: metric name '$name' doesn't match regex '^([a-zA-Z_]|(\$\{?\d+\}?))([a-zA-Z0-9_]|(\$\{?\d+\}?))*$'`]],
    ['mappings:\n- match: prefix_*\n  name: x\n', ['2:10 error invalid-match: invalid match: prefix_*']],
    ['mappings:\n- match: "0a.b"\n  name: x\n', ['2:10 error invalid-match: invalid match: 0a.b']],
    ['mappings:\n- name: x\n', ['2:3 error invalid-match: invalid match: ']],
    ['mappings:\n- match: "a(?=b)"\n  match_type: regex\n  name: x\n', ['2:10 error invalid-regex: invalid regex a(?=b) in mapping: error parsing regexp: invalid or unsupported Perl syntax: `(?=` (RE2 has no lookahead or lookbehind)']],
    ['mappings:\n- match: a\n  name: x\n  match_type: wild\n', ['4:15 error invalid-enum: invalid match type "wild"']],
    ['mappings:\n- match: a\n  name: x\n  action: keep\n', ['4:11 error invalid-enum: invalid action type "keep"']],
    ['mappings:\n- match: a\n  name: x\n  observer_type: wrong\n', ["4:18 error invalid-enum: invalid observer type 'wrong'"]],
    ['mappings:\n- match: a\n  name: x\n  match_metric_type: ""\n', ["4:22 error invalid-enum: invalid metric type ''"]],
    ['mappings:\n- match: a\n  name: x\n  ttl: 1x\n', ['4:8 error invalid-duration: cannot unmarshal !!str `1x` into time.Duration (time: unknown unit "x" in duration "1x")']],
    ['mappings:\n- match: a\n  name: x\n  ttl: "10"\n', ['4:8 error invalid-duration: cannot unmarshal !!str `10` into time.Duration (time: missing unit in duration "10")']],
    ['mappings:\n- match: a\n  name: x\n  scale: "2"\n', ['4:10 error invalid-type: cannot unmarshal !!str `2` into float64']],
    ['mappings:\n- match: a\n  name: x\n  honor_labels: maybe\n', ['4:17 error invalid-type: cannot unmarshal !!str `maybe` into bool']],
    ['mappings:\n- match: a\n  name: x\n  summary_options: {age_buckets: -1}\n', ['4:34 error invalid-type: cannot unmarshal !!int `-1` into uint32']],
    ['mappings:\n- match: a\n  name: [x]\n', ['3:9 error invalid-type: cannot unmarshal !!seq into string']],
    ['mappings:\n- match: a\n  name: x\n  help: a long help text here\n  labels: [a]\n', ['5:11 error invalid-type: cannot unmarshal !!seq into prometheus.Labels']],
    ['mappings: {a: 1}\n', ['1:11 error invalid-type: cannot unmarshal !!map into []mapper.MetricMapping']],
    ['just a long string\n', ['1:1 error invalid-type: cannot unmarshal !!str `just a ...` into mapper.MetricMapper']],
    ['mappings:\n- match: a\n  name: x\n  observer_type: histogram\n  summary_options: {}\n', ['5:3 error observer-options-conflict: cannot use histogram observer and summary options at the same time']],
    ['defaults:\n  observer_type: summary\nmappings:\n- match: a\n  name: x\n  histogram_options: {}\n', ['6:3 error observer-options-conflict: cannot use summary observer and histogram options at the same time']],
    ['mappings:\n- match: *.x\n  name: x\n', ['2:10 error yaml-syntax: yaml: did not find expected alphabetic or numeric character (a value that starts with * is a YAML alias; quote it: "*.x")']],
    ['mappings:\n- match: *nope\n  name: x\n', ["2:10 error yaml-syntax: yaml: unknown anchor 'nope' referenced"]],
    ['mappings:\n- match: "a\\.b"\n  name: x\n', ['2:12 error yaml-syntax: yaml: Invalid escape sequence \\.']],
    ['mappings:\n\t- match: a\n', ['2:1 error yaml-syntax: yaml: Tabs are not allowed as indentation']],
  ])('%j', (text, expected) => {
    const result = loadMappingConfig(text)
    expect(result.config).toBeUndefined()
    expect(diagnosticsOf(text)).toEqual(expected)
  })

  it('reports every problem at once, not only the first as upstream does', () => {
    expect(diagnosticsOf('mappings:\n- match: a\n  name: x\n  labels: {l: a}\n- match: b\n  name: 0x\n').map((d) => d.split(' ')[0])).toEqual(['4:12', '6:9'])
  })

  it('ends a diagnostic where the offending text ends', () => {
    const [d] = loadMappingConfig('mappings:\n- match: prefix_*\n  name: x\n').diagnostics
    expect(d).toMatchObject({line: 2, column: 10, endLine: 2, endColumn: 18})
  })
})

describe('loadMappingConfig: keys removed after v0.30.0 warn and still work', () => {
  it.each([
    ['mappings:\n- match: a\n  name: x\n  timer_type: histogram\n', '4:3 warning deprecated-key: timer_type was removed after v0.30.0 (statsd_exporter master rejects it); use observer_type'],
    ['defaults:\n  buckets: [1, 2]\n', '2:3 warning deprecated-key: buckets was removed after v0.30.0 (statsd_exporter master rejects it); use histogram_options.buckets'],
    ['defaults:\n  quantiles: [{quantile: 0.5, error: 0.1}]\n', '2:3 warning deprecated-key: quantiles was removed after v0.30.0 (statsd_exporter master rejects it); use summary_options.quantiles'],
    ['mappings:\n- match: a\n  name: x\n  match_metric_type: timer\n', '4:22 warning deprecated-key: match_metric_type: timer was removed after v0.30.0; use match_metric_type: observer'],
  ])('%j', (text, expected) => {
    expect(diagnosticsOf(text)).toEqual([expected])
    expect(loadMappingConfig(text).config).toBeDefined()
  })

  it('honours them as v0.30.0 did', () => {
    const config = loadedConfig('defaults:\n  buckets: [1, 2]\nmappings:\n- match: a\n  name: x\n  timer_type: histogram\n  match_metric_type: timer\n')
    expect(config.mappings[0]).toMatchObject({observerType: 'histogram', matchMetricType: 'observer', histogramOptions: {buckets: [1, 2]}})
  })

  it('refuses quantiles written twice, as v0.30.0 did', () => {
    expect(diagnosticsOf('mappings:\n- match: a\n  name: x\n  quantiles: [{quantile: 0.5, error: 0.1}]\n  summary_options: {quantiles: []}\n')).toContain(
      '4:3 error observer-options-conflict: cannot use quantiles in both the top level and summary options at the same time in a')
  })

  it('warns that a bare number of ttl is nanoseconds', () => {
    expect(diagnosticsOf('defaults:\n  ttl: 10\n')).toEqual(['2:8 warning invalid-duration: 10 has no unit, so statsd_exporter reads it as 10 nanoseconds; write a unit, e.g. 10s'])
    expect(loadedConfig('defaults:\n  ttl: 10\n').defaults.ttlSeconds).toBe(1e-8)
  })
})

describe('loadMappingConfig: the loaded config', () => {
  it('accepts an empty file, a comment, null and an empty list', () => {
    for (const text of ['', '# nothing\n', '~\n', '---\n', 'mappings: []\n', 'mappings:\n', 'defaults: {}\n']) {
      expect(loadMappingConfig(text), JSON.stringify(text)).toMatchObject({config: {format: 'yaml', mappings: []}, diagnostics: []})
    }
  })

  it('applies defaults the way statsd_exporter does', () => {
    const config = loadedConfig([
      'defaults:',
      '  match_type: regex',
      '  observer_type: histogram',
      '  ttl: 1m30s',
      '  histogram_options: {native_histogram_bucket_factor: 1.1}',
      'mappings:',
      '- match: "^a(.*)"',
      '  name: a',
      '- match: b.*',
      '  match_type: glob',
      '  name: b',
      '  ttl: 5s',
      '  observer_type: summary',
      '  summary_options: {max_age: 1m}',
      '- match: c',
      '  match_type: ""',
      '  name: c',
      '  action: drop',
      '  scale: 1e-6',
      '  honor_labels: yes',
      '  help: Some help',
    ].join('\n'))
    expect(config.defaults).toMatchObject({matchType: 'regex', observerType: 'histogram', ttlSeconds: 90, globDisableOrdering: false,
      summaryOptions: {quantiles: DEFAULT_QUANTILES}, histogramOptions: {buckets: DEFAULT_BUCKETS, nativeHistogramBucketFactor: 1.1}})
    const [a, b, c] = config.mappings
    expect(a).toMatchObject({index: 0, matchType: 'regex', observerType: 'histogram', ttlSeconds: 90, action: 'map', scale: undefined,
      histogramOptions: {buckets: DEFAULT_BUCKETS, nativeHistogramBucketFactor: 1.1, nativeHistogramMaxBuckets: 0}, summaryOptions: undefined})
    expect(b).toMatchObject({matchType: 'glob', observerType: 'summary', ttlSeconds: 5,
      summaryOptions: {quantiles: DEFAULT_QUANTILES, maxAgeSeconds: 60, ageBuckets: 0, bufCap: 0}, histogramOptions: undefined})
    expect(c).toMatchObject({matchType: 'glob', action: 'drop', scale: 1e-6, honorLabels: true, help: 'Some help'})
  })

  it('keeps where each mapping, key and value was written', () => {
    const config = loadedConfig('mappings:\n- match: "a.*"\n  name: x_$1\n  labels:\n    job: "$1"\n')
    const [mapping] = config.mappings
    expect(mapping.range).toMatchObject({line: 2, column: 3})
    expect(mapping.keys.match).toEqual({key: {line: 2, column: 3, endLine: 2, endColumn: 8}, value: {line: 2, column: 10, endLine: 2, endColumn: 15}})
    expect(mapping.keys.name?.value).toEqual({line: 3, column: 9, endLine: 3, endColumn: 13})
    expect(mapping.labels).toEqual([{name: 'job', template: '$1', range: {key: {line: 5, column: 5, endLine: 5, endColumn: 8}, value: {line: 5, column: 10, endLine: 5, endColumn: 14}}}])
  })

  it('reads YAML 1.1 scalars as go-yaml v2 does', () => {
    const config = loadedConfig('mappings:\n- match: a\n  name: x\n  scale: 1_000\n  honor_labels: on\n  summary_options: {age_buckets: 0x10, buf_cap: 2.9}\n  ttl: 1h\n')
    expect(config.mappings[0]).toMatchObject({scale: 1000, honorLabels: true, summaryOptions: {ageBuckets: 16, bufCap: 2}, ttlSeconds: 3600})
  })

  it('reads a scalar\'s text for string fields, whatever YAML type it resolves to', () => {
    expect(loadedConfig('mappings:\n- match: a\n  name: x\n  help: 1.50\n  labels: {yes_no: yes, num: 010}\n').mappings[0]).toMatchObject({
      help: '1.50', labels: [{name: 'yes_no', template: 'yes'}, {name: 'num', template: '010'}],
    })
  })

  it('follows anchors, aliases and merge keys, later keys winning', () => {
    const config = loadedConfig([
      'defaults:',
      '  summary_options: &opts {max_age: 2m}',
      'mappings:',
      '- &base',
      '  match: a.*',
      '  name: a',
      '  labels: &labels {job: "$1"}',
      '- <<: *base',
      '  match: b.*',
      '  labels: *labels',
      '  summary_options: *opts',
    ].join('\n'))
    expect(config.mappings[1]).toMatchObject({match: 'b.*', name: 'a', labels: [{name: 'job', template: '$1'}], summaryOptions: {maxAgeSeconds: 120}})
  })

  it('reads only the first YAML document, as go-yaml does, and says so', () => {
    expect(diagnosticsOf('mappings: []\n---\nfoo: bar\n')).toEqual(['2:1 warning yaml-syntax: yaml: only the first YAML document is read; statsd_exporter ignores the rest'])
  })

  it('reads the legacy format when the text looks like it, or when told to', () => {
    const legacy = 'a.*\nname="a_total"\njob="$1"\n'
    expect(loadMappingConfig(legacy).config?.format).toBe('legacy')
    expect(loadMappingConfig(legacy, {format: 'yaml'}).config).toBeUndefined()
    expect(loadMappingConfig('mappings: []\n', {format: 'legacy'}).diagnostics.map((d) => d.code)).toEqual(['legacy-syntax'])
  })
})

describe('loadMappingConfig: the partial config behind errors', () => {
  it.each([
    ['one bad label', 'mappings:\n- match: a.b\n  name: x\n  labels: {l: a}\n- match: c\n  name: y\n- match: d\n  name: z\n', [1, 2]],
    ['a decoding error inside a mapping', 'mappings:\n- match: a\n  name: x\n  scale: "2"\n- match: b\n  name: y\n', [1]],
    ['an error in a nested option', 'mappings:\n- match: a\n  name: x\n- match: b\n  name: y\n  summary_options: {age_buckets: -1}\n', [0]],
    ['a missing name', 'mappings:\n- match: a\n- match: b\n  name: y\n', [1]],
    ['an unknown top-level key', 'foo: 1\nmappings:\n- match: a\n  name: x\n', [0]],
    ['an error in every mapping', 'mappings:\n- match: prefix_*\n  name: x\n', []],
  ])('%s: keeps the mappings that drew no error, with their indexes', (_what, text, indexes) => {
    const result = loadMappingConfig(text)
    expect(result.config).toBeUndefined()
    expect(result.partial?.mappings.map((m) => m.index)).toEqual(indexes)
  })

  it.each([
    ['a YAML syntax error', 'mappings:\n- match: "a\\.b"\n  name: x\n'],
    ['an alias loop', 'mappings:\n- &a\n  <<: *a\n'],
    ['binary input', 'mappings:\x00\n'],
  ])('%s: no partial config, there is nothing to judge', (_what, text) => {
    expect(loadMappingConfig(text).partial).toBeUndefined()
  })

  it('gives no partial config when the file loads', () => {
    expect(loadMappingConfig('mappings:\n- match: a\n  name: x\n').partial).toBeUndefined()
  })
})

describe('loadMappingConfig: mappings reached through an alias', () => {
  it.each([
    ['a list alias', 'mappings:\n- &m\n  match: a.b\n  name: x\n- *m\n', [{line: 3, column: 10}, {line: 5, column: 3}]],
    ['a merge key', 'mappings:\n- &m\n  match: a.b\n  name: x\n- <<: *m\n  name: y\n', [{line: 3, column: 10}, {line: 5, column: 7}]],
  ])('%s: are located at the alias', (_what, text, expected) => {
    const config = loadedConfig(text)
    expect(config.mappings.map((m) => ({line: m.keys.match?.value.line, column: m.keys.match?.value.column}))).toEqual(expected)
  })
})

describe('loadMappingConfig: the fast block reader and the yaml package agree', () => {
  it.each([
    ['header and item comments', '# all\nmappings:\n# first\n- match: a.b # trailing\n  name: x\n\n# second\n- match: c\n  name: y\n  labels:\n    job: "$1"\n'],
    ['flow lists and quotes', "mappings:\n  - match: 'a\\.(b)'\n    match_type: regex\n    name: \"x\"\n    histogram_options:\n      buckets: [0.1, 1]\n"],
    ['an error the fast reader sees as plain text', 'mappings:\n- match: a\n  name: x\n  labels: {l: a}\n  ttl: 5\n'],
  ])('%s: the same diagnostics and config either way', (_what, text) => {
    // A tag the fast reader refuses forces the yaml package's path; `!!map` changes nothing else.
    const viaYaml = loadMappingConfig(text.replace(/^mappings:/m, 'mappings: !!seq'))
    const fast = loadMappingConfig(text)
    const strip = (value: unknown) => JSON.parse(JSON.stringify(value, (key, v) => (key === 'range' || key === 'keys' ? undefined : v)))
    expect(strip(fast)).toEqual(strip(viaYaml))
    expect(fast.diagnostics.map((d) => `${d.line}:${d.column}`)).toEqual(viaYaml.diagnostics.map((d) => `${d.line}:${d.column}`))
  })
})
