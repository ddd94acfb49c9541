import {afterEach, describe, expect, it} from 'vitest'
import {Forwarder, splitLines} from '../../src/listen/forward.js'
import {deadTcpPort, udpListener, type Listener} from '../support/listeners.js'

const text = (pieces: Uint8Array[]): string[] => pieces.map(piece => Buffer.from(piece).toString())

describe('splitLines', () => {
  it('cuts a run of lines at line ends into pieces no bigger than the limit', () => {
    expect(text(splitLines(Buffer.from('aaa\nbbb\nccc\nd'), 8))).toEqual(['aaa\nbbb', 'ccc\nd'])
  })

  it('leaves a short run alone, and keeps a line longer than the limit whole', () => {
    expect(text(splitLines(Buffer.from('a\nb'), 8))).toEqual(['a\nb'])
    expect(text(splitLines(Buffer.from('a\n0123456789\nb'), 8))).toEqual(['a', '0123456789', 'b'])
  })

  it('keeps every line, empty ones too, except the newline it cuts at', () => {
    expect(text(splitLines(Buffer.from('aaaa\n\n\nbbbb\ncc'), 6))).toEqual(['aaaa\n\n', 'bbbb', 'cc'])
  })
})

describe('Forwarder', () => {
  const listeners: Listener[] = []
  afterEach(async () => {
    for (const listener of listeners.splice(0)) await listener.close()
  })

  it('sends every packet unchanged to every upstream', async () => {
    const [first, second] = [await udpListener(), await udpListener('udp6')]
    listeners.push(first, second)
    const forwarder = await Forwarder.open([{host: '127.0.0.1', port: first.port}, {host: '::1', port: second.port}], false)
    const packets = ['a:1|c\nb:2|g', 'x\u0000\u00ff', 'c:3|ms|@0.5|#k:v']
    for (const packet of packets) forwarder.packet(Buffer.from(packet))
    await first.waitForLines(4)
    await second.waitForLines(4)
    await forwarder.close()
    expect(first.received.map(datagram => datagram.toString())).toEqual(packets)
    expect(second.received.map(datagram => datagram.toString())).toEqual(packets)
    expect(forwarder.stats).toEqual([
      {target: `127.0.0.1:${first.port}`, sent: 3, dropped: 0, errors: 0},
      {target: `[::1]:${second.port}`, sent: 3, dropped: 0, errors: 0},
    ])
  })

  it('repacks runs of lines from a stream into datagrams a client would send', async () => {
    const upstream = await udpListener()
    listeners.push(upstream)
    const forwarder = await Forwarder.open([{host: 'localhost', port: upstream.port}], true)
    const lines = Array.from({length: 100}, (_, i) => `metric.number.${i}:${i}|c`)
    forwarder.packet(Buffer.from(lines.join('\n')))
    await upstream.waitForLines(100)
    await forwarder.close()
    expect(upstream.received.length).toBeGreaterThan(1)
    expect(Math.max(...upstream.received.map(datagram => datagram.length))).toBeLessThanOrEqual(1432)
    expect(upstream.lines()).toEqual(lines)
  })

  it('counts the refusals of an upstream where nothing listens, without failing', async () => {
    const forwarder = await Forwarder.open([{host: '127.0.0.1', port: await deadTcpPort()}], false)
    for (let i = 0; i < 20; i++) {
      forwarder.packet(Buffer.from('a:1|c'))
      await new Promise(resolve => setTimeout(resolve, 2))
    }
    await forwarder.close()
    const [stats] = forwarder.stats
    expect(stats.sent).toBe(20)
    expect(stats.errors).toBeGreaterThan(0)
  })

  it('fails to open with a name that does not resolve', async () => {
    await expect(Forwarder.open([{host: 'no-such-host.invalid', port: 1}], false)).rejects.toThrow(/--forward no-such-host\.invalid:1: cannot resolve/)
  })
})
