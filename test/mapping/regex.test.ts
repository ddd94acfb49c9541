import fc from 'fast-check'
import {RE2JS, RE2JSSyntaxException} from 're2js'
import {describe, expect, it} from 'vitest'
import type {Re2Regex} from '../../src/mapping/regex.js'
import {RegexSet, compileRegex} from '../../src/mapping/regex.js'
import {parseRe2} from '../../src/mapping/re2-syntax.js'

function compile(pattern: string): Re2Regex {
  const compiled = compileRegex(pattern)
  if (!compiled.ok) throw new Error(compiled.message)
  return compiled.regex
}

/** RE2JS's error as Go words it: Go always quotes the expression, the whole pattern when no part of it is to blame. */
function goMessage(error: RE2JSSyntaxException, pattern: string): string {
  const expression = error.getPattern() ?? (error.getDescription() === 'trailing backslash at end of expression' ? '' : pattern)
  return `error parsing regexp: ${error.getDescription()}: \`${expression}\``
}

/** Milliseconds `run` takes. */
function timed(run: () => void): number {
  const start = performance.now()
  run()
  return performance.now() - start
}

describe('compileRegex: Go\'s meaning', () => {
  it.each([
    // [pattern, matches, does not match]
    ['foo\\.(\\w+)', ['zzfoo.bar.baz', 'foo.x'], ['foo.', 'fooxbar']],
    ['^a.b$', ['a\rb', 'a b'], ['a\nb', 'a.b\n']],
    ['(?s)^a.b$', ['a\nb'], []],
    ['^\\s$', [' ', '\t', '\n', '\f', '\r'], ['\v', '\u00a0', '\u2003']],
    ['^\\w+$', ['a_Z9'], ['é', 'ſ']],
    ['^\\d$', ['7'], ['٣']],
    ['a\\b', ['a.', 'aé'], ['ab']],
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
    ['(?i)^σ$', ['Σ', 'ς'], ['s']],
    ['^\\Qa.b\\E+$', ['a.bbb'], ['axb']],
    ['^[]a]+$', [']a]'], ['b']],
    ['^[a-]+$', ['-a-'], ['b']],
    ['^[\\d-z]+$', ['1-z'], ['y']],
    ['^\\x41\\x{42}\\103$', ['ABC'], ['abc']],
    ['^.$', ['😱'], ['😱😱']],
    ['^(?:^)*a$', ['a'], ['b']],
    ['^[^a]$', ['\n', 'b'], ['a']],
  ])('%j', (pattern, matching, other) => {
    const regex = compile(pattern)
    for (const text of matching) expect(regex.test(text), JSON.stringify(text)).toBe(true)
    for (const text of other) expect(regex.test(text), JSON.stringify(text)).toBe(false)
  })

  it('is lazy where Go is: `*?`, and everything under (?U)', () => {
    expect(compile('a(.*?)b').exec('aXbYb')?.[1]).toBe('X')
    expect(compile('(?U)a(.*)b').exec('aXbYb')?.[1]).toBe('X')
    expect(compile('(?U)a(.*?)b').exec('aXbYb')?.[1]).toBe('XbY')
  })

  it('finds the leftmost-first match, as Go\'s FindStringSubmatch, with undefined for a group that took no part', () => {
    expect(compile('(a|ab)(c|bcd)(d*)').exec('xabcd')).toEqual(['abcd', 'a', 'bcd', ''])
    expect(compile('b(x)?|(c)').exec('abc')).toEqual(['b', undefined, undefined])
    expect(compile('x*').exec('abc')).toEqual([''])
    expect(compile('z').exec('abc')).toBeNull()
  })

  it('names groups in a table, duplicates and digit names allowed as in Go, and hands the engine the groups unnamed', () => {
    const regex = compile('(?P<first>a)(b)(?<first>c)(?P<01>d)[(?P<x>]\\(?P<y>')
    expect(regex.groupNames).toEqual(['', 'first', '', 'first', '01'])
    expect(regex.engineSource).toBe('(a)(b)(c)(d)[(?P<x>]\\(?P<y>')
    expect(regex.exec('abcd(P<y>')?.slice(1)).toEqual(['a', 'b', 'c', 'd'])
  })

  it.each([
    ['(a+)+$', `${'a'.repeat(5000)}!`],
    ['(a|aa)*b', 'a'.repeat(5000)],
    ['^(.*)\\.(.*)\\.(.*)\\.count$', `${'host.'.repeat(13_000)}count.x`],
    ['^(.*)\\.(.*)\\.(.*)\\.count$', `${'x'.repeat(65_000)}.a.b.count`],
    ['(\\w+\\s?)+$', `${'word '.repeat(2000)}!`],
  ])('takes time linear in the name: %j on %d characters', (pattern, name) => {
    const regex = compile(pattern)
    expect(timed(() => regex.test(name))).toBeLessThan(1000)
    expect(timed(() => regex.exec(name))).toBeLessThan(1000)
  })
})

describe('compileRegex: what Go refuses, with Go\'s message', () => {
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
    // JavaScript knows these aliases; Go's tables, and so RE2's, do not.
    ['\\p{Latn}', 'error parsing regexp: invalid character class range: `\\p{Latn}`'],
    ['[\\p{Zyyy}]', 'error parsing regexp: invalid character class range: `\\p{Zyyy}`'],
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
    expect(compileRegex(pattern)).toEqual({ok: false, message})
  })

  it('refuses nesting deeper than Go allows', () => {
    const compiled = compileRegex(`${'('.repeat(1100)}a${')'.repeat(1100)}`)
    expect(compiled.ok || compiled.message).toMatch(/expression nests too deeply/)
  })

  it('refuses a program larger than Go allows, naming the whole pattern as Go does', () => {
    const pattern = 'a{1000}'.repeat(1500)
    expect(compileRegex(pattern)).toEqual({ok: false, message: `error parsing regexp: expression too large: \`${pattern}\``})
  })

  // re2-syntax.ts stands in for Go's parser so that Go's patterns and messages are kept where
  // RE2JS differs (a group name used twice); everywhere else the engine must agree with it.
  it('accepts and refuses what the engine does, with the same message, on generated patterns', () => {
    const token = fc.constantFrom('a', 'b', '.', '*', '+', '?', '{', '}', ',', '0', '1', '2', '7', '(', ')', '(?:', '(?i)', '(?U', '-', 's:', '(?P<n>', '(?<m', '>', '[', ']', '^', '$', '|',
      '\\', 'd', 'p', 'P', '{L}', '{Greek}', 'x', 'Q', 'E', 'z', 'A', 'B', 'C', 'é', '😱', '[:alpha:]', '[:^x:]', '=', '!', '\\x{', 'N')
    fc.assert(fc.property(fc.array(token, {minLength: 1, maxLength: 10}).map((tokens) => tokens.join('')), (pattern) => {
      const ours = parseRe2(pattern)
      let engine: {ok: true} | {ok: false; message: string}
      try {
        RE2JS.compile(pattern)
        engine = {ok: true}
      } catch (error) {
        engine = {ok: false, message: goMessage(error as RE2JSSyntaxException, pattern)}
      }
      if (!engine.ok && engine.message.includes('duplicate capture group name')) return
      expect(ours.ok ? {ok: true} : {ok: false, message: ours.message}).toEqual(engine)
    }), {numRuns: 20_000})
  })
})

describe('RegexSet', () => {
  const atom = fc.constantFrom('a', 'b', '.', '[ab]', '\\.', '\\b', '^', '$', '(?m:^)', '(?m:$)', '\\w', '\\s', 'x?', '(a|b)', '(?:ab)*', '(a+)+', '\\z', '(?i:A)', 'b{2}', '(?s:.)')
  const pattern = fc.array(atom, {minLength: 1, maxLength: 6}).map((atoms) => atoms.join(''))
  const text = fc.string({unit: fc.constantFrom('a', 'b', 'A', '.', ' ', '\n', 'x'), maxLength: 20})

  it('visits, in list order, exactly the regexes that match on their own', () => {
    fc.assert(fc.property(fc.array(pattern, {minLength: 1, maxLength: 8}), fc.array(text, {minLength: 1, maxLength: 5}), (patterns, texts) => {
      const regexes = patterns.map(compile)
      const set = new RegexSet(regexes)
      for (const name of texts) {
        const visited: number[] = []
        set.find(name, (index) => void visited.push(index))
        expect(visited, JSON.stringify({patterns, name})).toEqual(regexes.flatMap((regex, index) => (regex.test(name) ? [index] : [])))
      }
    }), {numRuns: 1000})
  })

  it('stops at the first result, and splits regexes too big for one set over several, in order', () => {
    const big = 'x{1000}'.repeat(40)
    const regexes = ['^no', `^(?:${big}|a)`, `^(?:${big}|b)`, `^(?:${big}|a)`, 'a$'].map(compile)
    const set = new RegexSet(regexes)
    const visited: number[] = []
    expect(set.find('a', (index) => {
      visited.push(index)
      return index === 3 ? 'third' : undefined
    })).toBe('third')
    expect(visited).toEqual([1, 3])
    const all: number[] = []
    set.find('a', (index) => void all.push(index))
    expect(all).toEqual([1, 3, 4])
  })
})
