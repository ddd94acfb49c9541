import {describe, expect, it} from 'vitest'
import {compileFilter, globSource, type FilterSpec} from '../../src/listen/filter.js'
import {samplesOf} from './samples.js'

const none: FilterSpec = {names: [], types: [], tags: []}

function passing(spec: Partial<FilterSpec>, lines: string[]): string[] {
  const filter = compileFilter({...none, ...spec})
  if (filter === undefined) throw new Error('expected a filter')
  return samplesOf(...lines).filter(filter).map(sample => `${sample.name}|${sample.type}`)
}

describe('compileFilter', () => {
  it('is undefined when nothing filters, so bad lines still show', () => {
    expect(compileFilter(none)).toBeUndefined()
  })

  it.each<[string[], string[]]>([
    [['api.*'], ['api.requests|c', 'api.latency.p99|ms']],
    [['*.latency*'], ['api.latency.p99|ms']],
    [['api.request?'], ['api.requests|c']],
    [['db', 'web.*'], ['db|g', 'web.hits|c']],
    [['a+b(c)'], ['a+b(c)|c']],
  ])('--filter %j (any may match)', (names, expected) => {
    expect(passing({names}, ['api.requests:1|c', 'api.latency.p99:3|ms', 'db:1|g', 'web.hits:1|c', 'a+b(c):1|c', 'apixrequests:1|c'])).toEqual(expected)
  })

  it('filters by type', () => {
    expect(passing({types: ['ms', 's']}, ['a:1|c', 'b:1|ms', 'c:x|s', 'd:1|h'])).toEqual(['b|ms', 'c|s'])
  })

  it('needs every --tag: a key alone, an exact value, or a value glob', () => {
    const lines = ['a:1|c|#env:prod,canary', 'b:1|c|#env:prod', 'c:1|c|#env:prod-eu,canary', 'd:1|c|#env:dev,canary']
    expect(passing({tags: [{key: 'canary'}]}, lines)).toEqual(['a|c', 'c|c', 'd|c'])
    expect(passing({tags: [{key: 'env', value: 'prod'}, {key: 'canary'}]}, lines)).toEqual(['a|c'])
    expect(passing({tags: [{key: 'env', value: 'prod*'}]}, lines)).toEqual(['a|c', 'b|c', 'c|c'])
  })

  it('combines names, types and tags', () => {
    expect(passing({names: ['x.*'], types: ['c'], tags: [{key: 'k'}]}, ['x.a:1|c|#k:1', 'x.b:1|g|#k:1', 'x.c:1|c', 'y:1|c|#k:1'])).toEqual(['x.a|c'])
  })

  it('matches one character, not one UTF-16 unit, per ?', () => {
    expect(passing({names: ['?.hits']}, ['é.hits:1|c', '😱.hits:1|c', 'ab.hits:1|c'])).toEqual(['é.hits|c', '😱.hits|c'])
  })
})

describe('globSource', () => {
  it('escapes everything but * and ?', () => {
    expect(globSource('a.b*[c]?')).toBe('a\\.b.*\\[c\\].')
  })
})

describe('compileFilter on hostile names', () => {
  it('takes time linear in the name, whatever the globs: --filter \'*a*a*a*a*b\' against 5,000 a\'s', () => {
    const filter = compileFilter({...none, names: ['*a*a*a*a*a*a*b'], tags: [{key: 'k', value: '*a*a*a*a*a*a*b'}]})
    if (filter === undefined) throw new Error('expected a filter')
    const [sample] = samplesOf(`${'a'.repeat(5000)}:1|c|#k:${'a'.repeat(5000)}`)
    const start = performance.now()
    expect(filter(sample)).toBe(false)
    expect(performance.now() - start).toBeLessThan(1000)
  })
})
