/**
 * A 32-bit integer mixer (Chris Wellons' "lowbias32", bias ≈ 0.17): every input bit
 * affects every output bit. Integer-only, so the jitter and the shard of a tile are
 * the same on every machine and every run.
 */
export function mix32(value: number): number {
  let h = value >>> 0
  h ^= h >>> 16
  h = Math.imul(h, 0x7feb352d)
  h ^= h >>> 15
  h = Math.imul(h, 0x846ca68b)
  h ^= h >>> 16
  return h >>> 0
}
