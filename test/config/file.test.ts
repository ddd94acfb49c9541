import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, describe, expect, it} from 'vitest'
import {MAX_CONFIG_BYTES, parseConfigText, readConfigFile, resolveFromConfig, type ConfigFile} from '../../src/config/file.js'
import {CONFIG_SECTIONS, CONFIG_SHAPE, findUnknownKey, formatConfigPath, parseConfigPath, type Shape} from '../../src/config/schema.js'
import {resolveStatsdTarget} from '../../src/config/statsd-target.js'
import {MetricsError} from '../../src/errors.js'
import {resolveQueuesSettings} from '../../src/queues/config.js'
import {planTables} from '../../src/tables/plan.js'
import {renderError} from '../../src/render-error.js'

/** The line a user sees for what `run` throws. */
function shown(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(MetricsError)
    return renderError(error, false).text
  }
  throw new Error('expected an error')
}

describe('findUnknownKey', () => {
  it.each([
    [{}, undefined],
    [{statsd: {host: 'a', port: 1, tags: {anything: 'goes'}}}, undefined],
    [{queues: {queues: ['a', {name: 'b', tags: {team: 'x'}}], grouping: {instance: 'w1'}}}, undefined],
    [{queue: ['a']}, ['queue']],
    [{statsd: {hostt: 'a'}}, ['statsd', 'hostt']],
    [{queues: {checks: [{name: 'a', key: 'b', read: 'get'}, {name: 'a', key: 'b', reed: 'get'}]}}, ['queues', 'checks', 1, 'reed']],
    [{tables: {databases: [{url: 'x', groups: ['a', 'b', {name: 'c', table: 'd', colum: 'e'}]}]}}, ['tables', 'databases', 0, 'groups', 2, 'colum']],
    [{tables: {tls: {mode: 'require', cafile: 'x'}}}, ['tables', 'tls', 'cafile']],
    [{datamaps: {source: 'csv:x', colour: 'red'}}, ['datamaps', 'colour']],
    // Keys inherited by every object are not keys of the file.
    [{statsd: {constructor: 1}}, ['statsd', 'constructor']],
    // The first in the file's order.
    [{redis: {uri: 'x'}, statsd: {hostt: 'a'}}, ['redis', 'uri']],
    // Values of the wrong kind are left to the readers, which say what they expect.
    [{statsd: 'x', queues: {queues: {name: 'a'}, checks: 'x'}}, undefined],
  ])('%j → %j', (document, path) => {
    expect(findUnknownKey(document)?.path).toEqual(path)
  })

  it('names the sections every command knows', () => {
    expect(CONFIG_SECTIONS).toEqual(['statsd', 'redis', 'queues', 'tables', 'datamaps', 'catalog'])
  })

  it('is the table of sections and keys the README shows', () => {
    const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8')
    const sinkKeys = [.../The sink keys are (.+?) \(see/s.exec(readme)?.[1].matchAll(/`(\w+)`/g) ?? []].map(match => match[1])
    const documented = [...readme.matchAll(/^\| `(\w+):` \| [^|]+ \| (.+) \|$/gm)].map(([, section, keys]) => [
      section,
      [...[...keys.matchAll(/`(\w+)`/g)].map(match => match[1]), ...(keys.endsWith('and the sink keys') ? sinkKeys : [])].sort(),
    ])
    const keysOf = (shape: Shape): string[] => (shape.kind === 'mapping' ? Object.keys(shape.keys).sort() : [])
    expect(documented).toEqual(Object.entries(CONFIG_SHAPE.keys).map(([section, shape]) => [section, keysOf(shape)]))
  })

  it.each([['statsd'], ['queues.checks[1].read'], ['tables.databases[0].groups[2]'], ['a[0][1]']])('formats and parses %s', text => {
    expect(formatConfigPath(parseConfigPath(text))).toBe(text)
  })
})

describe('reading a config file: one line for anything wrong with it, naming file:line:col', () => {
  it.each([
    ['statsd:\n  port: 8125\n  hostt: 10.0.0.1\n', 'Error: m.yaml:3:3: unknown key "hostt" in statsd (did you mean "host"?)'],
    ['statsd:\n  host: a\nqueue:\n  - default\n', 'Error: m.yaml:3:1: unknown section "queue" (did you mean "queues"?)'],
    ['queues:\n  checks:\n    - {name: a, key: "b:{c}", read: get}\n    - {name: a, key: "b:{c}", reed: get}\n', 'Error: m.yaml:4:31: unknown key "reed" in queues.checks[1] (did you mean "read"?)'],
    ['tables:\n  databases:\n    - url: mysql://db/x\n      groups:\n        - a\n        - b\n        - name: c\n          colum: d\n', 'Error: m.yaml:8:11: unknown key "colum" in tables.databases[0].groups[2] (did you mean "column"?)'],
    ['graphite:\n  host: a\n', 'Error: m.yaml:1:1: unknown section "graphite" (known sections: statsd, redis, queues, tables, datamaps, catalog)'],
    ['datamaps:\n  colour: red\n', 'Error: m.yaml:2:3: unknown key "colour" in datamaps (known keys: source, output, s3Endpoint, maxZoom, concurrency, shard, timeout, statsd, pushgateway, job, grouping, textfile, print)'],
    [`statsd:\n  ${'k'.repeat(200)}: 1\n`, `Error: m.yaml:2:3: unknown key "${'k'.repeat(64)}…" in statsd (known keys: host, port, protocol, socket, prefix, tagStyle, tag_style, tags)`],
    ['statsd:\n  "\\e[2J": 1\n', 'Error: m.yaml:2:3: unknown key "\\u001b[2J" in statsd (known keys: host, port, protocol, socket, prefix, tagStyle, tag_style, tags)'],
    // An alias is where its anchor is.
    ['base: &b {host: a}\nstatsd: *b\n', 'Error: m.yaml:1:1: unknown section "base" (known sections: statsd, redis, queues, tables, datamaps, catalog)'],
    ['- statsd\n', 'Error: m.yaml:1:1: expected a mapping of sections (statsd, redis, queues, tables, datamaps, catalog), got a list'],
    ['statsd\n', 'Error: m.yaml:1:1: expected a mapping of sections (statsd, redis, queues, tables, datamaps, catalog), got "statsd"'],
    [`${'x'.repeat(1000)}\n`, `Error: m.yaml:1:1: expected a mapping of sections (statsd, redis, queues, tables, datamaps, catalog), got "${'x'.repeat(64)}…"`],
    ['statsd:\n  hostt:\n', 'Error: m.yaml:2:3: unknown key "hostt" in statsd (did you mean "host"?)'],
    ['', 'Error: config file m.yaml is empty (write {} for a config file with no settings, or remove it)'],
    ['# all commented out\n', 'Error: config file m.yaml is empty (write {} for a config file with no settings, or remove it)'],
    ['statsd: [unclosed\n', 'Error: m.yaml:2:1: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['statsd:\n  host: a\n  host: b\n', 'Error: m.yaml:3:3: duplicate key "host" in statsd'],
    ['statsd: {}\nstatsd: {}\n', 'Error: m.yaml:2:1: duplicate section "statsd"'],
    ['queues:\n  queues:\n    - {name: a, tags: {env: x, env: y}}\n', 'Error: m.yaml:3:32: duplicate key "env" in queues.queues[0].tags'],
    [`a: &a [1]\n${Array.from({length: 200}, (_, i) => `b${i}: *a`).join('\n')}\n`, 'Error: config file m.yaml: Excessive alias count indicates a resource exhaustion attack'],
  ])('YAML %j', (text, line) => {
    expect(shown(() => parseConfigText(text, 'm.yaml'))).toBe(line)
  })

  it.each([
    ['{"statsd": {"port": 8125,\n  "hostt": "a"}}', 'Error: m.json:2:3: unknown key "hostt" in statsd (did you mean "host"?)'],
    ['{"queues": {"checks": [{}, {"reed": 1}]}}', 'Error: m.json:1:29: unknown key "reed" in queues.checks[1] (did you mean "read"?)'],
    ['[]', 'Error: m.json:1:1: expected a mapping of sections (statsd, redis, queues, tables, datamaps, catalog), got a list'],
    ['null', 'Error: config file m.json is empty (write {} for a config file with no settings, or remove it)'],
    ['{"statsd":', 'Error: m.json:1:11: not valid JSON: Unexpected end of JSON input'],
    ['{\n  "statsd": {},\n}', 'Error: m.json:3:1: not valid JSON: Expected double-quoted property name'],
  ])('JSON %j', (text, line) => {
    expect(shown(() => parseConfigText(text, 'm.json'))).toBe(line)
  })

  it('reads a good file, YAML or JSON, and every shipped example', () => {
    expect(parseConfigText('statsd: {host: a, tagStyle: flat}\nqueues: {queues: [a]}\n', 'm.yaml').document).toEqual({statsd: {host: 'a', tagStyle: 'flat'}, queues: {queues: ['a']}})
    expect(parseConfigText('{}', 'm.json').document).toEqual({})
    const examples = fileURLToPath(new URL('../../examples/', import.meta.url))
    for (const dir of ['queues', 'tables']) {
      for (const name of readdirSync(join(examples, dir)).filter(file => file.endsWith('.yaml'))) {
        expect(() => readConfigFile(join(examples, dir, name)), `${dir}/${name}`).not.toThrow()
      }
    }
  })

  describe('bytes that are not a config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'metrics-config-file-'))
    afterAll(() => rmSync(dir, {recursive: true, force: true}))
    const file = (name: string, bytes: string | Buffer): string => {
      writeFileSync(join(dir, name), bytes)
      return join(dir, name)
    }

    it.each([
      ['binary.yaml', Buffer.from([0x73, 0x3a, 0x0a, 0x20, 0x00, 0xff, 0x01]), ':2:2: a NUL byte: the file is binary, not YAML or JSON'],
      ['latin1.yaml', Buffer.from('statsd:\n  prefix: caf\xe9\n', 'latin1'), ':2:14: not UTF-8 text (save the file as UTF-8)'],
      ['huge.yaml', Buffer.alloc(MAX_CONFIG_BYTES + 1, 'a'), ' is larger than 1 MiB (is it the right file?)'],
    ])('%s', (name, bytes, line) => {
      const path = file(name, bytes)
      expect(shown(() => readConfigFile(path))).toBe(`Error: ${line.startsWith(':') ? path : `config file ${path}`}${line}`)
    })

    it('reads a device or a pipe no further than the limit', () => {
      expect(shown(() => readConfigFile('/dev/zero'))).toBe('Error: config file /dev/zero is larger than 1 MiB (is it the right file?)')
    })

    it('takes JSON with a byte-order mark, as Windows editors save it', () => {
      expect(readConfigFile(file('bom.json', '\uFEFF{"statsd": {"port": 9125}}')).document).toEqual({statsd: {port: 9125}})
    })

    it('takes a file of the largest size', () => {
      const entry = (index: number): string => `    - celery_queue_${String(index).padStart(8, '0')}\n`
      const count = Math.floor((MAX_CONFIG_BYTES - 20) / entry(0).length)
      const big = `queues:\n  queues:\n${Array.from({length: count}, (_, index) => entry(index)).join('')}`
      expect(big.length).toBeLessThanOrEqual(MAX_CONFIG_BYTES)
      expect((readConfigFile(file('big.yaml', big)).document.queues as {queues: unknown[]}).queues).toHaveLength(count)
    })

    it('checks a mapping of many keys for repeats in linear time', () => {
      const many = `statsd:\n  tags:\n${Array.from({length: 60_000}, (_, index) => `    k${index}: v\n`).join('')}    k7: again\n`
      expect(shown(() => parseConfigText(many, 'm.yaml'))).toBe('Error: m.yaml:60003:5: duplicate key "k7" in statsd.tags')
    })
  })
})

describe('resolveFromConfig: a value the readers refuse is named by line and column', () => {
  const yaml = (text: string): ConfigFile => parseConfigText(text, 'm.yaml')
  it.each([
    ['statsd:\n  port: 99999\n', 'Error: m.yaml:2:9: statsd.port: port must be a whole number from 1 to 65535, got "99999"'],
    ['{"statsd": {"protocol":\n "udq"}}', 'Error: m.json:2:2: statsd.protocol: expected one of udp, tcp, uds, got "udq"'],
    ['statsd: [a]\n', 'Error: m.yaml:1:9: statsd: expected a mapping, got a list'],
  ])('%j', (text, line) => {
    const config = parseConfigText(text, text.startsWith('{') ? 'm.json' : 'm.yaml')
    expect(shown(() => resolveFromConfig(config, file => resolveStatsdTarget({}, {}, file)))).toBe(line)
  })

  it('points at the value, or at the mapping that lacks a key', () => {
    const queues = (text: string): string => shown(() => resolveFromConfig(yaml(text), file => resolveQueuesSettings({}, {}, file)))
    expect(queues('queues:\n  checks:\n    - name: x\n      key: "a:{k}"\n      read: llen\n')).toBe('Error: m.yaml:5:13: queues.checks[0].read: expected one of length, get, pfcount, got "llen"')
    expect(queues('queues:\n  checks:\n    - {key: "a:{k}", read: get}\n')).toBe('Error: m.yaml:3:7: queues.checks[0].name: expected a non-empty string, got undefined')
    const tables = (text: string): string => shown(() => resolveFromConfig(yaml(text), file => planTables({}, {}, file)))
    expect(tables('tables:\n  url: mysql://db/x\n  groups: [a, {name: b, tables: []}]\n')).toBe('Error: m.yaml:3:33: tables.groups[1].tables must be a non-empty list of table names')
  })

  it('leaves errors about flags and the environment as they are', () => {
    const config = yaml('statsd:\n  port: 8125\n')
    expect(shown(() => resolveFromConfig(config, file => resolveStatsdTarget({port: '0'}, {}, file)))).toBe('Error: --port: port must be a whole number from 1 to 65535, got "0"')
  })
})
