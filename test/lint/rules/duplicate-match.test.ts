import rule from '../../../src/lint/rules/duplicate-match.js'
import {testRule, yaml} from '../rule-tester.js'

testRule(rule, {
  valid: [
    yaml('mappings:', '- match: a.*', '  name: a', '- match: b.*', '  name: b'),
    yaml('mappings:', '- match: a.*', '  match_metric_type: gauge', '  name: a', '- match: a.*', '  name: b'),
    yaml('mappings:', '- match: a.*', '  match_metric_type: gauge', '  name: a', '- match: a.*', '  match_metric_type: counter', '  name: b'),
    yaml('mappings:', '- match: a.b', '  name: a', '- match: a.b', '  match_type: regex', '  name: b'),
  ],
  invalid: [
    {code: yaml('mappings:', '- match: a.*', '  name: a', '- match: a.*', '  name: b'), errors: [{messageId: 'duplicate', line: 4, data: {match: 'a.*', line: 2}}]},
    {code: yaml('mappings:', '- match: a.*', '  name: a', '- match: a.*', '  match_metric_type: gauge', '  name: b'), errors: [{messageId: 'duplicate', line: 4}]},
    {code: yaml('mappings:', '- match: foo\\.(.*)', '  match_type: regex', '  name: a', '- match: foo\\.(.*)', '  match_type: regex', '  name: b'), errors: [{messageId: 'duplicate', line: 5}]},
    {code: yaml('mappings:', '- match: a', '  name: a', '- match: a', '  name: b', '- match: a', '  name: c'), errors: [{messageId: 'duplicate', line: 4}, {messageId: 'duplicate', line: 6, data: {match: 'a', line: 2}}]},
  ],
})
