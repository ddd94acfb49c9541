/**
 * A single-producer, single-consumer ring of packets in shared memory: the main thread
 * receives and pushes, the analysis worker drains. No copy goes through postMessage and
 * no lock is taken; the two sides meet only at two indices, read and written atomically.
 *
 * Layout: a header of Int32 slots, then the data. Each packet is a 4-byte length and its
 * bytes, padded to 4 bytes; a length of -1 sends the reader back to the start (there was
 * no room for the next packet before the end). One byte short of full counts as full, so
 * that read == write always means empty.
 */
const WRITE = 0
const READ = 1
/** 1 while the consumer sleeps: the producer then wakes it. */
const SLEEPING = 2
const HEADER_BYTES = 16
const WRAP = -1

export class PacketRing {
  private readonly header: Int32Array
  private readonly data: DataView
  private readonly bytes: Uint8Array
  private readonly capacity: number

  private constructor(readonly shared: SharedArrayBuffer) {
    this.header = new Int32Array(shared, 0, HEADER_BYTES / 4)
    this.capacity = shared.byteLength - HEADER_BYTES
    this.data = new DataView(shared, HEADER_BYTES, this.capacity)
    this.bytes = new Uint8Array(shared, HEADER_BYTES, this.capacity)
  }

  /** A new ring holding up to `capacity` bytes of packets (rounded to 4). */
  static create(capacity: number): PacketRing {
    return new PacketRing(new SharedArrayBuffer(HEADER_BYTES + Math.ceil(capacity / 4) * 4))
  }

  /** The other side of a ring made by create(), from its shared memory. */
  static attach(shared: SharedArrayBuffer): PacketRing {
    return new PacketRing(shared)
  }

  /** Producer: copies the packet in; false when there is no room (the caller counts the drop). */
  push(packet: Uint8Array): boolean {
    const size = 4 + align(packet.length)
    let write = Atomics.load(this.header, WRITE)
    const read = Atomics.load(this.header, READ)
    if (read > write) {
      if (write + size >= read) return false
    } else if (write + size > this.capacity) {
      // No room before the end: wrap, if the start has room (and the reader is not there).
      if (size >= read) return false
      if (write + 4 <= this.capacity) this.data.setInt32(write, WRAP)
      write = 0
    }
    this.data.setInt32(write, packet.length)
    this.bytes.set(packet, write + 4)
    Atomics.store(this.header, WRITE, write + size)
    if (Atomics.load(this.header, SLEEPING) === 1) Atomics.notify(this.header, WRITE)
    return true
  }

  /** Producer: the share of the ring in use, from 0 to 1. */
  get fill(): number {
    const used = Atomics.load(this.header, WRITE) - Atomics.load(this.header, READ)
    return (used < 0 ? used + this.capacity : used) / this.capacity
  }

  /**
   * Consumer: hands up to `max` packets to `handle`, each a private copy (text decoders do
   * not read shared memory, and the slot is reused once drained). Returns how many.
   */
  drain(handle: (packet: Uint8Array) => void, max: number): number {
    let read = Atomics.load(this.header, READ)
    const write = Atomics.load(this.header, WRITE)
    let count = 0
    while (read !== write && count < max) {
      if (read + 4 > this.capacity || this.data.getInt32(read) === WRAP) {
        read = 0
        continue
      }
      const length = this.data.getInt32(read)
      handle(this.bytes.slice(read + 4, read + 4 + length))
      read += 4 + align(length)
      count++
    }
    Atomics.store(this.header, READ, read)
    return count
  }

  /** Consumer: sleeps until a packet arrives, or `timeoutMs` passes. Blocks the thread: a worker's only. */
  sleep(timeoutMs: number): void {
    const write = Atomics.load(this.header, WRITE)
    Atomics.store(this.header, SLEEPING, 1)
    if (Atomics.load(this.header, READ) === write) Atomics.wait(this.header, WRITE, write, timeoutMs)
    Atomics.store(this.header, SLEEPING, 0)
  }

  get empty(): boolean {
    return Atomics.load(this.header, READ) === Atomics.load(this.header, WRITE)
  }
}

const align = (length: number): number => (length + 3) & ~3
