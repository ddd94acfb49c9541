import {describe, expect, it} from 'vitest'
import {httpUrl, resolveSinks, type PushDefaults, type SinkFlags} from '../../src/config/sinks.js'
import {UsageError} from '../../src/errors.js'

const TABLES: PushDefaults = {defaultJob: 'metrics_tables', method: 'post', pushTimeoutMs: 10_000}
const QUEUES: PushDefaults = {defaultJob: 'metrics_queues', pushTimeoutMs: 5000}

const sinks = (flags: SinkFlags, env: NodeJS.ProcessEnv = {}, file: Record<string, unknown> = {}, defaults: PushDefaults = TABLES) =>
  resolveSinks(flags, env, {path: 'metrics.config.yaml', document: {tables: file}}, file, 'metrics.config.yaml tables', defaults)

describe('resolveSinks', () => {
  it('sends to statsd when no other sink is given, or when asked to', () => {
    expect(sinks({})).toMatchObject({statsd: {host: '127.0.0.1', port: 8125}, print: false})
    expect(sinks({print: true}).statsd).toBeUndefined()
    expect(sinks({textfile: 't.prom'}).statsd).toBeUndefined()
    expect(sinks({print: true, statsd: true}).statsd).toBeDefined()
    expect(sinks({}, {}, {print: true, statsd: true}).statsd).toBeDefined()
  })

  it('pushes with the command method (POST for tables, the default PUT for queues) within its timeout', () => {
    expect(sinks({}, {PUSHGATEWAY_URL: 'http://gw:9091'}).pushgateway).toEqual({url: 'http://gw:9091', job: 'metrics_tables', groupings: {}, method: 'post', timeoutMs: 10_000})
    expect(sinks({pushgateway: 'http://gw:9091'}, {}, {}, QUEUES).pushgateway).toEqual({url: 'http://gw:9091', job: 'metrics_queues', groupings: {}, timeoutMs: 5000})
  })

  it('takes the Pushgateway, job and groupings from flag > PUSHGATEWAY_URL > file', () => {
    const file = {pushgateway: 'http://file:9091', job: 'file_job', grouping: {instance: 'w1'}}
    expect(sinks({pushgateway: 'http://flag:9091', job: 'etl', grouping: ['instance=cron1']}, {PUSHGATEWAY_URL: 'http://env:9091'}, file).pushgateway).toMatchObject({url: 'http://flag:9091', job: 'etl', groupings: {instance: 'cron1'}})
    expect(sinks({}, {PUSHGATEWAY_URL: 'http://env:9091'}, file).pushgateway).toMatchObject({url: 'http://env:9091', job: 'file_job', groupings: {instance: 'w1'}})
    expect(sinks({}, {PUSHGATEWAY_URL: ''}, file).pushgateway).toMatchObject({url: 'http://file:9091'})
  })

  it('reads the sinks from the command section', () => {
    expect(sinks({}, {}, {textfile: '/tmp/t.prom', print: true})).toMatchObject({textfile: '/tmp/t.prom', print: true})
    expect(sinks({textfile: '/tmp/flag.prom'}, {}, {textfile: '/tmp/t.prom'}).textfile).toBe('/tmp/flag.prom')
  })

  it.each([
    [{}, {PUSHGATEWAY_URL: 'ftp://u:pw@gw'}, {}, 'PUSHGATEWAY_URL: expected an http:// or https:// URL, got "ftp://u:***@gw"'],
    [{pushgateway: 'ftp://u:pw@gw'}, {}, {}, '--pushgateway: expected an http:// or https:// URL, got "ftp://u:***@gw"'],
    [{}, {}, {pushgateway: 'gw:9091'}, 'metrics.config.yaml tables.pushgateway: expected an http:// or https:// URL, got "gw:9091"'],
    [{}, {}, {print: 'yes'}, 'metrics.config.yaml tables.print: expected true or false, got "yes"'],
    [{}, {}, {textfile: ['a', 'b']}, 'metrics.config.yaml tables.textfile: expected a non-empty string, got a list'],
    [{pushgateway: 'http://gw'}, {}, {grouping: 'instance'}, 'metrics.config.yaml tables.grouping: expected a mapping of label: value, got "instance"'],
    [{pushgateway: 'http://gw', grouping: ['instance']}, {}, {}, '--grouping: expected LABEL=VALUE, got "instance"'],
    [{grouping: ['instance=cron1']}, {}, {}, '--grouping applies only when pushing to a Pushgateway'],
    [{job: 'etl', textfile: 't.prom'}, {}, {}, '--job applies only when pushing to a Pushgateway'],
    [{pushgateway: 'http://gw', grouping: ['1bad=x']}, {}, {}, '--grouping: invalid label name "1bad"'],
    [{pushgateway: 'http://gw', job: ''}, {}, {}, '--job: the job name must not be empty'],
    [{pushgateway: 'http://gw'}, {}, {grouping: {job: 'x'}}, 'metrics.config.yaml tables.grouping: the job is not a grouping label'],
    [{}, {PUSHGATEWAY_URL: 'http://gw'}, {job: 'a/b'}, 'metrics.config.yaml tables.job: the job name must not contain "/", got "a/b"'],
  ])('refuses %j %j %j, naming where the value came from', (flags: SinkFlags, env: NodeJS.ProcessEnv, file: Record<string, unknown>, message: string) => {
    expect(() => sinks(flags, env, file)).toThrow(UsageError)
    expect(() => sinks(flags, env, file)).toThrow(message)
  })
})

describe('httpUrl', () => {
  it('returns an http(s) URL as given', () => {
    expect(httpUrl('https://u:pw@gw:9091/base', '--pushgateway')).toBe('https://u:pw@gw:9091/base')
  })

  it('hints at the expected form', () => {
    expect(() => httpUrl('gw', '--pushgateway')).toThrow(expect.objectContaining({hint: 'e.g. http://pushgateway:9091'}))
  })
})
