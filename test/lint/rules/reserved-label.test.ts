import rule from '../../../src/lint/rules/reserved-label.js'
import {testRule} from '../rule-tester.js'
import {named} from './naming.js'

testRule(rule, {
  valid: [named('x', undefined, ['level', 'quantiles', '_x'])],
  invalid: [
    {code: named('x', 'histogram', ['le']), errors: [{messageId: 'le', line: 7, column: 5}]},
    {code: named('x', undefined, ['quantile']), errors: [{messageId: 'quantile', line: 5}]},
    {code: named('x', undefined, ['__name']), errors: [{messageId: 'internal', line: 5}]},
  ],
})
