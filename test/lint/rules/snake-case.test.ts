import rule from '../../../src/lint/rules/snake-case.js'
import {testRule} from '../rule-tester.js'
import {named} from './naming.js'

testRule(rule, {
  valid: [named('http_requests_total', undefined, ['status_code']), named('a${1}B'), named('HTTP_requests')],
  invalid: [
    {code: named('httpRequests'), errors: [{messageId: 'metric', line: 3}]},
    {code: named('http_requests', undefined, ['statusCode']), errors: [{messageId: 'label', line: 5, column: 5, data: {label: 'statusCode'}}]},
  ],
})
