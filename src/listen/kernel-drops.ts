/**
 * What Linux reports of a UDP socket in /proc/net/udp and /proc/net/udp6: the datagrams
 * it dropped because the receive buffer was full (`drops`), and the bytes it still holds
 * for the socket to read (`rx_queue`). A row is ours when its local port is the one we
 * bound and its inode is one of this process's sockets (so another process on the same
 * port, with SO_REUSEPORT, is not counted). Undefined where Linux does not report it.
 */
import {readdir, readFile, readlink} from 'node:fs/promises'

export interface UdpSocketState {
  /** Datagrams dropped for want of room in the receive buffer. */
  readonly drops: number
  /** Bytes queued for reading, as the kernel accounts them (with its overhead per datagram): 0 when nothing is left. */
  readonly queued: number
}

export async function udpSocketState(port: number, pid: number | 'self' = 'self'): Promise<UdpSocketState | undefined> {
  const inodes = await socketInodes(pid)
  if (inodes === undefined) return undefined
  let found: UdpSocketState | undefined
  for (const table of ['/proc/net/udp', '/proc/net/udp6']) {
    const text = await readFile(table, 'utf8').catch(() => undefined)
    if (text === undefined) continue
    for (const row of parseUdpTable(text)) {
      if (row.localPort === port && inodes.has(row.inode)) found = {drops: (found?.drops ?? 0) + row.drops, queued: (found?.queued ?? 0) + row.queued}
    }
  }
  return found
}

export interface UdpSocketRow {
  readonly localPort: number
  readonly inode: string
  readonly drops: number
  readonly queued: number
}

/**
 * `sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ref pointer drops`;
 * local_address is `HEXADDR:HEXPORT`, the queues are hexadecimal byte counts.
 */
export function parseUdpTable(text: string): UdpSocketRow[] {
  const rows: UdpSocketRow[] = []
  for (const line of text.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/)
    if (fields.length < 13) continue
    const port = Number.parseInt(fields[1].slice(fields[1].lastIndexOf(':') + 1), 16)
    const queued = Number.parseInt(fields[4].slice(fields[4].indexOf(':') + 1), 16)
    const drops = Number(fields[12])
    if (Number.isInteger(port) && Number.isFinite(drops) && Number.isInteger(queued)) rows.push({localPort: port, inode: fields[9], drops, queued})
  }
  return rows
}

/** Inodes of the sockets the process has open: /proc/PID/fd/N links to `socket:[INODE]`. */
async function socketInodes(pid: number | 'self'): Promise<Set<string> | undefined> {
  const dir = `/proc/${pid}/fd`
  const fds = await readdir(dir).catch(() => undefined)
  if (fds === undefined) return undefined
  const inodes = new Set<string>()
  await Promise.all(fds.map(async fd => {
    const target = await readlink(`${dir}/${fd}`).catch(() => '')
    const match = /^socket:\[(\d+)\]$/.exec(target)
    if (match) inodes.add(match[1])
  }))
  return inodes
}
