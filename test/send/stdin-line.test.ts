import {describe, expect, it} from 'vitest'
import {parseStdinLine} from '../../src/send/stdin-line.js'

const defaults = {sampleRate: 1, tags: []}

describe('parseStdinLine', () => {
  it.each(['', '   ', '# a comment'])('skips %j', text => {
    expect(parseStdinLine(text, 1, defaults)).toEqual({kind: 'skip'})
  })

  it.each(['foo:1|c', 'foo.bar:250|ms|@0.5|#env:prod', 'a,k=v:1|g', '_e{1,1}:a|b', '_sc|db|0', 'x:1|c\r'])('sends raw wire line %j unchanged', text => {
    expect(parseStdinLine(text, 1, defaults)).toEqual({kind: 'raw', text: text.replace(/\r$/, '')})
  })

  it('reads "type name [value] [k:v ...]"', () => {
    const line = parseStdinLine('gauge queue.depth 42 env:prod canary:yes', 3, defaults)
    expect(line).toMatchObject({kind: 'plan', plan: {type: 'g', name: 'queue.depth', value: {kind: 'fixed', value: 42}, tags: [{key: 'env', value: 'prod'}, {key: 'canary', value: 'yes'}]}})
    expect(parseStdinLine('incr hits env:prod', 4, defaults)).toMatchObject({kind: 'plan', plan: {type: 'c', value: {kind: 'fixed', value: 1}, tags: [{key: 'env', value: 'prod'}]}})
  })

  it.each<[string, RegExp]>([
    ['hello world', /stdin:7: neither a statsd line nor "type name \[value\] \[k:v \.\.\.\]"/],
    ['gauge', /stdin:7: "gauge" needs a metric name/],
    ['gauge x abc', /stdin:7: gauge x: "abc" is not a number/],
    ['foo:1|zz', /stdin:7: neither/],
    ['incr x 1 :bad', /stdin:7: tag ":bad" has an empty key/],
  ])('reports %j with its line number', (text, message) => {
    const line = parseStdinLine(text, 7, defaults)
    expect(line.kind).toBe('error')
    expect(line.kind === 'error' && line.message).toMatch(message)
  })
})
