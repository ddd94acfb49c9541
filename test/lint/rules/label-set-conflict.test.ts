import rule from '../../../src/lint/rules/label-set-conflict.js'
import {testRule, yaml} from '../rule-tester.js'

testRule(rule, {
  valid: [
    yaml('mappings:', '- match: a.*', '  name: foo', '  labels: {xx: $1, yy: a}', '- match: b.*', '  name: foo', '  labels: {yy: b, xx: $1}'),
    yaml('mappings:', '- match: a.*', '  name: foo', '  labels: {xx: $1}', '- match: b.*', '  name: bar'),
    yaml('mappings:', '- match: a.*', '  name: $1', '  labels: {xx: a}', '- match: b.*', '  name: $1'),
    yaml('mappings:', '- match: a.*', '  name: foo', '  labels: {xx: $1}', '- match: b.*', '  name: foo', '  action: drop'),
  ],
  invalid: [
    {
      code: yaml('mappings:', '- match: a.*', '  name: foo', '  labels:', '    xx: $1', '- match: b.*', '  name: foo', '  labels:', '    xx: $1', '    yy: b'),
      errors: [{messageId: 'differs', line: 8, data: {name: 'foo', labels: 'xx, yy', firstLabels: 'xx', line: 2}}],
    },
    {
      code: yaml('mappings:', '- match: a.*', '  name: foo', '  labels: {xx: $1}', '- match: b.*', '  name: foo'),
      errors: [{messageId: 'differs', line: 6, data: {name: 'foo', labels: '', firstLabels: 'xx', line: 2}}],
    },
  ],
})
