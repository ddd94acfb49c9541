import {describe, expect, it} from 'vitest'
import {parseKeyTemplate} from '../../src/sample/key-template.js'
import {checkDates, checkScanPattern, planCheckGauges, type CheckSpec} from '../../src/sample/redis-checks.js'

const NOW = new Date('2024-03-06T00:30:00Z')

/** Ichnaea's ApiKeyLimits: today's `apilimit:<key>:<path>:<YYYYMMDD>` counters. */
const apiLimit: CheckSpec = {
  statsd: 'api.limit',
  prometheus: 'api_limit',
  help: 'API requests today.',
  key: parseKeyTemplate('apilimit:{key}:{path}:{date:%Y%m%d}', 'test'),
  read: 'get',
  windows: [],
  tags: [],
}

/** Ichnaea's ApiUsers: unique IPs per api_type and key over 1 and 7 days. */
const apiUsers: CheckSpec = {
  statsd: '{api_type}.user',
  prometheus: 'api_users',
  help: 'Unique API users.',
  key: parseKeyTemplate('apiuser:{api_type}:{key}:{date:%Y-%m-%d}', 'test'),
  read: 'pfcount',
  windows: [
    {label: '1d', days: 1},
    {label: '7d', days: 7},
  ],
  tags: [{key: 'source', value: 'redis'}],
}

describe('checkDates and checkScanPattern', () => {
  it('reads only today (UTC) when there are no windows, and writes the date into the SCAN pattern', () => {
    expect(checkDates(apiLimit, NOW)).toEqual(['20240306'])
    expect(checkScanPattern(apiLimit, NOW)).toBe('apilimit:*:*:20240306')
  })

  it('reads as many days as the longest window, newest first, and scans every date', () => {
    expect(checkDates(apiUsers, NOW)).toEqual(['2024-03-06', '2024-03-05', '2024-03-04', '2024-03-03', '2024-03-02', '2024-03-01', '2024-02-29'])
    expect(checkScanPattern(apiUsers, NOW)).toBe('apiuser:*:*:*')
  })
})

describe('planCheckGauges', () => {
  it("makes one api.limit gauge per key and path, tagged as Ichnaea's monitor tags them", () => {
    const gauges = planCheckGauges(apiLimit, ['apilimit:test:v1.geolocate:20240306', 'apilimit:test:v1.geolocate:20240305', 'apilimit:other:v2.geosubmit:20240306', 'unrelated'], NOW)
    expect(gauges).toEqual([
      {statsd: 'api.limit', tags: [{key: 'key', value: 'other'}, {key: 'path', value: 'v2.geosubmit'}], prometheus: 'api_limit', labels: {key: 'other', path: 'v2.geosubmit'}, help: 'API requests today.', read: {kind: 'get', keys: ['apilimit:other:v2.geosubmit:20240306']}},
      {statsd: 'api.limit', tags: [{key: 'key', value: 'test'}, {key: 'path', value: 'v1.geolocate'}], prometheus: 'api_limit', labels: {key: 'test', path: 'v1.geolocate'}, help: 'API requests today.', read: {kind: 'get', keys: ['apilimit:test:v1.geolocate:20240306']}},
    ])
  })

  it('unites a 1d and a 7d window per api_type and key; the name takes api_type, statsd tags the rest', () => {
    const keys = ['apiuser:locate:test:2024-03-06', 'apiuser:locate:test:2024-03-01', 'apiuser:locate:test:2024-02-28', 'apiuser:region:test:2024-03-04']
    const gauges = planCheckGauges(apiUsers, keys, NOW)
    expect(gauges.map(gauge => [gauge.statsd, gauge.tags.map(tag => `${tag.key}:${tag.value}`).join(','), gauge.read.keys])).toEqual([
      ['locate.user', 'key:test,interval:1d,source:redis', ['apiuser:locate:test:2024-03-06']],
      ['locate.user', 'key:test,interval:7d,source:redis', ['apiuser:locate:test:2024-03-01', 'apiuser:locate:test:2024-03-06']],
      ['region.user', 'key:test,interval:7d,source:redis', ['apiuser:region:test:2024-03-04']],
    ])
    expect(gauges[0]).toMatchObject({prometheus: 'api_users', labels: {api_type: 'locate', key: 'test', interval: '1d', source: 'redis'}, read: {kind: 'pfcount'}})
  })

  it('makes Prometheus names valid when a field fills them', () => {
    const check = {...apiUsers, prometheus: '{api_type}_users'}
    expect(planCheckGauges(check, ['apiuser:geo-submit:k:2024-03-06'], NOW)[0]).toMatchObject({prometheus: 'geo_submit_users', labels: {key: 'k', interval: '1d', source: 'redis'}})
  })

  it('reads every matching key when the template has no date', () => {
    const check: CheckSpec = {...apiLimit, key: parseKeyTemplate('bull:{queue}:wait', 'test'), statsd: 'bull.waiting', prometheus: 'bull_waiting', read: 'length'}
    expect(planCheckGauges(check, ['bull:emails:wait', 'bull:emails:active'], NOW)).toMatchObject([{tags: [{key: 'queue', value: 'emails'}], read: {kind: 'length', keys: ['bull:emails:wait']}}])
  })
})
