import {describe, expect, it} from 'vitest'
import {UsageError} from '../../src/errors.js'
import {checkTagsFitStyle, mergeTags, parseTag, parseTagList} from '../../src/statsd/tags.js'

describe('tags', () => {
  it('parses k:v, splitting on the first colon only', () => {
    expect(parseTag('url:http://x', '--tag')).toEqual({key: 'url', value: 'http://x'})
    expect(parseTag('canary', '--tag')).toEqual({key: 'canary'})
    expect(parseTag('env:', '--tag')).toEqual({key: 'env', value: ''})
  })

  it('rejects an empty key, naming the source', () => {
    expect(() => parseTag(':v', '--tag')).toThrow(/--tag: tag ":v" has an empty key/)
  })

  it('reads config lists and mappings', () => {
    expect(parseTagList(['a:1', 'b'], 'x')).toEqual([{key: 'a', value: '1'}, {key: 'b'}])
    expect(parseTagList({a: 1, b: null}, 'x')).toEqual([{key: 'a', value: '1'}, {key: 'b'}])
    expect(parseTagList('a:1,b:2', 'x')).toEqual([{key: 'a', value: '1'}, {key: 'b', value: '2'}])
    expect(() => parseTagList(5, 'statsd.tags')).toThrow(UsageError)
  })

  it('later tags override earlier ones with the same key', () => {
    expect(mergeTags([{key: 'env', value: 'dev'}, {key: 'a', value: '1'}], [{key: 'env', value: 'prod'}])).toEqual([
      {key: 'a', value: '1'},
      {key: 'env', value: 'prod'},
    ])
  })

  it('k=v styles refuse bare tags', () => {
    expect(() => checkTagsFitStyle([{key: 'canary'}], 'influx', 'x')).toThrow(/no value/)
    expect(() => checkTagsFitStyle([{key: 'canary'}], 'dogstatsd', 'x')).not.toThrow()
  })
})
