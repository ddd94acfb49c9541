import rule from '../../../src/lint/rules/quantile-range.js'
import {testRule, yaml} from '../rule-tester.js'

const summary = (quantile: number, error: number) =>
  yaml('mappings:', '- match: a.*', '  name: a', '  observer_type: summary', '  summary_options:', '    quantiles:', `      - quantile: ${quantile}`, `        error: ${error}`)

testRule(rule, {
  valid: [summary(0.5, 0.05), summary(0.999, 0.0001), yaml('mappings:', '- match: a.*', '  name: a')],
  invalid: [
    {code: summary(1.5, 0.01), errors: [{messageId: 'quantile', line: 6, data: {quantile: 1.5}}]},
    {code: summary(0, 0.01), errors: [{messageId: 'quantile', data: {quantile: 0}}]},
    {code: summary(0.9, 1.2), errors: [{messageId: 'error', data: {quantile: 0.9, error: 1.2}}]},
    {
      code: yaml('defaults:', '  summary_options:', '    quantiles:', '      - quantile: -0.5', '        error: 0.1', 'mappings: []'),
      errors: [{messageId: 'quantile', line: 3}],
    },
  ],
})
