import rule from '../../../src/lint/rules/counter-total.js'
import {testRule, yaml} from '../rule-tester.js'
import {named} from './naming.js'

testRule(rule, {
  valid: [
    named('requests_total', 'counter'),
    named('${1}_total', 'counter'),
    named('requests'),
    named('requests_total'),
    named('queue_depth', 'gauge'),
    yaml('mappings:', '- match: a.*', '  name: requests', '  match_metric_type: counter', '  action: drop'),
  ],
  invalid: [
    {code: named('requests', 'counter'), errors: [{messageId: 'counter', line: 3, column: 9}]},
    {code: named('queue_total', 'gauge'), errors: [{messageId: 'nonCounter', line: 3}]},
    {code: named('latency_total', 'histogram'), errors: [{messageId: 'nonCounter'}]},
  ],
})
