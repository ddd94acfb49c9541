import rule from '../../../src/lint/rules/bucket-order.js'
import {testRule, yaml} from '../rule-tester.js'

testRule(rule, {
  valid: [
    yaml('mappings:', '- match: a.*', '  name: a', '  observer_type: histogram', '  histogram_options:', '    buckets: [0.1, 1, 10]'),
    yaml('defaults:', '  histogram_options:', '    buckets: []', 'mappings:', '- match: a.*', '  name: a', '  observer_type: histogram'),
    yaml('mappings: []'),
  ],
  invalid: [
    {
      code: yaml('mappings:', '- match: a.*', '  name: a', '  observer_type: histogram', '  histogram_options:', '    buckets: [0.1, 10, 1]'),
      errors: [{messageId: 'unsorted', line: 6, data: {previous: 10, next: 1}}],
    },
    {
      code: yaml('defaults:', '  histogram_options:', '    buckets: [1, 1]', 'mappings:', '- match: a.*', '  name: a', '  observer_type: histogram'),
      errors: [{messageId: 'unsorted', line: 3, data: {previous: 1, next: 1}}],
    },
  ],
})
