import net from 'node:net'
import {LineFramer} from './line-framer.js'
import {describeListen, type ListenSpec} from './options.js'
import {listenError, NEVER, whenStarted, type PacketHandler, type PacketSource} from './source.js'

type TcpSpec = Extract<ListenSpec, {kind: 'tcp'}>

/**
 * TCP as statsd_exporter reads it: newline-framed lines, `\r\n` accepted, and a line
 * longer than the limit closes its connection (counted as a line too long).
 */
export async function listenTcp(spec: TcpSpec, handle: PacketHandler): Promise<PacketSource> {
  let connections = 0
  let tooLongLines = 0
  const open = new Set<net.Socket>()
  const server = net.createServer(socket => {
    connections++
    open.add(socket)
    const framer = new LineFramer({
      maxLineLength: spec.maxLineLength,
      stripCR: true,
      onRun: handle,
      onTooLong: () => {
        tooLongLines++
        socket.destroy()
        return false
      },
    })
    socket.on('data', chunk => framer.push(chunk))
    socket.on('end', () => framer.end())
    socket.on('error', () => undefined)
    socket.on('close', () => open.delete(socket))
  })
  await whenStarted(server, started => server.listen(spec.port, spec.host, started)).catch(error => {
    throw listenError(error, describeListen(spec))
  })
  return {
    address: describeListen(spec, (server.address() as net.AddressInfo).port),
    datagrams: false,
    ended: NEVER,
    stats: async () => ({connections, tooLongLines}),
    close: () => {
      for (const socket of open) socket.destroy()
      return new Promise(resolve => server.close(() => resolve()))
    },
  }
}
