import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {PacketRing} from '../../src/listen/packet-ring.js'

const drainAll = (ring: PacketRing): string[] => {
  const out: string[] = []
  ring.drain(packet => out.push(Buffer.from(packet).toString('latin1')), Number.POSITIVE_INFINITY)
  return out
}

describe('PacketRing', () => {
  it('hands packets over in order, each as a private copy', () => {
    const producer = PacketRing.create(1024)
    const consumer = PacketRing.attach(producer.shared)
    expect(producer.push(Buffer.from('a:1|c'))).toBe(true)
    expect(producer.push(Buffer.from(''))).toBe(true)
    expect(producer.push(Buffer.from('b:2|g\nc:3|ms'))).toBe(true)
    const packets: Uint8Array[] = []
    expect(consumer.drain(packet => packets.push(packet), 10)).toBe(3)
    expect(packets.map(packet => Buffer.from(packet).toString())).toEqual(['a:1|c', '', 'b:2|g\nc:3|ms'])
    expect(packets[0].buffer).not.toBeInstanceOf(SharedArrayBuffer)
    expect(consumer.empty).toBe(true)
  })

  it('drains at most `max` packets at a time', () => {
    const ring = PacketRing.create(1024)
    for (const text of ['1', '2', '3']) ring.push(Buffer.from(text))
    const seen: string[] = []
    expect(ring.drain(packet => seen.push(Buffer.from(packet).toString()), 2)).toBe(2)
    expect(ring.drain(packet => seen.push(Buffer.from(packet).toString()), 2)).toBe(1)
    expect(seen).toEqual(['1', '2', '3'])
  })

  it('refuses a packet when full, and takes it again once drained', () => {
    const ring = PacketRing.create(64)
    const packet = Buffer.alloc(20, 0x61)
    expect(ring.push(packet)).toBe(true)
    expect(ring.push(packet)).toBe(true)
    expect(ring.push(packet)).toBe(false)
    expect(ring.fill).toBeGreaterThan(0.7)
    expect(drainAll(ring)).toHaveLength(2)
    expect(ring.fill).toBe(0)
    expect(ring.push(packet)).toBe(true)
  })

  it('behaves as a queue through any mix of pushes and drains, wrapping many times', () => {
    fc.assert(fc.property(
      fc.array(fc.oneof(fc.integer({min: 0, max: 90}).map(size => ({push: size})), fc.integer({min: 1, max: 5}).map(max => ({drain: max}))), {maxLength: 300}),
      operations => {
        const ring = PacketRing.create(256)
        const model: string[] = []
        let next = 0
        for (const operation of operations) {
          if ('push' in operation) {
            const text = String(next++).padEnd(operation.push, '.')
            if (ring.push(Buffer.from(text, 'latin1'))) model.push(text)
          } else {
            const available = model.length
            const got: string[] = []
            ring.drain(packet => got.push(Buffer.from(packet).toString('latin1')), operation.drain)
            expect(got.length).toBe(Math.min(operation.drain, available))
            expect(got).toEqual(model.splice(0, got.length))
          }
        }
        expect(drainAll(ring)).toEqual(model)
      },
    ))
  })

  it('sleeps until the timeout when nothing arrives, and not at all when a packet is waiting', () => {
    const ring = PacketRing.create(256)
    let started = performance.now()
    ring.sleep(30)
    expect(performance.now() - started).toBeGreaterThanOrEqual(25)
    ring.push(Buffer.from('x'))
    started = performance.now()
    ring.sleep(1000)
    expect(performance.now() - started).toBeLessThan(100)
  })
})
