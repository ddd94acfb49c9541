import net from 'node:net'

/**
 * A TCP proxy in front of Redis that counts round trips from the wire, so that a
 * test can check the command's own count: a round trip starts whenever the client
 * sends while every command it sent before has been answered.
 */
export interface RespProxy {
  readonly port: number
  /** Round trips per connection, in the order connections were opened. */
  roundTrips(): number[]
  /** Commands per connection. */
  commands(): number[]
  /** Command names sent on every connection, lower-cased, in order (the first word of each command). */
  commandNames(): string[]
  /** Everything clients sent, as latin1 text. */
  sentText(): string
  close(): Promise<void>
}

export async function startRespProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<RespProxy> {
  const connections: Array<{roundTrips: number; sent: RespCounter; answered: RespCounter}> = []
  const names: string[] = []
  const sent: Buffer[] = []
  const sockets = new Set<net.Socket>()
  const server = net.createServer(client => {
    const stats = {roundTrips: 0, sent: new RespCounter(), answered: new RespCounter()}
    connections.push(stats)
    const upstream = net.connect(targetPort, targetHost)
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('error', () => undefined)
    }
    client.on('data', chunk => {
      if (stats.sent.values === stats.answered.values) stats.roundTrips++
      stats.sent.feed(chunk)
      sent.push(chunk)
      // A command is *N then $len then its name; chunk boundaries may split one, which only drops its name.
      for (const match of chunk.toString('latin1').matchAll(/\*\d+\r\n\$\d+\r\n([A-Za-z]+)\r\n/g)) names.push(match[1].toLowerCase())
      upstream.write(chunk)
    })
    upstream.on('data', chunk => {
      stats.answered.feed(chunk)
      client.write(chunk)
    })
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    roundTrips: () => connections.map(stats => stats.roundTrips),
    commands: () => connections.map(stats => stats.sent.values),
    commandNames: () => [...names],
    sentText: () => Buffer.concat(sent).toString('latin1'),
    close: () => {
      for (const socket of sockets) socket.destroy()
      return new Promise(resolve => server.close(() => resolve()))
    },
  }
}

/** Counts complete top-level RESP2 values in a byte stream (commands one way, replies the other). */
class RespCounter {
  values = 0
  private buffer: Buffer = Buffer.alloc(0)

  feed(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk])
    let offset = 0
    for (;;) {
      const end = skipValue(this.buffer, offset)
      if (end === undefined) break
      offset = end
      this.values++
    }
    this.buffer = this.buffer.subarray(offset)
  }
}

/** The offset just after the value starting at `offset`, or undefined if it is not all here yet. */
function skipValue(buffer: Buffer, offset: number): number | undefined {
  const lineEnd = buffer.indexOf('\r\n', offset)
  if (lineEnd === -1) return undefined
  const type = String.fromCharCode(buffer[offset])
  const length = Number(buffer.toString('latin1', offset + 1, lineEnd))
  let next = lineEnd + 2
  if (type === '$') return length < 0 ? next : next + length + 2 <= buffer.length ? next + length + 2 : undefined
  if (type === '*') {
    for (let i = 0; i < length; i++) {
      const end = skipValue(buffer, next)
      if (end === undefined) return undefined
      next = end
    }
    return next
  }
  return next
}
