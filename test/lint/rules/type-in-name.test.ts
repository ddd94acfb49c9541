import rule from '../../../src/lint/rules/type-in-name.js'
import {testRule} from '../rule-tester.js'
import {named} from './naming.js'

testRule(rule, {
  valid: [named('requests_total'), named('counters_reset_total'), named('gaugefield')],
  invalid: [
    {code: named('requests_counter'), errors: [{messageId: 'typeInName', line: 3, data: {type: 'counter'}}]},
    {code: named('queue_gauge_depth', 'gauge'), errors: [{messageId: 'typeInName', data: {type: 'gauge'}}]},
    {code: named('x_histogram_summary'), errors: [{messageId: 'typeInName', data: {type: 'summary'}}, {messageId: 'typeInName', data: {type: 'histogram'}}]},
  ],
})
