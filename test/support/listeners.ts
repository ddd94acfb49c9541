import {spawn} from 'node:child_process'
import dgram from 'node:dgram'
import {createRequire} from 'node:module'
import net from 'node:net'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

/** Sends `text` as one UDP datagram to 127.0.0.1:`port`, as an application's statsd client does. */
export async function sendUdp(port: number, text: string): Promise<void> {
  const socket = dgram.createSocket('udp4')
  await new Promise<void>((resolve, reject) => socket.send(text, port, '127.0.0.1', error => (error ? reject(error) : resolve())))
  socket.close()
}

/** A real listener started by a test: what it received, and how to stop it. */
export interface Listener {
  readonly port: number
  readonly path?: string
  /** Every datagram (udp, unixgram) or every byte received (tcp, as one entry per chunk). */
  readonly received: Buffer[]
  /** All lines received so far, in order. */
  lines(): string[]
  /** Resolves once at least `count` lines have arrived, or rejects after `timeoutMs`. */
  waitForLines(count: number, timeoutMs?: number): Promise<string[]>
  close(): Promise<void>
}

function linesOf(received: Buffer[], stream: boolean): string[] {
  if (stream) return Buffer.concat(received).toString('utf8').split('\n').filter(line => line !== '')
  return received.flatMap(datagram => datagram.toString('utf8').split('\n'))
}

function makeListener(port: number, received: Buffer[], stream: boolean, close: () => Promise<void>, path?: string): Listener {
  const lines = (): string[] => linesOf(received, stream)
  return {
    port,
    path,
    received,
    lines,
    async waitForLines(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs
      while (lines().length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} lines, got ${lines().length}: ${JSON.stringify(lines().slice(0, 5))}`)
        await new Promise(resolve => setTimeout(resolve, 10))
      }
      return lines()
    },
    close,
  }
}

export async function udpListener(type: 'udp4' | 'udp6' = 'udp4'): Promise<Listener> {
  const socket = dgram.createSocket({type, recvBufferSize: 4 << 20})
  const received: Buffer[] = []
  socket.on('message', message => received.push(message))
  await new Promise<void>(resolve => socket.bind(0, type === 'udp4' ? '127.0.0.1' : '::1', resolve))
  return makeListener(socket.address().port, received, false, () => new Promise(resolve => socket.close(() => resolve())))
}

export async function tcpListener(): Promise<Listener> {
  const received: Buffer[] = []
  const sockets = new Set<net.Socket>()
  const server = net.createServer(socket => {
    sockets.add(socket)
    socket.on('data', chunk => received.push(chunk))
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  return makeListener(port, received, true, () => {
    for (const socket of sockets) socket.destroy()
    return new Promise(resolve => server.close(() => resolve()))
  })
}

interface UnixDgramSocket {
  on(event: 'message', listener: (message: Buffer) => void): void
  bind(path: string): void
  close(): void
}

/** Node has no unixgram server; unix-dgram (hot-shots' own uds transport) provides one. */
export async function unixgramListener(): Promise<Listener> {
  const require = createRequire(import.meta.url)
  const unix = require('unix-dgram') as {createSocket(type: 'unix_dgram'): UnixDgramSocket}
  const dir = mkdtempSync(join(tmpdir(), 'metrics-uds-'))
  const path = join(dir, 'statsd.sock')
  const socket = unix.createSocket('unix_dgram')
  const received: Buffer[] = []
  socket.on('message', message => received.push(message))
  socket.bind(path)
  return makeListener(0, received, false, async () => {
    socket.close()
    rmSync(dir, {recursive: true, force: true})
  }, path)
}

/** A port nothing listens on: bound, then released. */
export async function deadTcpPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  await new Promise<void>(resolve => server.close(() => resolve()))
  return port
}

/** One connection to an UnansweringServer: when it was accepted, and when the client closed it. */
export interface HeldConnection {
  readonly openedAt: number
  closedAt?: number
}

export interface UnansweringServer {
  readonly port: number
  readonly connections: readonly HeldConnection[]
  close(): Promise<void>
}

/**
 * A hung server: accepts every connection, reads and drops what it is sent, never
 * answers, and notes when each client closed its side (reading is what lets it see
 * the FIN). Times are Date.now().
 */
export async function unansweringServer(): Promise<UnansweringServer> {
  const connections: HeldConnection[] = []
  const sockets = new Set<net.Socket>()
  const server = net.createServer({allowHalfOpen: true}, socket => {
    const connection: HeldConnection = {openedAt: Date.now()}
    connections.push(connection)
    sockets.add(socket)
    socket.on('error', () => undefined)
    socket.on('end', () => (connection.closedAt ??= Date.now()))
    socket.on('close', () => {
      connection.closedAt ??= Date.now()
      sockets.delete(socket)
    })
    socket.resume()
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    connections,
    close: () => {
      for (const socket of sockets) socket.destroy()
      return new Promise(resolve => server.close(() => resolve()))
    },
  }
}

/**
 * A port where TCP connects never complete: a listener whose process never accepts,
 * its accept queue filled, so that the kernel drops every further SYN, as a host
 * behind a firewall that drops packets does.
 */
export async function unacceptingPort(): Promise<{readonly port: number; close(): void}> {
  const script = "const s=require('net').createServer();s.listen({port:0,host:'127.0.0.1',backlog:1},()=>{console.log(s.address().port);setTimeout(()=>Atomics.wait(new Int32Array(new SharedArrayBuffer(4)),0,0,120000),50)})"
  const child = spawn(process.execPath, ['-e', script], {stdio: ['ignore', 'pipe', 'inherit']})
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', chunk => resolve(Number(String(chunk).trim())))
    child.once('exit', code => reject(new Error(`the unaccepting listener exited with ${code}`)))
  })
  // Once its thread sleeps, fill the accept queue (backlog + 1); the fillers' own connects complete in the kernel.
  await new Promise(resolve => setTimeout(resolve, 200))
  const fillers = Array.from({length: 3}, () => net.connect(port, '127.0.0.1').on('error', () => undefined))
  await new Promise(resolve => setTimeout(resolve, 200))
  return {
    port,
    close: () => {
      for (const filler of fillers) filler.destroy()
      child.kill('SIGKILL')
    },
  }
}
