import rule from '../../../src/lint/rules/bucket-bounds.js'
import {testRule, yaml} from '../rule-tester.js'

testRule(rule, {
  valid: [
    yaml('mappings:', '- match: a.*', '  name: a', '  observer_type: histogram', '  histogram_options:', '    buckets: [0.005, 1]'),
    yaml('mappings:', '- match: a.*', '  name: a'),
  ],
  invalid: [
    {
      code: yaml('mappings:', '- match: a.*', '  name: a', '  observer_type: histogram', '  histogram_options:', '    buckets: [-1, 0, 1]'),
      errors: [{messageId: 'nonPositive', line: 6, data: {bound: -1}}, {messageId: 'nonPositive', line: 6, data: {bound: 0}}],
    },
  ],
})
