import {describe, expect, it} from 'vitest'
import {lintLoaded} from '../../../src/lint/index.js'
import rule from '../../../src/lint/rules/no-mappings.js'
import {loadMappingConfig} from '../../../src/mapping/load.js'
import {testRule, yaml} from '../rule-tester.js'

testRule(rule, {
  valid: [
    yaml('mappings:', '- match: a.*', '  name: a_total'),
    yaml('mappings:', '- match: a.*', '  name: a', '  action: drop'),
    'a.*\nname="a_total"\n',
  ],
  invalid: [
    {code: '', errors: [{messageId: 'none', line: 1, column: 1}]},
    {code: '  \n\n\t\n', errors: [{messageId: 'none', line: 1, column: 1}]},
    {code: yaml('# mappings go here', '# one day'), errors: [{messageId: 'none', line: 1, column: 1}]},
    {code: yaml('mappings: []'), errors: [{messageId: 'none', line: 1, column: 1}]},
    {code: yaml('mappings:'), errors: [{messageId: 'none', line: 1, column: 1}]},
    {code: yaml('mappings: ~'), errors: [{messageId: 'none', line: 1, column: 1}]},
    {code: yaml('---'), errors: [{messageId: 'none', line: 1, column: 1}]},
    {code: yaml('defaults:', '  ttl: 1m', '# none yet', 'mappings: []'), errors: [{messageId: 'none', line: 4, column: 1}]},
    {code: yaml('defaults:', '  match_type: glob'), errors: [{messageId: 'none', line: 1, column: 1}]},
  ],
})

describe('no-mappings, beyond the table', () => {
  it('flags an empty legacy file', () => {
    const result = lintLoaded('m.conf', loadMappingConfig('# nothing here yet\n', {format: 'legacy'}))
    expect(result.messages.map((m) => `${m.line}:${m.column} ${m.severity} ${m.ruleId}`)).toEqual(['1:1 warning no-mappings'])
  })

  it('keeps quiet while the file has errors: every mapping having one does not make the file empty', () => {
    for (const text of [yaml('mappings:', '- match: a.*'), yaml('mappings:', '- match: a', '  name: a', '  labels: {l: x}'), yaml('mappings: 5')]) {
      expect(lintLoaded('m.yml', loadMappingConfig(text)).messages.map((m) => m.ruleId), text).not.toContain('no-mappings')
    }
  })
})
