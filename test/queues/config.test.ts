import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {parseConfigText, readConfigFile, type ConfigFile} from '../../src/config/file.js'
import {UsageError} from '../../src/errors.js'
import {resolveQueuesSettings} from '../../src/queues/config.js'
import type {QueuesFlags} from '../../src/queues/flags.js'

const yaml = (text: string): ConfigFile => parseConfigText(text, 'metrics.config.yaml')
const NO_FILE: ConfigFile = {document: {}}
const resolve = (flags: QueuesFlags, env: NodeJS.ProcessEnv = {}, config: ConfigFile = NO_FILE) => resolveQueuesSettings(flags, env, config)

describe('resolveQueuesSettings: what to sample', () => {
  it('takes queues and patterns from flags, with --celery applied to both', () => {
    const {plan} = resolve({queue: ['a', 'b'], pattern: ['c*'], celery: true})
    expect(plan.queues).toEqual([{name: 'a', celery: true, tags: []}, {name: 'b', celery: true, tags: []}])
    expect(plan.patterns).toEqual([{pattern: 'c*', celery: true, tags: []}])
    expect(plan.celery).toEqual({separator: '\x06\x16', steps: [0, 3, 6, 9]})
    expect(plan.metric).toMatchObject({statsd: 'queue', prometheus: 'queue_length'})
    expect(plan.maxKeys).toBe(10_000)
  })

  it('expands --preset ichnaea into its 8 Celery task queues and 41 data queues, tagged as Ichnaea does', () => {
    const {plan} = resolve({preset: 'ichnaea'})
    expect(plan.queues).toHaveLength(8 + 41)
    expect(plan.queues.find(queue => queue.name === 'celery_export')).toEqual({name: 'celery_export', celery: true, tags: [{key: 'queue_type', value: 'task'}]})
    expect(plan.queues.find(queue => queue.name === 'update_wifi_f')).toEqual({name: 'update_wifi_f', celery: false, tags: [{key: 'queue_type', value: 'data'}, {key: 'data_type', value: 'wifi'}]})
    expect(plan.queues.find(queue => queue.name === 'update_incoming')?.tags).toContainEqual({key: 'data_type', value: 'report'})
  })

  it('reads the config file: entries as names or mappings, celery default and per-entry override', () => {
    const {plan} = resolve({}, {}, yaml(`
queues:
  celery: true
  celerySeparator: '\\x1f'
  celerySteps: "0,5"
  queues:
    - default
    - {name: bull:mail:wait, celery: false, tags: {team: mail}}
  patterns:
    - {pattern: "jobs:*", tags: [env:prod]}
  maxKeys: 50
  metric: jobs.queue
  prometheusName: jobs_queue_length
`))
    expect(plan.queues).toEqual([
      {name: 'default', celery: true, tags: []},
      {name: 'bull:mail:wait', celery: false, tags: [{key: 'team', value: 'mail'}]},
    ])
    expect(plan.patterns).toEqual([{pattern: 'jobs:*', celery: true, tags: [{key: 'env', value: 'prod'}]}])
    expect(plan.celery).toEqual({separator: '\x1f', steps: [0, 5]})
    expect(plan.maxKeys).toBe(50)
    expect(plan.metric).toMatchObject({statsd: 'jobs.queue', prometheus: 'jobs_queue_length'})
  })

  it("lets --queue, --pattern and --preset replace the file's selection, but keeps its checks", () => {
    const file = yaml('queues:\n  queues: [from_file]\n  checks:\n    - {name: api.limit, key: "apilimit:{key}:{path}:{date:%Y%m%d}", read: get}\n')
    const {plan} = resolve({queue: ['from_flag']}, {}, file)
    expect(plan.queues.map(queue => queue.name)).toEqual(['from_flag'])
    expect(plan.checks.map(check => check.statsd)).toEqual(['api.limit'])
  })

  it('samples a queue named twice once, with its last tags', () => {
    const {plan} = resolve({}, {}, yaml('queues:\n  preset: ichnaea\n  queues: [{name: celery_default, tags: {tier: gold}}]\n'))
    expect(plan.queues.filter(queue => queue.name === 'celery_default')).toEqual([{name: 'celery_default', celery: false, tags: [{key: 'tier', value: 'gold'}]}])
  })

  it('reads the shipped Ichnaea example checks', () => {
    const example = (name: string): ConfigFile => readConfigFile(fileURLToPath(new URL(`../../examples/queues/${name}`, import.meta.url)))
    const [limits] = resolve({}, {}, example('ichnaea-api-limits.yaml')).plan.checks
    expect(limits).toMatchObject({statsd: 'api.limit', prometheus: 'api_limit', read: 'get', windows: []})
    const [users] = resolve({}, {}, example('ichnaea-api-users.yaml')).plan.checks
    expect(users).toMatchObject({statsd: '{api_type}.user', prometheus: 'api_users', read: 'pfcount', windows: [{label: '1d', days: 1}, {label: '7d', days: 7}]})
    expect(resolve({}, {}, example('celery.yaml')).plan.queues.map(queue => queue.name)).toEqual(['celery', 'emails', 'bull:reports:wait'])
  })

  const bad: Array<[string, QueuesFlags, string, RegExp]> = [
    ['nothing to sample', {}, '', /nothing to sample/],
    ['a check read that does not exist', {}, 'queues:\n  checks: [{name: x, key: "a:{k}", read: llen}]\n', /queues.checks\[0\].read: expected one of length, get, pfcount, got "llen"/],
    ['a check name using an unknown field', {}, 'queues:\n  checks: [{name: "{kind}.user", key: "a:{k}", read: get}]\n', /queues.checks\[0\].name: \{kind\} is not a field of the key template "a:\{k\}"/],
    ['intervals without a date', {}, 'queues:\n  checks: [{name: x, key: "a:{k}", read: get, intervals: [7d]}]\n', /queues.checks\[0\].intervals: the key template has no \{date:…\}/],
    ['a bad interval', {}, 'queues:\n  checks: [{name: x, key: "a:{k}:{date:%Y}", read: get, intervals: [1w]}]\n', /queues.checks\[0\].intervals\[0\]: expected a number of days such as 1d or 7d/],
    ['bad celery steps', {queue: ['a'], 'celery-steps': '0,x'}, '', /--celery-steps: expected priority steps as whole numbers/],
    ['a bad separator escape', {queue: ['a'], 'celery-separator': '\\q'}, '', /--celery-separator: unknown escape "\\\\q"/],
    ['--count without --interval', {queue: ['a'], count: '3'}, '', /^--count applies only with an interval$/],
    ['a timeout longer than the interval', {queue: ['a'], interval: '1s', timeout: '5s'}, '', /the timeout \(5000 ms\) is longer than the interval \(1000 ms\)/],
    ['a bad --max-keys', {queue: ['a'], 'max-keys': '0'}, '', /--max-keys: expected a whole number of at least 1/],
    ['a Pushgateway URL that is not http', {queue: ['a'], pushgateway: 'pushgateway:9091'}, '', /--pushgateway: expected an http:\/\/ or https:\/\/ URL/],
    ['a bad grouping', {queue: ['a'], pushgateway: 'http://p', grouping: ['instance']}, '', /--grouping: expected LABEL=VALUE, got "instance"/],
  ]
  it.each(bad)('rejects %s with a message naming where', (_, flags, file, message) => {
    const config = file === '' ? NO_FILE : yaml(file)
    expect(() => resolve(flags, {}, config)).toThrow(UsageError)
    expect(() => resolve(flags, {}, config)).toThrow(message)
  })
})

describe('resolveQueuesSettings: Redis, sinks and schedule', () => {
  it('takes Redis from --redis, else REDIS_URL, else the file, else the local default', () => {
    const file = yaml('redis:\n  url: redis://file:6379/1\nqueues:\n  queues: [a]\n')
    expect(resolve({redis: 'redis://flag/2'}, {REDIS_URL: 'redis://env/3'}, file).redis).toMatchObject({kind: 'standalone', endpoint: {host: 'flag', db: 2}})
    expect(resolve({}, {REDIS_URL: 'redis://env/3'}, file).redis).toMatchObject({endpoint: {host: 'env', db: 3}})
    expect(resolve({}, {}, file).redis).toMatchObject({endpoint: {host: 'file', db: 1}})
    expect(resolve({queue: ['a']}).redis).toMatchObject({endpoint: {host: '127.0.0.1', port: 6379, db: 0}})
  })

  it('reads Sentinel and Cluster settings from flags or the file', () => {
    expect(resolve({queue: ['a'], sentinel: ['s1:26379'], master: 'mymaster'}).redis).toMatchObject({kind: 'sentinel', master: 'mymaster'})
    const file = yaml('redis:\n  cluster: [n1:7000, n2:7001]\nqueues:\n  queues: [a]\n')
    expect(resolve({}, {}, file).redis).toMatchObject({kind: 'cluster', nodes: [{host: 'n1', port: 7000}, {host: 'n2', port: 7001}]})
  })

  it('sends to statsd only when no other sink is chosen, or when asked to', () => {
    expect(resolve({queue: ['a']}).sinks).toMatchObject({statsd: {host: '127.0.0.1', port: 8125}, print: false})
    expect(resolve({queue: ['a'], print: true}).sinks.statsd).toBeUndefined()
    expect(resolve({queue: ['a'], print: true, statsd: true}).sinks.statsd).toBeDefined()
  })

  it('reads the Pushgateway from the flag, PUSHGATEWAY_URL or the file, with job and groupings', () => {
    expect(resolve({queue: ['a'], pushgateway: 'http://p:9091', grouping: ['instance=cron1']}).sinks.pushgateway).toEqual({url: 'http://p:9091', job: 'metrics_queues', groupings: {instance: 'cron1'}, timeoutMs: 5000})
    const fromEnv = resolve({queue: ['a']}, {PUSHGATEWAY_URL: 'http://env:9091'}).sinks
    expect(fromEnv.pushgateway?.url).toBe('http://env:9091')
    expect(fromEnv.statsd).toBeUndefined()
    const file = yaml('queues:\n  queues: [a]\n  pushgateway: http://file:9091\n  job: queues_cron\n  grouping: {instance: w1}\n  textfile: /tmp/q.prom\n')
    expect(resolve({}, {}, file).sinks).toMatchObject({pushgateway: {url: 'http://file:9091', job: 'queues_cron', groupings: {instance: 'w1'}}, textfile: '/tmp/q.prom'})
  })

  it('samples once by default with a 5 s timeout, or in a loop', () => {
    expect(resolve({queue: ['a']})).toMatchObject({timeoutMs: 5000})
    expect(resolve({queue: ['a']}).intervalMs).toBeUndefined()
    expect(resolve({queue: ['a'], interval: '60s', count: '3', timeout: '2s'})).toMatchObject({intervalMs: 60_000, count: 3, timeoutMs: 2000})
    expect(resolve({queue: ['a'], interval: '1s'})).toMatchObject({intervalMs: 1000, timeoutMs: 1000})
  })
})
