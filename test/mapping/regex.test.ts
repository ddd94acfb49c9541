import {describe, expect, it} from 'vitest'
import {translateRegex} from '../../src/mapping/regex.js'

function compile(pattern: string): RegExp {
  const translated = translateRegex(pattern)
  if (!translated.ok) throw new Error(translated.message)
  return translated.regexp
}

describe('translateRegex: RE2 meaning in JavaScript', () => {
  it.each([
    // [pattern, matches, does not match]
    ['foo\\.(\\w+)', ['zzfoo.bar.baz', 'foo.x'], ['foo.', 'fooxbar']],
    ['^a.b$', ['a\rb', 'a b'], ['a\nb', 'a.b\n']],
    ['(?s)^a.b$', ['a\nb'], []],
    ['^\\s$', [' ', '\t', '\n', '\f', '\r'], ['\v', '\u00a0', '\u2003']],
    ['^\\w+$', ['a_Z9'], ['é', 'ſ']],
    ['^\\d$', ['7'], ['٣']],
    ['^[[:alpha:]]+$', ['abcXYZ'], ['a1']],
    ['^[^[:digit:]]$', ['x', '\n'], ['5']],
    ['^\\pL+$', ['héllo'], ['h3']],
    ['^\\p{Greek}$', ['λ'], ['l']],
    ['^\\PN$', ['x'], ['1']],
    ['^a{,2}$', ['a{,2}'], ['aa']],
    ['^a{2}$', ['aa'], ['a', 'aaa']],
    ['^x{1,}$', ['xxx'], ['']],
    ['(?m)^b$', ['a\nb\nc'], ['a\rb']],
    ['^a$', ['a'], ['a\n']],
    ['\\Aa\\z', ['a'], ['ba']],
    ['(?i)^abc$', ['ABC', 'aBc'], ['abd']],
    ['^a(?i:b)c$', ['aBc', 'abc'], ['ABC', 'abC']],
    ['^a(?i)[k]$', ['ak', 'aK', 'a\u212a'], ['AK']],
    ['^(?i)a(?-i:b)$', ['Ab', 'ab'], ['aB']],
    ['^\\Qa.b\\E+$', ['a.bbb'], ['axb']],
    ['^[]a]+$', [']a]'], ['b']],
    ['^[a-]+$', ['-a-'], ['b']],
    ['^[\\d-z]+$', ['1-z'], ['y']],
    ['^\\x41\\x{42}\\103$', ['ABC'], ['abc']],
    ['^.$', ['😱'], ['😱😱']],
    ['^(?:^)*a$', ['a'], ['b']],
    ['^[^a]$', ['\n', 'b'], ['a']],
  ])('%j', (pattern, matching, other) => {
    const regexp = compile(pattern)
    for (const text of matching) expect(regexp.test(text), JSON.stringify(text)).toBe(true)
    for (const text of other) expect(regexp.test(text), JSON.stringify(text)).toBe(false)
  })

  it('is lazy where Go is: `*?`, and everything under (?U)', () => {
    expect(compile('a(.*?)b').exec('aXbYb')?.[1]).toBe('X')
    expect(compile('(?U)a(.*)b').exec('aXbYb')?.[1]).toBe('X')
    expect(compile('(?U)a(.*?)b').exec('aXbYb')?.[1]).toBe('XbY')
  })

  it('turns named groups into numbered ones with a name table (duplicates and digit names allowed, as in Go)', () => {
    const translated = translateRegex('(?P<first>a)(b)(?<first>c)(?P<01>d)')
    expect(translated.ok && translated.groupNames).toEqual(['', 'first', '', 'first', '01'])
    expect(translated.ok && translated.regexp.exec('abcd')?.slice(1)).toEqual(['a', 'b', 'c', 'd'])
  })

  it('offers the literal every match contains, for a cheap pre-check', () => {
    const requiredOf = (pattern: string) => {
      const translated = translateRegex(pattern)
      return translated.ok ? translated.required : 'refused'
    }
    expect(requiredOf('^job1\\.(\\w+)')).toEqual({text: 'job1.', anchored: true})
    expect(requiredOf('(\\w+)\\.request\\.(\\d+)')).toEqual({text: '.request.', anchored: false})
    expect(requiredOf('a|bc')).toBeUndefined()
    expect(requiredOf('(?i)abc')).toBeUndefined()
  })
})

describe('translateRegex: what Go refuses, with Go\'s message', () => {
  it.each([
    ['*\\.foo', 'error parsing regexp: missing argument to repetition operator: `*`'],
    ['a|*', 'error parsing regexp: missing argument to repetition operator: `*`'],
    ['(+a)', 'error parsing regexp: missing argument to repetition operator: `+`'],
    ['a**', 'error parsing regexp: invalid nested repetition operator: `**`'],
    ['a{2}{3}', 'error parsing regexp: invalid nested repetition operator: `{2}{3}`'],
    ['a++', 'error parsing regexp: invalid nested repetition operator: `++` (RE2 has no atomic groups or possessive quantifiers)'],
    ['x{1001}', 'error parsing regexp: invalid repeat count: `{1001}`'],
    ['x{3,2}', 'error parsing regexp: invalid repeat count: `{3,2}`'],
    ['(a{500}){3}', 'error parsing regexp: invalid repeat count: `{3}`'],
    ['(', 'error parsing regexp: missing closing ): `(`'],
    ['a)', 'error parsing regexp: unexpected ): `a)`'],
    ['[abc', 'error parsing regexp: missing closing ]: `[abc`'],
    ['[z-a]', 'error parsing regexp: invalid character class range: `z-a`'],
    ['[[:nope:]]', 'error parsing regexp: invalid character class range: `[:nope:]`'],
    ['\\p{Nope}', 'error parsing regexp: invalid character class range: `\\p{Nope}`'],
    ['\\', 'error parsing regexp: trailing backslash at end of expression: ``'],
    ['\\q', 'error parsing regexp: invalid escape sequence: `\\q`'],
    ['[\\b]', 'error parsing regexp: invalid escape sequence: `\\b`'],
    ['\\C', 'error parsing regexp: invalid escape sequence: `\\C`'],
    ['\\xZZ', 'error parsing regexp: invalid escape sequence: `\\xZZ`'],
    ['(a)\\1', 'error parsing regexp: invalid escape sequence: `\\1` (RE2 has no backreferences)'],
    ['a(?=b)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?=` (RE2 has no lookahead or lookbehind)'],
    ['a(?!b)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?!` (RE2 has no lookahead or lookbehind)'],
    ['(?<=a)b', 'error parsing regexp: invalid named capture: `(?<=a)b` (RE2 has no lookahead or lookbehind)'],
    ['(?>a)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?>` (RE2 has no atomic groups or possessive quantifiers)'],
    ['(?#note)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?#`'],
    ['(?i-)a', 'error parsing regexp: invalid or unsupported Perl syntax: `(?i-)`'],
    ['(?P<>a)', 'error parsing regexp: invalid named capture: `(?P<>`'],
    ['(?P<a-b>x)', 'error parsing regexp: invalid named capture: `(?P<a-b>`'],
    ['(?P<name', 'error parsing regexp: invalid named capture: `(?P<name`'],
  ])('%j', (pattern, message) => {
    expect(translateRegex(pattern)).toEqual({ok: false, reason: 'invalid', message})
  })

  it('refuses nesting deeper than Go allows', () => {
    const translated = translateRegex(`${'('.repeat(1100)}a${')'.repeat(1100)}`)
    expect(translated.ok || translated.message).toMatch(/expression nests too deeply/)
  })
})
