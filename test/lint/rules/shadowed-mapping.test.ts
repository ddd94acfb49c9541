import rule from '../../../src/lint/rules/shadowed-mapping.js'
import {testRule, yaml} from '../rule-tester.js'

const globs = (...matches: string[]) => yaml('mappings:', ...matches.flatMap((m, i) => [`- match: "${m}"`, `  name: r${i}`]))

testRule(rule, {
  valid: [
    globs('a.b', 'a.*'),
    globs('a.*.c', 'a.b.*'),
    globs('a.*', 'a.*.*'),
    globs('a.b', 'a.b.c'),
    globs('a.*', 'a.*'), // duplicate-match reports this one
    yaml('defaults:', '  glob_disable_ordering: true', 'mappings:', '- match: order.*.*', '  name: ra', '- match: order.*.bbb', '  name: rb'),
    yaml('mappings:', '- match: a.*', '  match_metric_type: gauge', '  name: ra', '- match: a.b', '  name: rb'),
    yaml('mappings:', '- match: a.*', '  name: ra', '- match: a.b', '  match_type: regex', '  name: rb'),
  ],
  invalid: [
    {code: globs('order.*.*', 'order.*.bbb'), errors: [{messageId: 'shadowed', line: 4, data: {match: 'order.*.bbb', by: 'order.*.*', line: 2}}]},
    {code: globs('a.*', 'b.c', 'a.b'), errors: [{messageId: 'shadowed', line: 6, data: {match: 'a.b', by: 'a.*', line: 2}}]},
    {code: globs('a.b.c', 'a.b'), errors: [{messageId: 'prefix', line: 4, data: {match: 'a.b', by: 'a.b.c', line: 2}}]},
    {code: globs('a.*.c', 'a.*'), errors: [{messageId: 'prefix', line: 4, data: {match: 'a.*', by: 'a.*.c', line: 2}}]},
    {
      code: yaml('mappings:', '- match: a.*', '  match_metric_type: counter', '  name: ra', '- match: a.b', '  match_metric_type: counter', '  name: rb'),
      errors: [{messageId: 'shadowed', line: 5}],
    },
    {
      // Each kind is taken by an earlier typed copy, so no single duplicate covers it.
      code: yaml('mappings:', '- match: a.*', '  match_metric_type: gauge', '  name: ra', '- match: a.*', '  match_metric_type: counter', '  name: rb',
        '- match: a.*', '  match_metric_type: observer', '  name: rc', '- match: a.x', '  name: rd'),
      errors: [{messageId: 'shadowed', line: 11, data: {match: 'a.x', by: 'a.*', line: 5}}],
    },
  ],
})
