import {describe, expect, it} from 'vitest'
import type {MetricKind} from '../../src/mapping/model.js'
import {GlobFsm, VALID_GLOB, analyzeGlobOrdering, captureCount, globCovers} from '../../src/mapping/glob.js'

type RuleSpec = string | [pattern: string, kind: MetricKind]

/** An FSM whose results are the rule's index in `rules`. */
function fsmOf(rules: readonly RuleSpec[], orderingDisabled = false): GlobFsm<number> {
  const fsm = new GlobFsm<number>(orderingDisabled)
  rules.forEach((rule, index) => {
    const [pattern, kind] = typeof rule === 'string' ? [rule, undefined] : rule
    fsm.add(pattern, kind, index)
  })
  return fsm
}

function lookup(fsm: GlobFsm<number>, name: string, kind: MetricKind = 'counter'): {rule: number; captures: string[]} | undefined {
  const captures: string[] = []
  const rule = fsm.lookup(name, kind, captures)
  return rule === undefined ? undefined : {rule, captures: captures.slice(0, name.split('.').length)}
}

describe('GlobFsm', () => {
  it.each([
    // [rules, name, expected rule (undefined: no match), captures]
    [['a.*.b'], 'a.x.b', 0, ['x', '', '']],
    [['a.*.b'], 'a..b', 0, ['', '', '']],
    [['*.x'], '.x', 0, ['', '']],
    [['a.*.b'], 'a.b', undefined, undefined],
    [['a.*.b'], 'a.x.y.b', undefined, undefined],
    [['a.*'], 'a.b.c', undefined, undefined],
    [['*'], '', 0, ['']],
    [['*.*.*'], 'x.y.z', 0, ['x', 'y', 'z']],
    [['test.dispatcher.*.*.*'], 'test.dispatcher.Foo.send.ok', 0, ['Foo', 'send', 'ok', '', '']],
  ] as const)('%j matches %j → rule %j', (rules, name, rule, captures) => {
    const found = lookup(fsmOf(rules), name)
    expect(found?.rule).toBe(rule)
    if (captures) expect(found?.captures).toEqual(captures)
  })

  it.each([
    // With ordering (the default) the rule that comes first in the file wins, backtracking past literals.
    [['a.*', 'a.b'], false, 'a.b', 0],
    [['a.b', 'a.*'], false, 'a.b', 0],
    [['a.b', 'a.*'], false, 'a.c', 1],
    [['*.b.c', 'a.*.c', 'a.b.*'], false, 'a.b.c', 0],
    // glob_disable_ordering: a literal segment beats `*`, left to right, whatever the order.
    [['a.*', 'a.b'], true, 'a.b', 1],
    [['*.b.c', 'a.*.c', 'a.b.*'], true, 'a.b.c', 2],
    // Backtracking still happens where upstream's analysis asks for it.
    [['backtrack.*.bbb', 'backtrack.justatest.aaa'], true, 'backtrack.justatest.bbb', 0],
    [['a.*.c', 'a.b.d'], true, 'a.b.c', 0],
  ] as const)('%j, glob_disable_ordering %j: %j → rule %j', (rules, orderingDisabled, name, rule) => {
    expect(lookup(fsmOf(rules, orderingDisabled), name)?.rule).toBe(rule)
  })

  it('keeps one tree per metric kind; an untyped rule is in all three', () => {
    const fsm = fsmOf([['a.*', 'gauge'], 'a.*', ['b.*', 'observer']])
    expect(lookup(fsm, 'a.x', 'gauge')?.rule).toBe(0)
    expect(lookup(fsm, 'a.x', 'counter')?.rule).toBe(1)
    expect(lookup(fsm, 'a.x', 'observer')?.rule).toBe(1)
    expect(lookup(fsm, 'b.x', 'observer')?.rule).toBe(2)
    expect(lookup(fsm, 'b.x', 'counter')).toBeUndefined()
  })

  it('never matches a shorter rule whose end is on the path of an earlier, longer one (upstream quirk)', () => {
    const fsm = fsmOf(['a.b.c', 'a.b'])
    expect(lookup(fsm, 'a.b')).toBeUndefined()
    expect(lookup(fsm, 'a.b.c')?.rule).toBe(0)
    expect(fsm.unreachable).toEqual((['counter', 'gauge', 'observer'] as const).map((kind) => ({rule: 1, kind, reason: 'prefix', earlierRule: 0})))
  })

  it('keeps the first of two identical patterns, and the second takes over its priority (upstream quirk)', () => {
    const fsm = fsmOf(['a.*', 'a.b', ['a.*', 'gauge']])
    expect(lookup(fsm, 'a.x', 'gauge')?.rule).toBe(0)
    // In the gauge tree `a.*` now ranks after `a.b`; elsewhere it still ranks first.
    expect(lookup(fsm, 'a.b', 'gauge')?.rule).toBe(1)
    expect(lookup(fsm, 'a.b', 'counter')?.rule).toBe(0)
    expect(fsm.unreachable).toEqual([{rule: 2, kind: 'gauge', reason: 'duplicate', earlierRule: 0}])
  })

  it('walks a literal `*` segment of a metric name without capturing it (upstream quirk)', () => {
    expect(lookup(fsmOf(['a.*.*']), 'a.*.x')).toEqual({rule: 0, captures: ['x', '', '']})
  })

  it('does not leak captures from one lookup into the next', () => {
    const fsm = fsmOf(['a.*.*', 'b.c'])
    expect(lookup(fsm, 'a.x.y')?.captures).toEqual(['x', 'y', ''])
    expect(lookup(fsm, 'a.*.z')?.captures).toEqual(['z', '', ''])
  })
})

describe('analyzeGlobOrdering', () => {
  it('reports rules that shadow later ones while ordering is on, as upstream logs them', () => {
    expect(analyzeGlobOrdering(['a.*', 'a.b', 'x.y.z'], false)).toEqual({backtrackingNeeded: true, backtrackingCauses: [], supersets: [{superset: 0, subset: 1}]})
  })

  it('turns backtracking on without ordering only for overlapping stars', () => {
    expect(analyzeGlobOrdering(['a.*', 'a.b'], true).backtrackingNeeded).toBe(false)
    expect(analyzeGlobOrdering(['a.*.c', 'a.b.d'], true)).toEqual({backtrackingNeeded: true, backtrackingCauses: [0], supersets: []})
  })
})

describe('glob helpers', () => {
  it.each([
    ['a.b.c', true], ['*', true], ['*.a', true], ['a.*', true], ['a-b.c_d', true], ['a.0b', true], ['a.-b', false],
    ['0a.b', false], ['a.b*', false], ['prefix_*', false], ['a..b', false], ['', false], ['bad!!metric-line.*.*', false], ['a.b.', false],
  ])('VALID_GLOB %j → %j', (glob, valid) => {
    expect(VALID_GLOB.test(glob)).toBe(valid)
  })

  it('counts captures and compares coverage segment by segment', () => {
    expect(captureCount('a.*.b.*')).toBe(2)
    expect(globCovers('a.*.c', 'a.b.c')).toBe(true)
    expect(globCovers('a.*', 'a.*')).toBe(true)
    expect(globCovers('a.b.c', 'a.*.c')).toBe(false)
    expect(globCovers('a.*', 'a.b.c')).toBe(false)
  })
})
