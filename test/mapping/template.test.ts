import {describe, expect, it} from 'vitest'
import {compileGlobTemplate, compileRegexTemplate} from '../../src/mapping/template.js'

describe('glob templates (fsm/formatter.go)', () => {
  const captures = ['foo', 'bar', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10']

  it.each([
    // [template, stars in the rule, expected]
    ['plain', 2, 'plain'],
    ['$1', 2, 'foo'],
    ['${1}_foo', 2, 'foo_foo'],
    ['$1_foo', 2, ''],
    ['$0', 2, ''],
    ['${1', 2, 'foo'],
    ['$1-$2-$3', 2, 'foo-bar-'],
    ['$2.$1', 2, 'bar.foo'],
    // `$` is in the reference alphabet, so `$1$1` is one reference, `1$1`, which is no number.
    ['$1$1', 2, ''],
    ['$1.$1', 2, 'foo.foo'],
    ['a$$1b', 2, 'a'],
    ['$name', 2, ''],
    ['100%', 2, '100%'],
    ['${10}', 10, 'c10'],
    ['$10-$1', 10, 'c10-foo'],
    // Each reference text is replaced everywhere at once, so `$1` also eats the start of `$10`.
    ['$1-$10', 10, 'foo-c100'],
    ['$1-$10', 1, 'foo-%!s(MISSING)0'],
    ['$0 $01', 1, ' 1%!(EXTRA string=foo)'],
  ] as const)('%j with %i stars → %j', (template, stars, expected) => {
    expect(compileGlobTemplate(template, stars).expand(captures)).toBe(expected)
  })

  it('lists references and whether they can expand to anything', () => {
    expect(compileGlobTemplate('${1}_$2_ $0', 2).references).toEqual([
      {text: '${1}', offset: 0, target: 1, resolves: true},
      {text: '$2_', offset: 5, target: '2_', resolves: false},
      {text: '$0', offset: 9, target: 0, resolves: false},
    ])
  })
})

describe('regex templates (regexp.Expand)', () => {
  const regexp = /(?:(a+)|(x))-(b+)(?:-(c+))?/u
  // Group 2 is named twice in RE2 terms: `$dup` takes the first one that took part.
  const names = ['', 'first', 'dup', 'dup', '01']

  it.each([
    ['$1', 'aa'],
    ['${1}', 'aa'],
    ['$first/${first}', 'aa/aa'],
    ['$1_foo', ''],
    ['${1}_foo', 'aa_foo'],
    ['$0', 'aa-bbb'],
    ['$$1', '$1'],
    ['$4', ''],
    ['$9', ''],
    ['$dup', 'bbb'],
    ['$01', ''],
    ['${01}', ''],
    ['$unknown', ''],
    ['$', '$'],
    ['${}', '${}'],
    ['${1', '${1'],
    ['$-', '$-'],
    ['a$1b', 'a'],
    ['a${1}b', 'aaab'],
  ])('%j → %j', (template, expected) => {
    expect(compileRegexTemplate(template, names).expand(regexp.exec('zz-aa-bbb') as RegExpExecArray)).toBe(expected)
  })

  it('reads a group named with digits and a leading zero by name', () => {
    expect(compileRegexTemplate('${01}', ['', '01']).expand(['x', 'named'])).toBe('named')
  })

  it('lists references, resolvable or not', () => {
    expect(compileRegexTemplate('$1 $first $nope $$ $7', names).references.map((r) => [r.text, r.resolves])).toEqual([
      ['$1', true], ['$first', true], ['$nope', false], ['$7', false],
    ])
  })
})
