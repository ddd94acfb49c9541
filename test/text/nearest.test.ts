import {describe, expect, it} from 'vitest'
import {editDistance, nearest} from '../../src/text/nearest.js'

describe('editDistance', () => {
  it.each([
    ['host', 'host', 0],
    ['hostt', 'host', 1],
    ['', 'port', 4],
    ['prot', 'port', 1],
    ['tagstyle', 'tagStyle', 0],
    ['tag-style', 'tag_style', 1],
    ['colum', 'column', 1],
    ['ca', 'abc', 3],
    ['kitten', 'sitting', 3],
  ])('%j → %j: %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance)
    expect(editDistance(b, a)).toBe(distance)
  })
})

describe('nearest', () => {
  const statsd = ['host', 'port', 'protocol', 'socket', 'prefix', 'tagStyle', 'tag_style', 'tags']
  it.each([
    ['hostt', statsd, 'host'],
    ['prot', statsd, 'port'],
    ['Host', statsd, 'host'],
    ['tagstyle', statsd, 'tagStyle'],
    ['protocl', statsd, 'protocol'],
    ['queue', ['statsd', 'redis', 'queues', 'tables', 'datamaps'], 'queues'],
    ['reed', ['name', 'key', 'read', 'prometheus', 'help', 'intervals', 'tags'], 'read'],
    // Ties go to the first candidate.
    ['tag-style', statsd, 'tagStyle'],
    // More than a third of the word wrong: no guess.
    ['address', statsd, undefined],
    ['db', ['url', 'job'], undefined],
    ['x'.repeat(10_000), statsd, undefined],
    ['host', [], undefined],
  ])('%j among %j → %j', (word, candidates, expected) => {
    expect(nearest(word, candidates)).toBe(expected)
  })
})
