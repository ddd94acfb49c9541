import {describe, expect, it} from 'vitest'
import {loadMappingConfig} from '../../../src/mapping/load.js'
import {lintSamples} from '../../../src/lint/samples/check.js'
import {yaml} from '../rule-tester.js'

const config = loadMappingConfig(yaml(
  'mappings:',
  '- match: api.*.*',
  '  name: api_requests_total',
  '  labels:',
  '    method: $1',
  '    code: $2',
  '- match: debug.*',
  '  name: dropped',
  '  action: drop',
)).config

const check = (...lines: string[]) => lintSamples('samples.yml', yaml(...lines), config).messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`)

describe('lintSamples', () => {
  it('passes cases that map as they say', () => {
    expect(check(
      '- statsd: api.get.200',
      '  tags: {env: prod}',
      '  expect:',
      '    name: api_requests_total',
      '    labels: {method: get, code: 200, env: prod}',
      '- statsd: api.get.500',
      '  expect: {name: api_requests_total}',
      '- statsd: debug.anything',
      '  type: g',
      '  expect: drop',
      '- statsd: web-1.hits',
      '  expect: unmapped',
    )).toEqual([])
  })

  it('reports every mismatch at its case', () => {
    expect(check(
      '- statsd: api.get.200',
      '  expect: {name: api_requests, labels: {}}',
      '- statsd: debug.x',
      '  expect: unmapped',
      '- statsd: web.hits',
      '  expect: drop',
    )).toEqual([
      `1:3 sample-mismatch 'api.get.200' (counter): expected api_requests, got api_requests_total{code="200", method="get"} (mapping at line 2).`,
      `3:3 sample-mismatch 'debug.x' (counter): expected unmapped, got drop (mapping at line 7).`,
      `5:3 sample-mismatch 'web.hits' (counter): expected drop, got unmapped (web_hits).`,
    ])
  })

  it('reports problems in the samples file itself', () => {
    expect(check('- statsd: a', '  expect: sometimes')).toEqual(['2:11 samples-file expect must be drop, unmapped, or a map with name: (and optionally labels:).'])
  })

  it.each(['', '# cases go here\n', '[]\n', '---\n'])('warns that a samples file without cases (%j) checks nothing', (text) => {
    const result = lintSamples('s.yml', text, config)
    expect(result.messages).toEqual([{ruleId: 'samples-file', severity: 'warning', message: 'The samples file has no cases: it checks nothing.', line: 1, column: 1}])
    expect(result.warningCount).toBe(1)
  })

  it('checks only the file when the config did not load', () => {
    expect(lintSamples('s.yml', yaml('- statsd: a', '  expect: drop'), undefined).messages).toEqual([])
  })
})
