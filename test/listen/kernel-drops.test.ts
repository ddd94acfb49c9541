import dgram from 'node:dgram'
import {describe, expect, it} from 'vitest'
import {parseUdpTable, udpSocketState} from '../../src/listen/kernel-drops.js'

const TABLE = `   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
  123: 0100007F:1FBD 00000000:0000 07 00000000:00000A00 00:00000000 00000000     0        0 5512345 2 0000000000000000 17
  456: 00000000:0044 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 22 2 0000000000000000 0
`

describe('kernel receive drops', () => {
  it('reads the local port, inode and drops of each row of /proc/net/udp', () => {
    expect(parseUdpTable(TABLE)).toEqual([
      {localPort: 8125, inode: '5512345', drops: 17, queued: 2560},
      {localPort: 68, inode: '22', drops: 0, queued: 0},
    ])
  })

  it.runIf(process.platform === 'linux')('finds this process\'s socket and sees the drops of a full receive buffer', async () => {
    const socket = dgram.createSocket({type: 'udp4', recvBufferSize: 4096})
    await new Promise<void>(resolve => socket.bind(0, '127.0.0.1', resolve))
    const {port} = socket.address()
    expect(await udpSocketState(port)).toEqual({drops: 0, queued: 0})
    // A burst into a tiny receive buffer overflows it before the event loop reads anything.
    const sender = dgram.createSocket('udp4')
    const payload = Buffer.alloc(1000, 0x61)
    for (let i = 0; i < 200; i++) sender.send(payload, port, '127.0.0.1')
    await new Promise(resolve => setTimeout(resolve, 200))
    expect((await udpSocketState(port))?.drops).toBeGreaterThan(0)
    sender.close()
    socket.close()
  })

  it('finds nothing for a port this process does not hold', async () => {
    expect(await udpSocketState(1)).toBeUndefined()
  })
})
