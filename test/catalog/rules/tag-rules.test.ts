import freeTextValues from '../../../src/catalog/rules/free-text-values.js'
import identifierValues from '../../../src/catalog/rules/identifier-values.js'
import tagKeyCase from '../../../src/catalog/rules/tag-key-case.js'
import {catalog, metrics, testCatalogRule} from './rule-tester.js'

testCatalogRule(tagKeyCase, {
  valid: [metrics('  - name: a', '    tags:', '      region: {}', '  - name: b', '    tags:', '      region: [de]')],
  invalid: [
    {code: metrics('  - name: a', '    tags:', '      region: {}', '      Region: {}'), errors: [{messageId: 'case', line: 6, column: 7, data: {key: 'Region', other: 'region', line: 'line 5'}}]},
    {code: metrics('  - name: a', '    tags:', '      Region: {}', '  - name: b', '    tags:', '      region: {}'), errors: [{messageId: 'case', line: 8, data: {key: 'region', other: 'Region', line: 'line 5'}}]},
  ],
})

testCatalogRule(identifierValues, {
  valid: [
    metrics('  - name: a', '    tags:', '      status: [200, 404, 2024]', '      region: [de, fr]', '      build: [v1.2.3, deadbeef]'),
    catalog('placeholders:', '  id: {cardinality: 100000}', 'metrics:', '  - name: a', '    tags:', '      user: <id>'),
  ],
  invalid: [
    {code: metrics('  - name: a', '    tags:', '      user: [8f14e45f-ceea-467f-a9f5-13e6b6d2a0c1]'), errors: [{messageId: 'identifier', line: 5, column: 13, data: {owner: 'tag user', value: '"8f14e45f-ceea-467f-a9f5-13e6b6d2a0c1"', kind: 'UUID'}}]},
    {code: metrics('  - name: a', '    tags:', '      order: [1234567]'), errors: [{messageId: 'identifier', data: {owner: 'tag order', value: '"1234567"', kind: 'long number'}}]},
    {code: catalog('placeholders:', '  commit:', '    values: [3f786850e387550fdab836ed7e6dc881de23001b]', 'metrics:', '  - name: a.<commit>'), errors: [{messageId: 'identifier', line: 4, column: 13, data: {owner: 'placeholder commit', value: '"3f786850e387550fdab836ed7e6dc881de23001b"', kind: 'hash'}}]},
  ],
})

testCatalogRule(freeTextValues, {
  valid: [metrics('  - name: a', '    tags:', '      outcome: [ok, timed_out, not-found]')],
  invalid: [
    {code: metrics('  - name: a', '    tags:', '      reason: [ok, "The upstream timed out."]'), errors: [{messageId: 'freeText', line: 5, column: 15, data: {owner: 'tag reason', value: '"The upstream timed out."'}}]},
    {code: metrics('  - name: a', '    tags:', '      reason: not found'), errors: [{messageId: 'freeText', data: {owner: 'tag reason', value: '"not found"'}}]},
  ],
})
