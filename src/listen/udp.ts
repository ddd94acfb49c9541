import dgram from 'node:dgram'
import net from 'node:net'
import {udpSocketState} from './kernel-drops.js'
import {describeListen, type ListenSpec} from './options.js'
import {listenError, NEVER, whenStarted, type PacketHandler, type PacketSource} from './source.js'

type UdpSpec = Extract<ListenSpec, {kind: 'udp'}>

/** UDP, IPv4 or IPv6 by the address, with the receive buffer asked for (the kernel may give less). */
export async function listenUdp(spec: UdpSpec, handle: PacketHandler): Promise<PacketSource> {
  const socket = dgram.createSocket({type: net.isIPv6(spec.host) ? 'udp6' : 'udp4', recvBufferSize: spec.rcvbuf})
  socket.on('message', handle)
  await whenStarted(socket, started => socket.bind(spec.port, spec.host, started)).catch(error => {
    socket.close()
    throw listenError(error, describeListen(spec))
  })
  // A receive error after binding (a transient ICMP report) must not end tail.
  socket.on('error', () => undefined)
  const port = socket.address().port
  return {
    address: describeListen(spec, port),
    datagrams: true,
    ended: NEVER,
    async stats() {
      return {receiveBuffer: socket.getRecvBufferSize(), kernelDrops: (await udpSocketState(port))?.drops}
    },
    queued: async () => (await udpSocketState(port))?.queued,
    close: () => new Promise(resolve => socket.close(() => resolve())),
  }
}
