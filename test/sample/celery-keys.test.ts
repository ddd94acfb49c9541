import {describe, expect, it} from 'vitest'
import {KOMBU_NAMING, priorityKeys, queueOfKey} from '../../src/sample/celery-keys.js'

describe('priorityKeys', () => {
  it("names kombu's sub-queues: the bare name for priority 0, then <queue>\\x06\\x16<step>", () => {
    expect(priorityKeys('celery', KOMBU_NAMING)).toEqual(['celery', 'celery\x06\x163', 'celery\x06\x166', 'celery\x06\x169'])
  })
  it('follows a configured separator and steps', () => {
    expect(priorityKeys('q', {separator: ':', steps: [0, 5]})).toEqual(['q', 'q:5'])
  })
})

describe('queueOfKey', () => {
  const cases: Array<[string, string]> = [
    ['celery', 'celery'],
    ['celery\x06\x163', 'celery'],
    ['celery\x06\x169', 'celery'],
    ['celery\x06\x164', 'celery\x06\x164'],
    ['celery\x06\x160', 'celery\x06\x160'],
    ['\x06\x163', '\x06\x163'],
    ['a\x06\x163\x06\x166', 'a\x06\x163'],
  ]
  it.each(cases)('%j belongs to queue %j', (key, queue) => {
    expect(queueOfKey(key, KOMBU_NAMING)).toBe(queue)
  })
})
