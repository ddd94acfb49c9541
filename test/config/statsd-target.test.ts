import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {locateConfigFile, readConfigFile, type ConfigFile} from '../../src/config/file.js'
import {resolveStatsdTarget} from '../../src/config/statsd-target.js'
import {UsageError} from '../../src/errors.js'

const file = (statsd: Record<string, unknown>): ConfigFile => ({path: 'metrics.config.yaml', document: {statsd}})
const none: ConfigFile = {document: {}}

describe('resolveStatsdTarget precedence: flag > env > file > DD_* > default', () => {
  it('defaults', () => {
    expect(resolveStatsdTarget({}, {}, none)).toEqual({protocol: 'udp', host: '127.0.0.1', port: 8125, prefix: '', tags: [], tagStyle: 'dogstatsd'})
  })

  it.each<[string, Record<string, string>, NodeJS.ProcessEnv, ConfigFile, number]>([
    ['flag beats everything', {port: '1'}, {STATSD_PORT: '2', DD_DOGSTATSD_PORT: '4'}, file({port: 3}), 1],
    ['env beats file', {}, {STATSD_PORT: '2', DD_DOGSTATSD_PORT: '4'}, file({port: 3}), 2],
    ['file beats DD_*', {}, {DD_DOGSTATSD_PORT: '4'}, file({port: 3}), 3],
    ['DD_* beats default', {}, {DD_DOGSTATSD_PORT: '4'}, none, 4],
  ])('%s', (_, flags, env, config, port) => {
    expect(resolveStatsdTarget(flags, env, config).port).toBe(port)
  })

  it('host, prefix and tag style from each layer', () => {
    const target = resolveStatsdTarget({'tag-style': 'flat'}, {STATSD_HOST: 'stats.local', STATSD_PREFIX: 'env'}, file({host: 'file', prefix: 'file', tagStyle: 'influx'}))
    expect(target).toMatchObject({host: 'stats.local', prefix: 'env', tagStyle: 'flat'})
    expect(resolveStatsdTarget({}, {DD_AGENT_HOST: 'agent'}, none).host).toBe('agent')
  })

  it('tags merge: file, then DD_* unified tags, then --tag, later keys win', () => {
    const target = resolveStatsdTarget({tag: ['env:flag', 'x:1']}, {DD_ENV: 'dd', DD_SERVICE: 'api', DD_TAGS: 'team:core,env:ddtags'}, file({tags: ['region:eu', 'env:file']}))
    expect(target.tags).toEqual([
      {key: 'region', value: 'eu'},
      {key: 'service', value: 'api'},
      {key: 'team', value: 'core'},
      {key: 'env', value: 'flag'},
      {key: 'x', value: '1'},
    ])
  })

  it('a socket implies uds; DD_DOGSTATSD_URL works', () => {
    expect(resolveStatsdTarget({socket: '/tmp/s.sock'}, {}, none)).toMatchObject({protocol: 'uds', socket: '/tmp/s.sock'})
    expect(resolveStatsdTarget({}, {DD_DOGSTATSD_URL: 'unix:///run/dsd.sock'}, none)).toMatchObject({protocol: 'uds', socket: '/run/dsd.sock'})
    expect(resolveStatsdTarget({}, {DD_DOGSTATSD_URL: 'udp://agent:9125'}, none)).toMatchObject({protocol: 'udp', host: 'agent', port: 9125})
  })

  it.each<[string, Record<string, string>, NodeJS.ProcessEnv, ConfigFile, RegExp]>([
    ['bad flag port', {port: 'abc'}, {}, none, /--port: port must be a whole number from 1 to 65535, got "abc"/],
    ['bad env port', {}, {STATSD_PORT: '70000'}, none, /STATSD_PORT: port must be/],
    ['bad file port', {}, {}, file({port: '1.5'}), /metrics.config.yaml statsd.port: port must be/],
    ['bad protocol', {}, {STATSD_PROTOCOL: 'http'}, none, /STATSD_PROTOCOL: expected one of udp, tcp, uds, got "http"/],
    ['uds without socket', {protocol: 'uds'}, {}, none, /protocol uds needs a socket path/],
    ['bad tag style', {}, {}, file({tagStyle: 'json'}), /statsd.tagStyle: expected one of dogstatsd, influx, graphite, flat, none/],
    ['bare tag in influx', {'tag-style': 'influx', tag: 'canary'} as unknown as Record<string, string>, {}, none, /no value/],
    ['section not a mapping', {}, {}, {path: 'c.yaml', document: {statsd: 'x'}}, /^c.yaml statsd: expected a mapping, got "x"$/],
  ])('%s is a usage error naming its source', (_, flags, env, config, message) => {
    const withList = {...flags, tag: typeof flags.tag === 'string' ? [flags.tag] : undefined}
    expect(() => resolveStatsdTarget(withList, env, config)).toThrow(UsageError)
    expect(() => resolveStatsdTarget(withList, env, config)).toThrow(message)
  })
})

describe('config file discovery and parsing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'metrics-config-'))

  it('finds metrics.config.yaml in the working directory, explicit wins', () => {
    expect(locateConfigFile(undefined, {}, dir)).toBeUndefined()
    writeFileSync(join(dir, 'metrics.config.yaml'), 'statsd:\n  port: 9999\n')
    expect(locateConfigFile(undefined, {}, dir)).toBe(join(dir, 'metrics.config.yaml'))
    expect(locateConfigFile(undefined, {METRICS_CONFIG: 'env.json'}, dir)).toBe('env.json')
    expect(locateConfigFile('flag.yml', {METRICS_CONFIG: 'env.json'}, dir)).toBe('flag.yml')
    expect(readConfigFile(join(dir, 'metrics.config.yaml')).document).toEqual({statsd: {port: 9999}})
  })

  it.each([
    ['broken.yaml', 'statsd: [unclosed\n', /broken.yaml:\d+:\d+: /],
    ['broken.json', '{"statsd":', /broken.json:1:11: not valid JSON/],
    ['list.yaml', '- a\n- b\n', /list.yaml:1:1: expected a mapping of sections/],
    ['binary.yaml', '\u0000\u0001\u0002\uFFFD\u0007', /binary.yaml:1:1: a NUL byte/],
  ])('%s gives a one-line usage error', (name, text, message) => {
    writeFileSync(join(dir, name), text)
    expect(() => readConfigFile(join(dir, name))).toThrow(message)
  })

  it('an empty file is refused, {} is an empty config; a missing named file is an error', () => {
    writeFileSync(join(dir, 'empty.yaml'), '')
    expect(() => readConfigFile(join(dir, 'empty.yaml'))).toThrow(/config file .*empty.yaml is empty/)
    writeFileSync(join(dir, 'nothing.yaml'), '{}\n')
    expect(readConfigFile(join(dir, 'nothing.yaml')).document).toEqual({})
    expect(() => readConfigFile(join(dir, 'missing.yaml'))).toThrow(/cannot read config file .*missing.yaml: no such file or directory$/)
  })
})
