import rule from '../../../src/lint/rules/type-conflict.js'
import {testRule, yaml} from '../rule-tester.js'

testRule(rule, {
  valid: [
    yaml('mappings:', '- match: a.*', '  match_metric_type: counter', '  name: foo', '- match: b.*', '  name: foo'),
    yaml('mappings:', '- match: test.foo.*', '  name: test_foo_sum', '  match_metric_type: counter', '- match: test.foo.*', '  name: test_foo_current', '  match_metric_type: gauge'),
    yaml('mappings:', '- match: a.*', '  match_metric_type: counter', '  name: foo', '- match: b.*', '  match_metric_type: gauge', '  name: foo', '  action: drop'),
    yaml('mappings:', '- match: a.*', '  match_metric_type: counter', '  name: $1', '- match: b.*', '  match_metric_type: gauge', '  name: $1'),
  ],
  invalid: [
    {
      code: yaml('mappings:', '- match: a.*', '  match_metric_type: counter', '  name: foo', '- match: b.*', '  match_metric_type: gauge', '  name: foo'),
      errors: [{messageId: 'type', line: 7, data: {name: 'foo', type: 'gauge', firstType: 'counter', line: 2}}],
    },
    {
      code: yaml('mappings:', '- match: a.*', '  match_metric_type: observer', '  observer_type: histogram', '  name: foo', '- match: b.*', '  match_metric_type: observer', '  name: foo'),
      errors: [{messageId: 'type', line: 8, data: {name: 'foo', type: 'summary', firstType: 'histogram', line: 2}}],
    },
    {
      code: yaml('mappings:', '- match: a.*', '  match_metric_type: observer', '  name: foo', '- match: b.*', '  match_metric_type: counter', '  name: foo_count'),
      errors: [{messageId: 'series', line: 7, data: {name: 'foo_count', type: 'counter', observerType: 'summary', observer: 'foo', line: 2}}],
    },
    {
      code: yaml('mappings:', '- match: b.*', '  match_metric_type: gauge', '  name: foo_bucket', '- match: a.*', '  match_metric_type: observer', '  observer_type: histogram', '  name: foo'),
      errors: [{messageId: 'series', line: 4}],
    },
  ],
})
