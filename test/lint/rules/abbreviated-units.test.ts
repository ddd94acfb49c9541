import rule from '../../../src/lint/rules/abbreviated-units.js'
import {testRule} from '../rule-tester.js'
import {named} from './naming.js'

testRule(rule, {
  valid: [named('latency_seconds'), named('queue_msgs'), named('dms_sent')],
  invalid: [
    {code: named('latency_ms'), errors: [{messageId: 'abbreviated', line: 3, data: {abbreviation: 'ms'}}]},
    {code: named('time_sec_total'), errors: [{messageId: 'abbreviated', data: {abbreviation: 'sec'}}]},
    {code: named('Size_KB'), errors: [{messageId: 'abbreviated', data: {abbreviation: 'kb'}}]},
  ],
})
