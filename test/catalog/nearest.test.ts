import {describe, expect, it} from 'vitest'
import {nearestWord} from '../../src/catalog/nearest.js'

describe('nearestWord', () => {
  const keys = ['description', 'deprecated', 'placeholders', 'tag_style', 'cardinality', 'unit']
  it.each<[string, string | undefined]>([
    ['desc', 'description'],
    ['placholders', 'placeholders'],
    ['tagstyle', 'tag_style'],
    ['Tag-Style', 'tag_style'],
    ['cardinaltiy', 'cardinality'],
    ['unti', 'unit'],
    ['de', undefined],
    ['colour', undefined],
  ])('%j → %j', (word, expected) => {
    expect(nearestWord(word, keys)).toBe(expected)
  })

  it('gives ties to the first candidate', () => {
    expect(nearestWord('ab', ['ac', 'ad'])).toBe('ac')
    expect(nearestWord('ab', ['a_c', 'ac'])).toBe('a_c')
  })
})
