import rule from '../../../src/lint/rules/reserved-suffix.js'
import {testRule} from '../rule-tester.js'
import {named} from './naming.js'

testRule(rule, {
  valid: [named('x_count'), named('x_count', 'summary'), named('x_bucket', 'histogram'), named('last_run_timestamp_seconds', 'gauge'), named('x_sum')],
  invalid: [
    {code: named('x_sum', 'counter'), errors: [{messageId: 'sum', line: 3}]},
    {code: named('x_count', 'gauge'), errors: [{messageId: 'count'}]},
    {code: named('x_bucket', 'summary'), errors: [{messageId: 'bucket'}]},
    {code: named('run_timestamp_seconds', 'counter'), errors: [{messageId: 'timestampSeconds'}]},
  ],
})
