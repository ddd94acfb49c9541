import {describe, expect, it} from 'vitest'
import type {MetricType, Sample} from '../../src/statsd/sample.js'
import {serializeEvent, serializeSample, serializeServiceCheck} from '../../src/statsd/serialize.js'
import type {TagStyle} from '../../src/statsd/tags.js'

const sample = (type: MetricType, value: number | string, extra: Partial<Sample> = {}): Sample => ({
  name: 'task',
  type,
  value,
  sampleRate: 1,
  tags: [{key: 'name', value: 'function'}, {key: 'version', value: 'old'}],
  relative: false,
  ...extra,
})

describe('serializeSample: every type in every tag style', () => {
  const types: Array<[MetricType, number | string]> = [['c', 1], ['g', 42], ['ms', 250], ['h', 7.5], ['d', 0.25], ['s', 'alice']]
  const expected: Record<TagStyle, (type: string, value: string) => string> = {
    dogstatsd: (t, v) => `task:${v}|${t}|#name:function,version:old`,
    influx: (t, v) => `task,name=function,version=old:${v}|${t}`,
    graphite: (t, v) => `task;name=function;version=old:${v}|${t}`,
    flat: (t, v) => `task.name_function.version_old:${v}|${t}`,
    none: (t, v) => `task:${v}|${t}`,
  }
  for (const [style, line] of Object.entries(expected) as Array<[TagStyle, (t: string, v: string) => string]>) {
    for (const [type, value] of types) {
      it(`${style} ${type}`, () => {
        expect(serializeSample(sample(type, value), style)).toBe(line(type, String(value)))
      })
    }
  }
})

describe('serializeSample details', () => {
  it.each<[string, Sample, TagStyle, string, string?]>([
    ['sample rate', sample('c', 1, {sampleRate: 0.1, tags: []}), 'dogstatsd', 'task:1|c|@0.1'],
    ['rate before tags', sample('ms', 3, {sampleRate: 0.5}), 'dogstatsd', 'task:3|ms|@0.5|#name:function,version:old'],
    ['relative gauge up', sample('g', 5, {relative: true, tags: []}), 'none', 'task:+5|g'],
    ['relative gauge down', sample('g', -5, {relative: true, tags: []}), 'none', 'task:-5|g'],
    ['negative absolute gauge zeroes first', sample('g', -1, {tags: []}), 'none', 'task:0|g\ntask:-1|g'],
    ['prefix gets a dot', sample('c', 1, {tags: []}), 'none', 'app.task:1|c', 'app'],
    ['prefix with a dot keeps it', sample('c', 1, {tags: []}), 'none', 'app.task:1|c', 'app.'],
    ['bare dogstatsd tag', sample('c', 1, {tags: [{key: 'canary'}]}), 'dogstatsd', 'task:1|c|#canary'],
    ['bare flat tag', sample('c', 1, {tags: [{key: 'canary'}]}), 'flat', 'task.canary:1|c'],
    ['flat keeps order and dots', sample('c', 1, {tags: [{key: 't2', value: 'v2'}, {key: 't1', value: 'v.1'}]}), 'flat', 'task.t2_v2.t1_v.1:1|c'],
    ['big and small numbers', sample('g', 1e21, {tags: []}), 'none', 'task:1e+21|g'],
  ])('%s', (_, input, style, line, prefix) => {
    expect(serializeSample(input, style, prefix)).toBe(line)
  })

  it.each<[TagStyle, string, string, string]>([
    ['dogstatsd', 'k|e#y,@', 'v:a,l|u@e#', 'a_b_c_d:1|c|#k_e_y__:v:a_l_u_e_'],
    ['influx', 'k,e=y:', 'v:a,l|u=', 'a_b_c_d,k_e_y_=v_a_l_u=:1|c'],
    ['graphite', 'k;e=y:', 'v:a;l|u=', 'a_b_c_d;k_e_y_=v_a_l_u=:1|c'],
  ])('no name or tag breaks the %s line format', (style, key, value, line) => {
    expect(serializeSample(sample('c', 1, {name: 'a:b|c\nd', tags: [{key, value}]}), style)).toBe(line)
  })

  it('a set member cannot break the line', () => {
    expect(serializeSample(sample('s', 'x:y|z\nw', {tags: []}), 'none')).toBe('task:x_y_z_w|s')
  })
})

describe('events and service checks', () => {
  it('event with every option, lengths in UTF-8 bytes, newlines escaped', () => {
    const line = serializeEvent({
      title: 'déploy',
      text: 'v2\nout',
      tags: [{key: 'env', value: 'prod'}],
      dateHappened: 1700000000.9,
      hostname: 'web1',
      aggregationKey: 'deploys',
      priority: 'low',
      sourceTypeName: 'ci',
      alertType: 'success',
    })
    expect(line).toBe('_e{7,7}:déploy|v2\\nout|d:1700000000|h:web1|k:deploys|p:low|s:ci|t:success|#env:prod')
  })

  it('plain event gets the prefix on its title', () => {
    expect(serializeEvent({title: 'deploy', text: 'deploy', tags: []}, 'app')).toBe('_e{10,6}:app.deploy|deploy')
  })

  it('service check puts the message last', () => {
    const line = serializeServiceCheck({name: 'db|up', status: 2, tags: [{key: 'env', value: 'prod'}], timestamp: 5, hostname: 'h', message: 'down\nhard'})
    expect(line).toBe('_sc|db_up|2|d:5|h:h|#env:prod|m:down\\nhard')
  })
})
