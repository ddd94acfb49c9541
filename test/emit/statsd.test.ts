import {getEventListeners} from 'node:events'
import net from 'node:net'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {StatsdTarget} from '../../src/config/statsd-target.js'
import {INTERRUPT_GRACE_MS, MAX_PAYLOAD_BYTES, StatsdSink} from '../../src/emit/statsd.js'
import type {Sample} from '../../src/statsd/sample.js'
import {udpListener, type Listener} from '../support/listeners.js'

const gauge = (queue: string, value: number): Sample => ({name: 'queue', type: 'g', value, sampleRate: 1, tags: [{key: 'queue', value: queue}], relative: false})

describe('StatsdSink.write over UDP (real socket)', () => {
  let udp: Listener
  beforeAll(async () => {
    udp = await udpListener()
  })
  afterAll(() => udp?.close())

  const target = (): StatsdTarget => ({protocol: 'udp', host: '127.0.0.1', port: udp.port, prefix: '', tags: [], tagStyle: 'dogstatsd'})

  // Lines are packed by characters, and a payload that is then too many bytes is packed again
  // by bytes, so batches with and without other characters are both here.
  const cases: Array<[string, (i: number) => string]> = [
    ['ASCII names', i => `celery_queue_${i}`],
    ['names that are not ASCII', i => `file_d'attente_é_日本_${i}`],
    ['a few names that are not ASCII among many that are', i => (i % 997 === 0 ? `очередь_${i}` : `queue_${i}`)],
  ]
  it.each(cases)('sends every gauge, in order, in datagrams of at most 1432 bytes: %s', async (_, name) => {
    const before = udp.received.length
    const linesBefore = udp.lines().length
    const samples = Array.from({length: 3000}, (_, i) => gauge(name(i), i))
    const sink = await StatsdSink.open(target())
    sink.write(samples)
    const totals = await sink.close()
    const lines = (await udp.waitForLines(linesBefore + samples.length)).slice(linesBefore)
    expect(lines).toEqual(samples.map((_, i) => `queue:${i}|g|#queue:${name(i)}`))
    const datagrams = udp.received.slice(before)
    expect(Math.max(...datagrams.map(datagram => datagram.length))).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES.udp)
    // Full datagrams: packing by characters where bytes were meant would leave them short of the limit or over it.
    expect(datagrams.slice(0, -1).every(datagram => datagram.length > MAX_PAYLOAD_BYTES.udp - 120)).toBe(true)
    expect(totals).toEqual({lines: samples.length, bytes: datagrams.reduce((sum, datagram) => sum + datagram.length, 0), payloads: datagrams.length})
  })

  it('sends a text longer than a payload alone, and the texts around it in payloads of their own', async () => {
    const before = udp.received.length
    const linesBefore = udp.lines().length
    const long = `queue:1|g|#queue:${'é'.repeat(1000)}`
    const sink = await StatsdSink.open(target())
    for (const text of ['a:1|c', long, 'b:1|c']) void sink.writeText(text)
    const totals = await sink.close()
    expect((await udp.waitForLines(linesBefore + 3)).slice(linesBefore)).toEqual(['a:1|c', long, 'b:1|c'])
    expect(udp.received.slice(before).map(datagram => datagram.toString())).toEqual(['a:1|c', long, 'b:1|c'])
    expect(totals.payloads).toBe(3)
  })

  it('keeps the lines of one text together, and counts each of them', async () => {
    const before = udp.received.length
    const linesBefore = udp.lines().length
    const texts = Array.from({length: 200}, (_, i) => `gauge_${i}:0|g\ngauge_${i}:-${i}|g`)
    const sink = await StatsdSink.open(target())
    for (const text of texts) void sink.writeText(text)
    const totals = await sink.close()
    const datagrams = udp.received.slice(before).map(datagram => datagram.toString())
    expect((await udp.waitForLines(linesBefore + 400)).slice(linesBefore)).toEqual(texts.flatMap(text => text.split('\n')))
    // No datagram ends between a gauge's zeroing line and its value.
    expect(datagrams.every(datagram => datagram.split('\n').length % 2 === 0)).toBe(true)
    expect(totals.lines).toBe(400)
  })
})

describe('StatsdSink after Ctrl-C or SIGTERM (its interrupt aborted)', () => {
  it('stops watching the interrupt once closed: a loop opens a sink per sample', async () => {
    const interrupt = new AbortController()
    const sink = await StatsdSink.open({protocol: 'udp', host: '127.0.0.1', port: 9, prefix: '', tags: [], tagStyle: 'dogstatsd'}, interrupt.signal)
    expect(getEventListeners(interrupt.signal, 'abort')).toHaveLength(1)
    await sink.close()
    expect(getEventListeners(interrupt.signal, 'abort')).toHaveLength(0)
  })

  it('over UDP, still sends everything in flight, and closes as usual', async () => {
    const udp = await udpListener()
    try {
      const interrupt = new AbortController()
      const sink = await StatsdSink.open({protocol: 'udp', host: '127.0.0.1', port: udp.port, prefix: '', tags: [], tagStyle: 'dogstatsd'}, interrupt.signal)
      for (let i = 0; i < 20_000; i++) void sink.writeText(`flood:${i}|c`)
      interrupt.abort()
      expect(await sink.close()).toMatchObject({lines: 20_000})
    } finally {
      await udp.close()
    }
  })

  it('over TCP to a server that reads nothing: the producer goes on, and close() gives up after INTERRUPT_GRACE_MS, counting what was never taken', async () => {
    const sockets: net.Socket[] = []
    const server = net.createServer(socket => sockets.push(socket.pause()))
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as net.AddressInfo).port
    try {
      const interrupt = new AbortController()
      const sink = await StatsdSink.open({protocol: 'tcp', host: '127.0.0.1', port, prefix: '', tags: [], tagStyle: 'dogstatsd'}, interrupt.signal)
      const line = `flood:1|c|#${'k'.repeat(1000)}`
      // Until the socket's buffers are full and the sink makes the producer wait.
      let waiting: Promise<void> | undefined
      while (waiting === undefined) {
        waiting = sink.writeText(line)
        await new Promise(resolve => setImmediate(resolve))
      }
      interrupt.abort()
      await waiting
      const started = Date.now()
      await expect(sink.close()).rejects.toThrow(new RegExp(`^interrupted before tcp://127\\.0\\.0\\.1:${port} took [\\d,]+ lines; [\\d,]+ sent$`))
      expect(Date.now() - started).toBeGreaterThanOrEqual(INTERRUPT_GRACE_MS - 100)
      expect(Date.now() - started).toBeLessThan(INTERRUPT_GRACE_MS + 1000)
    } finally {
      for (const socket of sockets) socket.destroy()
      await new Promise(resolve => server.close(resolve))
    }
  })
})
