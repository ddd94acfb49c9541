import {describe, expect, it} from 'vitest'
import {keySlot} from '../../src/redis/key-slot.js'

describe('keySlot', () => {
  // The Redis Cluster specification's examples, and values CLUSTER KEYSLOT gives.
  const cases: Array<[string, number]> = [
    ['foo', 12182],
    ['123456789', 12739],
    ['{user1000}.following', 3443],
    ['{user1000}.followers', 3443],
    // An empty {} is no hash tag: the whole key is hashed (cluster-key-slot, which ioredis uses, says 4015).
    ['foo{}{bar}', 8363],
    ['foo{{bar}}zap', 4015],
    ['foo{bar}{zap}', 5061],
    ['', 0],
  ]
  it.each(cases)('%j is in slot %i', (key, slot) => {
    expect(keySlot(key)).toBe(slot)
  })

  it('hashes bytes, so that a Buffer and its string agree', () => {
    expect(keySlot(Buffer.from('celery\x06\x169'))).toBe(keySlot('celery\x06\x169'))
  })
})
