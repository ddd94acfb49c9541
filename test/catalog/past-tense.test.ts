import {describe, expect, it} from 'vitest'
import {isPastTense} from '../../src/catalog/past-tense.js'
import {identifierKind, isFreeText} from '../../src/catalog/value-shape.js'

describe('isPastTense', () => {
  it.each(['published', 'removed', 'failed', 'retried', 'sent', 'built', 'made', 'hit', 'lost', 'won', 'agreed', 'freed', 'Dropped'])('takes %s', (word) => {
    expect(isPastTense(word)).toBe(true)
  })

  it.each(['publish', 'feed', 'need', 'succeed', 'speed', 'embed', 'hundred', 'red', 'size', 'count', 'run'])('refuses %s', (word) => {
    expect(isPastTense(word)).toBe(false)
  })

  it('takes the verbs a catalogue lists', () => {
    expect(isPastTense('ok', ['ok'])).toBe(true)
  })
})

describe('identifierKind and isFreeText', () => {
  it.each([
    ['8f14e45f-ceea-467f-a9f5-13e6b6d2a0c1', 'UUID'],
    ['8F14E45FCEEA467FA9F513E6B6D2A0C1', 'UUID'],
    ['1234567', 'long number'],
    ['3f786850e387550fdab836ed7e6dc881de23001b', 'hash'],
    ['200', undefined],
    ['2024', undefined],
    ['deadbeefcafebabedeadbeef', undefined],
    ['v1.search', undefined],
  ])('%s is %s', (value, kind) => {
    expect(identifierKind(value)).toBe(kind)
  })

  it('calls words with spaces free text', () => {
    expect(isFreeText('not found')).toBe(true)
    expect(isFreeText('not_found')).toBe(false)
  })
})
