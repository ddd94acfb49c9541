import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {GlobFsm} from '../../../src/mapping/glob.js'
import {loadMappingConfig} from '../../../src/mapping/load.js'
import type {Mapping} from '../../../src/mapping/model.js'
import {METRIC_KINDS} from '../../../src/mapping/model.js'
import {runRules} from '../../../src/lint/index.js'
import {duplicates} from '../../../src/lint/rules/duplicate-match.js'
import rule from '../../../src/lint/rules/shadowed-mapping.js'
import {loadedConfig} from '../../mapping/helpers.js'
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

describe('shadowed-mapping, checked against an FSM of every glob', () => {
  /**
   * What the rule reports, worked out the slow way: every glob in one FSM, a lookup for each.
   * The rule leaves globs that overlap no other out of the FSM; this must not change a thing.
   */
  function everyGlobInTheFsm(text: string): string[] {
    const config = loadedConfig(text)
    const globs = config.mappings.filter((m) => m.matchType === 'glob')
    const fsm = new GlobFsm<Mapping>(config.defaults.globDisableOrdering)
    for (const glob of globs) fsm.add(glob.match, glob.matchMetricType, glob)
    const prefixBy = new Map(fsm.unreachable.filter((u) => u.reason === 'prefix').map((u) => [`${u.rule}/${u.kind}`, globs[u.earlierRule]]))
    const duplicated = new Set(duplicates(config.mappings).map(({mapping}) => mapping))
    const found: string[] = []
    globs.forEach((glob, order) => {
      const witness = glob.match.split('.').map((segment) => (segment === '*' ? '' : segment)).join('.')
      const causes = (glob.matchMetricType === undefined ? METRIC_KINDS : [glob.matchMetricType]).map((kind) => {
        const prefix = prefixBy.get(`${order}/${kind}`)
        if (prefix) return `prefix by ${prefix.index}`
        const winner = fsm.lookup(witness, kind)
        return winner === undefined || winner === glob ? undefined : `shadowed by ${winner.index}`
      })
      if (!duplicated.has(glob) && causes.every((cause) => cause !== undefined)) found.push(`${glob.index} ${causes[0]}`)
    })
    return found
  }

  /** The same from the rule's messages: which mapping, why, and because of which. */
  function reported(text: string): string[] {
    const config = loadedConfig(text)
    const indexAt = (line: number) => config.mappings.find((m) => m.keys.match?.value.line === line)?.index
    return runRules(loadMappingConfig(text), [rule]).map((m) => {
      const byLine = Number(/ at line (\d+)/.exec(m.message)?.[1])
      return `${indexAt(m.line)} ${m.message.includes('FSM') ? 'prefix' : 'shadowed'} by ${indexAt(byLine)}`
    })
  }

  it('reports exactly what an FSM holding every glob finds', () => {
    const segment = fc.constantFrom('a', 'b', '*')
    const mapping = fc.tuple(fc.array(segment, {minLength: 1, maxLength: 3}), fc.constantFrom(undefined, 'counter', 'gauge'))
    let flagged = 0
    fc.assert(fc.property(fc.array(mapping, {minLength: 1, maxLength: 12}), (mappings) => {
      const text = yaml('mappings:', ...mappings.flatMap(([segments, kind], i) => [
        `- match: "${segments.join('.')}"`,
        `  name: r${i}`,
        ...(kind === undefined ? [] : [`  match_metric_type: ${kind}`]),
      ]))
      const expected = everyGlobInTheFsm(text)
      expect(reported(text)).toEqual(expected)
      if (expected.length > 0) flagged++
    }), {numRuns: 2000})
    // Most generated configs must hold unreachable globs for the comparison to mean something.
    expect(flagged).toBeGreaterThan(1000)
  })
})
