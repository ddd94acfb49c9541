/**
 * The rules that surface statsd_exporter's own load checks. The loader has its own
 * tests; these pin down that each kind of refusal reaches lint under its rule id, at
 * the place it was found.
 */
import deprecatedKey from '../../../src/lint/rules/deprecated-key.js'
import duplicateKey from '../../../src/lint/rules/duplicate-key.js'
import inputRejected from '../../../src/lint/rules/input-rejected.js'
import invalidDuration from '../../../src/lint/rules/invalid-duration.js'
import invalidEnum from '../../../src/lint/rules/invalid-enum.js'
import invalidLabelName from '../../../src/lint/rules/invalid-label-name.js'
import invalidMatch from '../../../src/lint/rules/invalid-match.js'
import invalidMetricName from '../../../src/lint/rules/invalid-metric-name.js'
import invalidRegex from '../../../src/lint/rules/invalid-regex.js'
import invalidType from '../../../src/lint/rules/invalid-type.js'
import legacySyntax from '../../../src/lint/rules/legacy-syntax.js'
import missingName from '../../../src/lint/rules/missing-name.js'
import observerOptionsConflict from '../../../src/lint/rules/observer-options-conflict.js'
import unknownKey from '../../../src/lint/rules/unknown-key.js'
import yamlSyntax from '../../../src/lint/rules/yaml-syntax.js'
import {testRule, yaml} from '../rule-tester.js'

const good = yaml('mappings:', '- match: test.*', '  name: test_total', '  labels:', '    kind: $1')
const mapping = (...lines: string[]) => yaml('mappings:', '- match: test.*', ...lines)

testRule(yamlSyntax, {
  valid: [good, '', 'mappings: []\n'],
  invalid: [
    {code: yaml('mappings:', '- match: *.x', '  name: a'), errors: [{messageId: 'loader', line: 2, message: 'yaml: '}]},
    {code: yaml('mappings:', '- match: a', '\tname: a'), errors: [{messageId: 'loader', line: 3}]},
    {code: 'mappings:\n- match: a\n  name: "\\q"\n', errors: [{messageId: 'loader', line: 3}]},
  ],
})

testRule(duplicateKey, {
  valid: [good],
  invalid: [{code: mapping('  name: a', '  name: b'), errors: [{messageId: 'loader', line: 4}]}],
})

testRule(unknownKey, {
  valid: [good],
  invalid: [
    {code: mapping('  name: a', '  nmae: b'), errors: [{messageId: 'loader', line: 4, message: 'nmae'}]},
    {code: yaml('mapping:', '- match: a'), errors: [{messageId: 'loader', line: 1, message: 'mapping'}]},
  ],
})

testRule(deprecatedKey, {
  valid: [good],
  invalid: [{code: mapping('  name: a', '  timer_type: histogram'), errors: [{messageId: 'loader', line: 4}]}],
})

testRule(invalidType, {
  valid: [good],
  invalid: [
    {code: mapping('  name: a', '  labels: [a]'), errors: [{messageId: 'loader', line: 4}]},
    {code: mapping('  name: a', '  scale: lots'), errors: [{messageId: 'loader', line: 4}]},
  ],
})

testRule(invalidEnum, {
  valid: [good, mapping('  name: a', '  match_metric_type: observer', '  action: drop', '  observer_type: histogram')],
  invalid: [
    {code: mapping('  name: a', '  action: xyz'), errors: [{messageId: 'loader', line: 4, message: 'invalid action type "xyz"'}]},
    {code: mapping('  name: a', '  observer_type: wrong'), errors: [{messageId: 'loader', message: "invalid observer type 'wrong'"}]},
    {code: mapping('  name: a', '  match_metric_type: wrong'), errors: [{messageId: 'loader', message: "invalid metric type 'wrong'"}]},
    {code: mapping('  name: a', '  match_type: x'), errors: [{messageId: 'loader', message: 'invalid match type "x"'}]},
  ],
})

testRule(invalidDuration, {
  valid: [good, mapping('  name: a', '  ttl: 1m30s')],
  invalid: [{code: mapping('  name: a', '  ttl: 5x'), errors: [{messageId: 'loader', line: 4}]}],
})

testRule(missingName, {
  valid: [good],
  invalid: [{code: mapping('  labels: {kind: $1}'), errors: [{messageId: 'loader', line: 2, message: "line 0: metric mapping didn't set a metric name"}]}],
})

testRule(invalidMetricName, {
  valid: [good, mapping('  name: ${1}_total')],
  invalid: [
    {code: mapping('  name: 0foo'), errors: [{messageId: 'loader', line: 3, message: "metric name '0foo' doesn't match regex"}]},
    {code: mapping('  name: job:requests:rate5m'), errors: [{messageId: 'loader', line: 3}]},
  ],
})

testRule(invalidLabelName, {
  valid: [good],
  invalid: [{code: mapping('  name: a', '  labels:', '    l: $1'), errors: [{messageId: 'loader', line: 5, message: 'invalid label key: l'}]}],
})

testRule(invalidMatch, {
  valid: [good, yaml('mappings:', '- match: test.99test.*', '  name: a')],
  invalid: [
    {code: yaml('mappings:', '- match: bad!!metric-line.*.*', '  name: a'), errors: [{messageId: 'loader', line: 2, message: 'invalid match: bad!!metric-line.*.*'}]},
    {code: yaml('mappings:', '- match: prefix_*', '  name: a'), errors: [{messageId: 'loader', line: 2}]},
  ],
})

testRule(invalidRegex, {
  valid: [good, yaml('mappings:', '- match: (?P<x>a)\\.b', '  match_type: regex', '  name: a')],
  invalid: [
    {code: yaml('mappings:', '- match: "*\\\\.foo"', '  match_type: regex', '  name: a'), errors: [{messageId: 'loader', line: 2, message: 'missing argument to repetition operator'}]},
    {code: yaml('mappings:', '- match: (?=a)b', '  match_type: regex', '  name: a'), errors: [{messageId: 'loader', line: 2, message: 'lookahead'}]},
  ],
})

testRule(observerOptionsConflict, {
  valid: [good],
  invalid: [{
    code: mapping('  name: a', '  observer_type: histogram', '  summary_options:', '    max_age: 5m'),
    errors: [{messageId: 'loader', message: 'cannot use histogram observer and summary options at the same time'}],
  }],
})

testRule(legacySyntax, {
  valid: ['test.dispatcher.*.*.*\nname="dispatcher_events_total"\nprocessor="$1"\n'],
  invalid: [{code: 'test.dispatcher.*.*.*\nname="dispatcher_events_total"\nprocessor=$1\n', errors: [{messageId: 'loader', line: 3}]}],
})

testRule(inputRejected, {
  valid: [good],
  invalid: [{code: '['.repeat(5000), errors: [{messageId: 'loader', line: 1}]}],
})
