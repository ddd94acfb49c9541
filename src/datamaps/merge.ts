/**
 * datamaps' `merge -u`: a k-way merge of sorted shards into one sorted run in which
 * every key appears once. Two points in the same zoom-13 pixel have the same key, so
 * this also folds repeated observations of one place into one dot, as Ichnaea's
 * pipeline does.
 *
 * The output lives in a SharedArrayBuffer so that the render workers read it in
 * place; `count` is how much of it is used.
 */
export interface MergedKeys {
  readonly keys: Float64Array
  readonly count: number
}

export function mergeUnique(shards: readonly Float64Array[]): MergedKeys {
  const total = shards.reduce((sum, shard) => sum + shard.length, 0)
  const keys = new Float64Array(new SharedArrayBuffer(Math.max(total, 1) * Float64Array.BYTES_PER_ELEMENT))
  const heap = new ShardHeap(shards)
  let count = 0
  let last = -1
  while (heap.size > 0) {
    const key = heap.next()
    if (key !== last) keys[count++] = last = key
  }
  return {keys, count}
}

/**
 * A binary min-heap of shards by their current key. The keys sit in a typed array
 * beside the shard numbers, so that sifting compares doubles without following
 * references: on ten million clustered points that halves the merge's time.
 */
class ShardHeap {
  size = 0
  private readonly heads: Float64Array
  private readonly owners: Int32Array
  private readonly cursors: Int32Array

  constructor(private readonly shards: readonly Float64Array[]) {
    this.heads = new Float64Array(shards.length)
    this.owners = new Int32Array(shards.length)
    this.cursors = new Int32Array(shards.length)
    shards.forEach((shard, index) => {
      if (shard.length === 0) return
      this.heads[this.size] = shard[0]
      this.owners[this.size++] = index
    })
    for (let slot = (this.size >> 1) - 1; slot >= 0; slot--) this.siftDown(slot)
  }

  /** The smallest current key; its shard moves on to its next one. */
  next(): number {
    const key = this.heads[0]
    const owner = this.owners[0]
    const cursor = ++this.cursors[owner]
    if (cursor < this.shards[owner].length) {
      this.heads[0] = this.shards[owner][cursor]
    } else {
      this.size--
      this.heads[0] = this.heads[this.size]
      this.owners[0] = this.owners[this.size]
    }
    this.siftDown(0)
    return key
  }

  private siftDown(slot: number): void {
    const {heads, owners} = this
    for (;;) {
      const left = 2 * slot + 1
      if (left >= this.size) return
      const child = left + 1 < this.size && heads[left + 1] < heads[left] ? left + 1 : left
      if (!(heads[child] < heads[slot])) return
      const key = heads[slot]
      heads[slot] = heads[child]
      heads[child] = key
      const owner = owners[slot]
      owners[slot] = owners[child]
      owners[child] = owner
      slot = child
    }
  }
}
