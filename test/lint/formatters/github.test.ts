import {describe, expect, it} from 'vitest'
import {github} from '../../../src/lint/formatters/github.js'
import {stylish} from '../../../src/lint/formatters/stylish.js'
import {toResult} from '../../../src/lint/result.js'
import {changes, hostile, mixed} from './fixtures.js'

describe('github formatter', () => {
  it('writes an info as a notice', () => {
    expect(github([changes], {color: false}).split('\n')[0]).toBe('::notice file=new.catalog.yml,line=4,col=11,title=metric-added::metric a.b is new')
  })

  it('writes one workflow command per message, then the full stylish report', () => {
    const out = github([mixed], {color: false})
    const [first, second, ...rest] = out.split('\n')
    expect(first).toBe('::error file=mapping.yml,line=3,col=10,endLine=3,endColumn=15,title=invalid-match::invalid match: a.b*.')
    expect(second).toBe('::warning file=mapping.yml,line=12,col=9,title=counter-total::counter metrics should have "_total" suffix')
    expect(rest.join('\n')).toBe(stylish([mixed], {color: false}))
  })

  it('escapes data and properties the way @actions/core does', () => {
    const out = github([toResult('dir/a,b:c.yml', hostile.messages)], {color: false})
    expect(out.split('\n')[0]).toBe("::error file=dir/a%2Cb%3Ac.yml,line=1,col=1,title=invalid-metric-name::metric name 'a\\x1b[31mb' is bad: 100%25\\nreally, it is.")
  })

  it('keeps every annotation even past GitHub’s 10 per type, since the report follows', () => {
    const many = toResult('m.yml', Array.from({length: 12}, (_, i) => ({ruleId: 'r', severity: 'error' as const, message: `m${i}`, line: i + 1, column: 1})))
    expect(github([many], {color: false}).match(/^::error /gm)).toHaveLength(12)
  })
})
