import {describe, expect, it} from 'vitest'
import type {MetricKind} from '../../src/mapping/model.js'
import {convertLegacyToYaml} from '../../src/mapping/convert.js'
import {looksLikeLegacy} from '../../src/mapping/legacy.js'
import {loadMappingConfig} from '../../src/mapping/load.js'
import {createMapper} from '../../src/mapping/mapper.js'
import {loadedConfig, present} from './helpers.js'

const LEGACY = `# Dispatcher events, one series per processor
test.dispatcher.*.*.*
name="dispatcher_events_total"
# which processor
processor="$1"
action="$2"
outcome="\${3}"
job="test_dispatcher"

*.signup.*.*
provider="$2"
name="signup_events_total"
job="\${1}_server"
# trailing note

# a rule for the rest
*.*
name="catchall_total"
first="$1"
second="$2"
`

describe('legacy format', () => {
  it.each([
    [LEGACY, true],
    ['a.b\nname="x"\n', true],
    ['  # lead\n\na.*\n  name = "x"\n', true],
    ['mappings:\n- match: a\n', false],
    ['a.b\n', false],
    ['a: b\nname="x"\n', false],
    ['- a\nname="x"\n', false],
  ])('detects %j: %j', (text, legacy) => {
    expect(looksLikeLegacy(text)).toBe(legacy)
  })

  it('loads blocks with positions for the glob, the name and each label', () => {
    const {config, diagnostics} = loadMappingConfig(LEGACY)
    expect(diagnostics).toEqual([])
    expect(config?.format).toBe('legacy')
    const [first, second] = present(config, 'config').mappings
    expect(first).toMatchObject({
      index: 0,
      match: 'test.dispatcher.*.*.*',
      name: 'dispatcher_events_total',
      range: {line: 2, column: 1, endLine: 8},
      keys: {match: {value: {line: 2, column: 1, endLine: 2, endColumn: 22}}, name: {key: {line: 3, column: 1}, value: {line: 3, column: 6}}},
    })
    expect(first.labels.map((label) => [label.name, label.template, label.range.key.line])).toEqual([
      ['processor', '$1', 5], ['action', '$2', 6], ['outcome', '${3}', 7], ['job', 'test_dispatcher', 8],
    ])
    expect(second).toMatchObject({match: '*.signup.*.*', name: 'signup_events_total', keys: {name: {key: {line: 12}}}})
  })

  it.each([
    ['a.b\nname="x"\nthis is junk\n', ['3:1 legacy-syntax: expected label mapping line, got: this is junk']],
    ['a.b\nname="x"\n\nname="y"\n', ['4:1 legacy-syntax: expected metric match line, got: name="y"']],
    ['a.b\njob="x"\n', ['1:1 missing-name: mappings[0] has no name (statsd_exporter: "line 0: metric mapping didn\'t set a metric name", counting mappings from 0)']],
    ['a.b*\nname="x"\n', ['1:1 invalid-match: invalid match: a.b*']],
    ['a.b\nname="x-y"\n', [String.raw`2:6 invalid-metric-name: metric name 'x-y' doesn't match regex '^([a-zA-Z_]|(\$\{?\d+\}?))([a-zA-Z0-9_]|(\$\{?\d+\}?))*$'`]],
    ['a.b\nname="x"\nl="1"\n', ['3:1 invalid-label-name: invalid label key: l']],
  ])('reports %j', (text, expected) => {
    const {config, diagnostics} = loadMappingConfig(text, {format: 'legacy'})
    expect(config).toBeUndefined()
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.code}: ${d.message}`)).toEqual(expected)
  })

  it('keeps the last of a repeated key, with a warning', () => {
    const {config, diagnostics} = loadMappingConfig('a.b\nname="x"\njob="1"\njob="2"\n')
    expect(config?.mappings[0].labels.map((label) => label.template)).toEqual(['2'])
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`)).toEqual(['4:1 warning duplicate-key'])
  })
})

describe('convertLegacyToYaml', () => {
  it('writes YAML with quoted values and the comments where they were', () => {
    expect(convertLegacyToYaml(LEGACY)).toMatchObject({diagnostics: [], yaml: `# Dispatcher events, one series per processor
mappings:
- match: "test.dispatcher.*.*.*"
  name: "dispatcher_events_total"
  labels:
    # which processor
    processor: "$1"
    action: "$2"
    outcome: "\${3}"
    job: "test_dispatcher"

- match: "*.signup.*.*"
  name: "signup_events_total"
  labels:
    provider: "$2"
    job: "\${1}_server"
    # trailing note

# a rule for the rest
- match: "*.*"
  name: "catchall_total"
  labels:
    first: "$1"
    second: "$2"
`})
  })

  it('maps every name exactly as the legacy file did', () => {
    const legacy = createMapper(loadedConfig(LEGACY))
    const converted = loadedConfig(present(convertLegacyToYaml(LEGACY).yaml, 'yaml'))
    expect(converted.format).toBe('yaml')
    const yaml = createMapper(converted)
    const names = ['test.dispatcher.Foo.send.ok', 'web.signup.google.ok', 'a.b', 'a..b', 'x.y.z.w', 'test.dispatcher.a.b', '', 'nomatch']
    for (const kind of ['counter', 'gauge', 'observer'] as MetricKind[]) {
      for (const name of names) {
        const {mapping: legacyRule, ...fromLegacy} = legacy.map(name, kind)
        const {mapping: yamlRule, ...fromYaml} = yaml.map(name, kind)
        expect(fromYaml, `${kind} ${name}`).toEqual(fromLegacy)
        expect(yamlRule?.index).toBe(legacyRule?.index)
      }
    }
  })

  it('escapes what YAML cannot hold raw, and converts an empty file', () => {
    const {yaml} = convertLegacyToYaml('a.b\nname="x"\nnote="tab\there \u0085 \u2028 \\"q\\""\n')
    expect(yaml).toContain(String.raw`note: "tab\there \u0085 \u2028 \\\"q\\\""`)
    expect(loadedConfig(present(yaml, 'yaml')).mappings[0].labels[0].template).toBe('tab\there \u0085 \u2028 \\"q\\"')
    expect(convertLegacyToYaml('# only a comment\n')).toMatchObject({diagnostics: [], yaml: 'mappings: []\n\n# only a comment\n', config: {mappings: []}})
  })

  it.each<[string, string | Uint8Array, string]>([
    // The loader's own refusals (see broken-input.test.ts), for the same input.
    ['binary junk', Uint8Array.from([0x61, 0x2e, 0x62, 0x0a, 0xff, 0xfe, 0x00]), '2:1 error yaml-syntax: yaml: invalid UTF-8 byte sequence; the file must be UTF-8 text'],
    ['a control character', 'a.b\nname="x\u001b[2J"\n', '2:8 error yaml-syntax: yaml: control characters are not allowed'],
    ['a DEL', 'a.b\nname="x"\nnote="\u007f"\n', '3:7 error yaml-syntax: yaml: control characters are not allowed'],
    ['a file over the limit', `a.b\nname="${'x'.repeat(200)}"\n`, '1:1 error input-rejected: the file is 212 bytes; files larger than 100 bytes are refused'],
  ])('converts nothing from %s, and says where, as the loader does', (_what, input, expected) => {
    const converted = convertLegacyToYaml(input, 100)
    const loaded = loadMappingConfig(input, {maxBytes: 100})
    expect(converted.yaml).toBeUndefined()
    expect(loaded.config).toBeUndefined()
    for (const {diagnostics} of [converted, loaded]) {
      expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}`)).toEqual([expected])
    }
  })

  it('says when the input is YAML already, and converts nothing', () => {
    expect(convertLegacyToYaml('# a config\nmappings:\n- match: a\n  name: a\n')).toEqual({diagnostics: [], alreadyYaml: true})
    expect(convertLegacyToYaml('---\n')).toEqual({diagnostics: [], alreadyYaml: true})
  })

  it('keeps 500,000 comment lines in a row, wherever they are', () => {
    const comments = '#\n'.repeat(500_000)
    const {yaml} = convertLegacyToYaml(`${comments}a.b\n${comments}name="x"\n${comments}job="j"\n${comments}`)
    expect(yaml?.match(/^ *#$/gm)?.length).toBe(2_000_000)
  })

  it('quotes at most 100 characters of a long line', () => {
    const {diagnostics} = convertLegacyToYaml(`a.b\nname="x"\n${'y'.repeat(100_000)}\n`)
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([`3:1 expected label mapping line, got: ${'y'.repeat(100)}… (100,000 characters)`])
  })

  it('converts nothing from a file with syntax errors, and says why', () => {
    const {yaml, diagnostics} = convertLegacyToYaml('a.b\nname="x"\njunk here\n')
    expect(yaml).toBeUndefined()
    expect(diagnostics.map((d) => d.code)).toEqual(['legacy-syntax'])
  })
})
