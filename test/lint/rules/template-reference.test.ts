import rule from '../../../src/lint/rules/template-reference.js'
import {testRule, yaml} from '../rule-tester.js'

const glob = (match: string, name: string, label = 'x') => yaml('mappings:', `- match: "${match}"`, `  name: "${name}"`, '  labels:', `    l1: "${label}"`)
const regex = (match: string, label: string) => yaml('mappings:', `- match: '${match}'`, '  match_type: regex', '  name: a', '  labels:', `    l1: '${label}'`)

testRule(rule, {
  valid: [
    glob('a.*.*', '${1}_foo', '$2'),
    glob('a.*', 'a', '${1}-$1'),
    regex('a\\.(\\w+)\\.(?P<tail>.*)', '$1 ${2} $tail ${tail} $0 $$1'),
    yaml('mappings:', '- match: a.*', '  name: a', '  action: drop', '  labels:', '    l1: $5'),
  ],
  invalid: [
    {code: glob('test.*', '$1_foo'), errors: [{messageId: 'glued', line: 3, data: {text: '$1_foo', target: '1_foo', number: 1, rest: '_foo'}}]},
    {code: glob('a.*.*', 'a', '$1-$2-$3'), errors: [{messageId: 'beyondStars', line: 5, data: {text: '$3', match: 'a.*.*', count: 2}}]},
    {code: glob('a.*', 'a', '$0'), errors: [{messageId: 'globZero', line: 5}]},
    {code: glob('a.*', 'a', '$name'), errors: [{messageId: 'globNamed', line: 5}]},
    {code: glob('a.*', 'a_$2', '${9}'), errors: [{messageId: 'beyondStars', line: 3}, {messageId: 'beyondStars', line: 5}]},
    {code: regex('a\\.(\\w+)', '$2'), errors: [{messageId: 'beyondGroups', line: 6, data: {text: '$2', count: 1}}]},
    {code: regex('a\\.(\\w+)', '$nope'), errors: [{messageId: 'unknownGroup', data: {text: '$nope', target: 'nope'}}]},
    {code: regex('a\\.(\\w+)', '$1_x'), errors: [{messageId: 'glued', data: {text: '$1_x', target: '1_x', number: 1, rest: '_x'}}]},
  ],
})
