import {describe, expect, it} from 'vitest'
import {sarif} from '../../../src/lint/formatters/sarif.js'
import {toResult} from '../../../src/lint/result.js'
import {changes, mixed, ruleMetas} from './fixtures.js'

describe('sarif formatter', () => {
  const log = JSON.parse(sarif([mixed, toResult('dir\\with space.yml', [])], {rules: ruleMetas}))

  it('is SARIF 2.1.0 with the rules described in the driver', () => {
    expect(log.version).toBe('2.1.0')
    expect(log.$schema).toMatch(/sarif-2\.1\.0/)
    expect(log.runs[0].tool.driver.rules).toEqual([
      {id: 'invalid-match', shortDescription: {text: 'Globs must be valid.'}, defaultConfiguration: {level: 'error'}, properties: {tags: ['rejected']}},
      {id: 'counter-total', shortDescription: {text: 'Counters end in _total.'}, defaultConfiguration: {level: 'warning'}, properties: {tags: ['naming']}},
    ])
  })

  it('points each result at its rule and its region', () => {
    expect(log.runs[0].results).toEqual([
      {
        ruleId: 'invalid-match', ruleIndex: 0, level: 'error', message: {text: 'invalid match: a.b*.'},
        locations: [{physicalLocation: {artifactLocation: {uri: 'mapping.yml'}, region: {startLine: 3, startColumn: 10, endLine: 3, endColumn: 15}}}],
      },
      {
        ruleId: 'counter-total', ruleIndex: 1, level: 'warning', message: {text: 'counter metrics should have "_total" suffix'},
        locations: [{physicalLocation: {artifactLocation: {uri: 'mapping.yml'}, region: {startLine: 12, startColumn: 9}}}],
      },
    ])
  })

  it('writes an info as a note, and names the tool it is given', () => {
    const meta = {id: 'metric-added', kind: 'change', severity: 'info', docs: {description: 'A metric was added.'}, messages: {}} as const
    const log = JSON.parse(sarif([changes], {rules: [meta], tool: 'metrics catalog diff'}))
    expect(log.runs[0].tool.driver.name).toBe('metrics catalog diff')
    expect(log.runs[0].tool.driver.rules[0].defaultConfiguration).toEqual({level: 'note'})
    expect(log.runs[0].results.map((r: {level: string}) => r.level)).toEqual(['note', 'error'])
  })

  it('writes artifact paths as URI references', () => {
    const withSpace = JSON.parse(sarif([toResult('dir\\with space.yml', mixed.messages)], {rules: ruleMetas}))
    expect(withSpace.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('dir/with%20space.yml')
  })
})
