import type {EventEmitter} from 'node:events'
import {lstat, rm} from 'node:fs/promises'
import {createRequire} from 'node:module'
import {UsageError} from '../errors.js'
import {describeListen, type ListenSpec} from './options.js'
import {listenError, NEVER, whenStarted, type PacketHandler, type PacketSource} from './source.js'

type UnixgramSpec = Extract<ListenSpec, {kind: 'unixgram'}>

/** The part of unix-dgram's socket we use. */
interface UnixDgramSocket extends EventEmitter {
  bind(path: string): void
  close(): void
}

/**
 * A unixgram socket, as DogStatsD clients use (DD_DOGSTATSD_SOCKET). Node has no unixgram
 * server; unix-dgram, which hot-shots uses to send, provides one. A file already at the
 * path is left alone: removing it is the user's call.
 */
export async function listenUnixgram(spec: UnixgramSpec, handle: PacketHandler): Promise<PacketSource> {
  const where = describeListen(spec)
  const existing = await lstat(spec.path).catch(() => undefined)
  if (existing !== undefined) {
    throw new UsageError(`--socket: ${spec.path} already exists`, existing.isSocket() ? 'another listener may own it; remove it if it is stale' : 'choose a path that does not exist')
  }
  const require = createRequire(import.meta.url)
  const unix = require('unix-dgram') as {createSocket(type: 'unix_dgram'): UnixDgramSocket}
  const socket = unix.createSocket('unix_dgram')
  socket.on('message', handle)
  await whenStarted(socket, started => {
    socket.once('listening', started)
    socket.bind(spec.path)
  }).catch(error => {
    socket.close()
    throw listenError(error, where)
  })
  socket.on('error', () => undefined)
  return {
    address: where,
    datagrams: true,
    ended: NEVER,
    stats: async () => ({}),
    async close() {
      socket.close()
      await rm(spec.path, {force: true})
    },
  }
}
