/**
 * The rules that surface the catalogue loader's diagnostics. The loader has its own
 * tests; these pin down that each kind reaches `catalog check` under its rule id, where
 * it was found.
 */
import duplicateKey from '../../../src/catalog/rules/duplicate-key.js'
import inputRejected from '../../../src/catalog/rules/input-rejected.js'
import invalidTemplate from '../../../src/catalog/rules/invalid-template.js'
import invalidType from '../../../src/catalog/rules/invalid-type.js'
import invalidValue from '../../../src/catalog/rules/invalid-value.js'
import missingKey from '../../../src/catalog/rules/missing-key.js'
import unknownKey from '../../../src/catalog/rules/unknown-key.js'
import yamlSyntax from '../../../src/catalog/rules/yaml-syntax.js'
import {catalog, metrics, testCatalogRule} from './rule-tester.js'

const good = metrics('  - name: a.b', '    type: counter')

testCatalogRule(inputRejected, {
  valid: [good],
  invalid: [{code: `version: 1\nplaceholders: ${'['.repeat(300)}`, errors: [{messageId: 'loader', line: 2, column: 271}]}],
})

testCatalogRule(yamlSyntax, {
  valid: [good],
  invalid: [
    {code: metrics('  - name: *a'), errors: [{messageId: 'loader', line: 3, message: 'yaml: '}]},
    {code: 'version: 1\nmetrics:\n\t- name: a\n', errors: [{messageId: 'loader', line: 3, column: 1}]},
    {code: catalog('---', 'metrics: []'), errors: [{messageId: 'loader', line: 2, message: 'one YAML document'}]},
  ],
})

testCatalogRule(duplicateKey, {
  valid: [good],
  invalid: [{code: metrics('  - name: a', '    name: b'), errors: [{messageId: 'loader', line: 4, column: 5, message: '"name" is already set in a metric on line 3'}]}],
})

testCatalogRule(unknownKey, {
  valid: [good],
  invalid: [{code: metrics('  - name: a', '    owners: x'), errors: [{messageId: 'loader', line: 4, column: 5, message: 'did you mean "owner"?'}]}],
})

testCatalogRule(invalidType, {
  valid: [good],
  invalid: [{code: metrics('  - name: a', '    tags: [a]'), errors: [{messageId: 'loader', line: 4, column: 11, message: 'tags must be a map, not a list'}]}],
})

testCatalogRule(invalidValue, {
  valid: [good],
  invalid: [{code: metrics('  - name: a', '    type: timing'), errors: [{messageId: 'loader', line: 4, column: 11, message: 'did you mean "timer"?'}]}],
})

testCatalogRule(invalidTemplate, {
  valid: [good],
  invalid: [{code: metrics('  - name: a.b.'), errors: [{messageId: 'loader', line: 3, column: 14, message: 'must not end with "."'}]}],
})

testCatalogRule(missingKey, {
  valid: [good],
  invalid: [
    {code: metrics('  - type: gauge'), errors: [{messageId: 'loader', line: 3, column: 5, message: 'a metric needs a name'}]},
    {code: '', errors: [{messageId: 'loader', line: 1, column: 1, message: 'the file is empty'}]},
  ],
})
