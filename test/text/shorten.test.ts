import {describe, expect, it} from 'vitest'
import {shorten} from '../../src/text/shorten.js'

describe('shorten', () => {
  it.each<[string, number, 'middle' | 'end', string]>([
    ['short', 10, 'middle', 'short'],
    ['exactly10!', 10, 'end', 'exactly10!'],
    ['api.service.handler.latency', 11, 'middle', 'api.s…tency'],
    ['api.service.handler.latency', 10, 'middle', 'api.s…ency'],
    ['k:v,k2:v2,k3:v3', 8, 'end', 'k:v,k2:…'],
    ['abc', 1, 'end', '…'],
    ['abc', 0, 'middle', '…'],
  ])('%j in %d (%s) is %j', (text, max, cut, expected) => {
    expect(shorten(text, max, cut)).toBe(expected)
  })

  it('never splits a surrogate pair', () => {
    const emoji = '😱'.repeat(10)
    for (let max = 1; max < 20; max++) {
      for (const cut of ['middle', 'end'] as const) {
        const short = shorten(emoji, max, cut)
        expect(short.length).toBeLessThanOrEqual(max)
        expect(short).not.toMatch(/\p{Cs}/u)
      }
    }
  })
})
