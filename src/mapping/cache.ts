/**
 * A bounded cache with LRU-like behaviour at the cost of one Map lookup per hit: entries
 * live in a young generation; when it fills, it becomes the old generation and the
 * previous old one is dropped. A hit in the old generation moves the entry back to the
 * young one, so names in steady use survive and one-off names age out. Holds at most
 * `capacity` entries.
 */
export class GenerationalCache<V> {
  private young = new Map<string, V>()
  private old = new Map<string, V>()
  private readonly generationSize: number

  constructor(capacity: number) {
    this.generationSize = Math.max(0, Math.floor(capacity / 2))
  }

  get(key: string): V | undefined {
    const value = this.young.get(key)
    if (value !== undefined) return value
    const aged = this.old.get(key)
    if (aged !== undefined) this.set(key, aged)
    return aged
  }

  set(key: string, value: V): void {
    if (this.generationSize === 0) return
    if (this.young.size >= this.generationSize) {
      this.old = this.young
      this.young = new Map()
    }
    this.young.set(key, value)
  }

  get size(): number {
    return this.young.size + this.old.size
  }
}
