import rule from '../../../src/lint/rules/base-units.js'
import {testRule} from '../rule-tester.js'
import {named} from './naming.js'

testRule(rule, {
  valid: [named('latency_seconds'), named('sent_bytes_total'), named('temperature_celsius'), named('request_count_total')],
  invalid: [
    {code: named('latency_milliseconds'), errors: [{messageId: 'baseUnit', line: 3, data: {base: 'seconds', unit: 'milliseconds'}}]},
    {code: named('payload_kilobytes', 'gauge'), errors: [{messageId: 'baseUnit', data: {base: 'bytes', unit: 'kilobytes'}}]},
    {code: named('uptime_hours'), errors: [{messageId: 'baseUnit', data: {base: 'seconds', unit: 'hours'}}]},
    {code: named('${1}_microseconds'), errors: [{messageId: 'baseUnit', data: {base: 'seconds', unit: 'microseconds'}}]},
  ],
})
