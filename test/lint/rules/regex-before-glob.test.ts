import rule from '../../../src/lint/rules/regex-before-glob.js'
import {testRule, yaml} from '../rule-tester.js'

const regexThenGlob = (regex: string, glob: string, extra: string[] = []) =>
  yaml('mappings:', `- match: '${regex}'`, '  match_type: regex', '  name: ra', ...extra, `- match: "${glob}"`, '  name: rb')

testRule(rule, {
  valid: [
    regexThenGlob('^api\\.(\\w+)\\.count$', 'web.*.count'),
    regexThenGlob('test3\\.(\\w+)', 'test1.*.*'),
    regexThenGlob('^api\\.', 'api.*', ['  match_metric_type: gauge']).replace('  name: rb', '  name: rb\n  match_metric_type: counter'),
    yaml('mappings:', '- match: web.*', '  name: ra', '- match: .', '  match_type: regex', '  name: rb', '  action: drop'),
  ],
  invalid: [
    {
      code: regexThenGlob('^api\\.(\\w+)\\.count$', 'api.*.count'),
      errors: [{messageId: 'globWins', line: 2, column: 10, data: {example: 'api.x.count', glob: 'api.*.count', line: 5}}],
    },
    {code: regexThenGlob('(.*)\\.(.*)-(.*)', '*.*'), errors: [{messageId: 'globWins', data: {example: 'a-b.a-b', glob: '*.*', line: 5}}]},
    {code: regexThenGlob('foo', 'a.foo'), errors: [{messageId: 'globWins', data: {example: 'a.foo', glob: 'a.foo', line: 5}}]},
  ],
})
