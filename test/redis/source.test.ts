import {describe, expect, it} from 'vitest'
import {UsageError} from '../../src/errors.js'
import {describeRedisSource, parseHostPorts, parseRedisUrl, resolveRedisSource} from '../../src/redis/source.js'

describe('parseRedisUrl', () => {
  const cases: Array<[string, object]> = [
    ['redis://localhost', {host: 'localhost', port: 6379, tls: false, db: 0}],
    ['redis://127.0.0.1:6380/3', {host: '127.0.0.1', port: 6380, tls: false, db: 3}],
    ['rediss://cache.example.com:6380', {host: 'cache.example.com', port: 6380, tls: true, db: 0}],
    ['redis://:s3cret@h', {host: 'h', password: 's3cret', db: 0}],
    ['redis://metrics:p%40ss%2Fword@h/1', {host: 'h', username: 'metrics', password: 'p@ss/word', db: 1}],
    ['redis://[::1]:6379', {host: '::1', port: 6379}],
  ]
  it.each(cases)('reads %s', (url, expected) => {
    expect(parseRedisUrl(url, '--redis')).toMatchObject(expected)
  })

  const bad: Array<[string, RegExp]> = [
    ['localhost:6379', /--redis: expected a redis:\/\/ or rediss:\/\/ URL/],
    ['http://u:secret@h', /--redis: expected a redis:\/\/ or rediss:\/\/ URL, got http:\/\/u:\*\*\*@h/],
    ['redis://h/zero', /--redis: the database must be a number, got "zero"/],
    ['not a url', /--redis: not a URL/],
    // Unescaped, a password breaks the URL apart: the message says so, and never quotes it.
    ['redis://:ab/cd==@h:6379/0', /^--redis: not a URL: "redis:\/\/:\*\*\*@h:6379\/0"$/],
    ['redis://u:123/abc@h:6379/0', /^--redis: the URL's path holds an @: is there an unescaped \/ in the password\? redis:\/\/u:\*\*\*@h:6379\/0$/],
    ['redis://:100%sure@h', /^--redis: the password has a bad %-escape$/],
  ]
  it.each(bad)('rejects %s with a message naming the flag, password hidden', (url, message) => {
    expect(() => parseRedisUrl(url, '--redis')).toThrow(UsageError)
    expect(() => parseRedisUrl(url, '--redis')).toThrow(message)
  })

  it('hints at percent-encoding when the password is what breaks the URL', () => {
    for (const url of ['redis://:ab/cd==@h:6379/0', 'redis://u:123/abc@h:6379/0', 'redis://:100%sure@h']) {
      expect(() => parseRedisUrl(url, '--redis')).toThrow(expect.objectContaining({hint: expect.stringMatching(/^percent-encode # \? \/ @ : % and spaces/)}))
    }
    expect(() => parseRedisUrl('redis://:pw@h:99999/0', '--redis')).toThrow(expect.objectContaining({hint: 'e.g. redis://:password@host:6379/0 or rediss://host:6380'}))
  })
})

describe('parseHostPorts', () => {
  it('reads host:port, bare hosts, IPv6 and comma lists', () => {
    expect(parseHostPorts(['a:26380', 'b', '[::1]:7000,c:1'], 26379, '--sentinel')).toEqual([
      {host: 'a', port: 26380},
      {host: 'b', port: 26379},
      {host: '::1', port: 7000},
      {host: 'c', port: 1},
    ])
  })
  it.each(['a:0', 'a:70000', 'a:b', ':1'])('rejects %j', item => {
    expect(() => parseHostPorts([item], 1, '--cluster')).toThrow(/--cluster: expected host:port/)
  })
})

describe('resolveRedisSource', () => {
  it('defaults to the local server, db 0', () => {
    expect(resolveRedisSource({})).toMatchObject({kind: 'standalone', url: 'redis://127.0.0.1:6379/0', endpoint: {host: '127.0.0.1', port: 6379, db: 0}})
  })

  it('finds a master through Sentinel, with credentials from the URL', () => {
    const source = resolveRedisSource({
      url: {value: 'redis://:pw@ignored/2', source: '--redis'},
      sentinels: {values: ['s1', 's2:26380'], source: '--sentinel'},
      master: {value: 'mymaster', source: '--master'},
    })
    expect(source).toMatchObject({kind: 'sentinel', master: 'mymaster', sentinels: [{host: 's1', port: 26379}, {host: 's2', port: 26380}], endpoint: {password: 'pw', db: 2}})
    expect(describeRedisSource(source)).toBe('master "mymaster" via sentinel s1:26379,s2:26380')
  })

  it('reads a cluster', () => {
    expect(describeRedisSource(resolveRedisSource({cluster: {values: ['n1:7000', 'n2:7001'], source: '--cluster'}}))).toBe('cluster n1:7000,n2:7001')
  })

  const bad: Array<[string, Parameters<typeof resolveRedisSource>[0], RegExp]> = [
    ['sentinel without a master', {sentinels: {values: ['s'], source: '--sentinel'}}, /--sentinel needs the master's name/],
    ['a master without sentinels', {master: {value: 'm', source: '--master'}}, /--master only applies with --sentinel/],
    ['sentinel and cluster', {sentinels: {values: ['s'], source: '--sentinel'}, cluster: {values: ['c'], source: '--cluster'}}, /--sentinel and --cluster cannot be used together/],
    ['a cluster database other than 0', {url: {value: 'redis://h/1', source: 'REDIS_URL'}, cluster: {values: ['c'], source: '--cluster'}}, /REDIS_URL: a Redis Cluster has only database 0, got 1/],
  ]
  it.each(bad)('rejects %s', (_, input, message) => {
    expect(() => resolveRedisSource(input)).toThrow(message)
  })

  it('redacts the password when describing a URL', () => {
    expect(describeRedisSource(resolveRedisSource({url: {value: 'redis://u:hunter2@h:1/0', source: '--redis'}}))).toBe('redis://u:***@h:1/0')
  })
})
