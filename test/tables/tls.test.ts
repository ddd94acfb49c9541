import {readFileSync} from 'node:fs'
import net from 'node:net'
import tls from 'node:tls'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {UsageError} from '../../src/errors.js'
import {openSession} from '../../src/sql/open.js'
import {parseDatabaseUrl, type TlsOverrides} from '../../src/sql/url.js'

/**
 * The servers on this machine have no TLS, so this is a stand-in PostgreSQL that
 * answers the client's SSLRequest with 'S', does a real TLS handshake with a
 * self-signed certificate for "localhost", and hangs up after the startup message.
 * "the server closed the connection" therefore means the handshake was accepted.
 */
const fixture = (name: string): string => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url))
const CERT = fixture('localhost-cert.pem')

let server: net.Server
let port: number

beforeAll(async () => {
  const context = {key: readFileSync(fixture('localhost-key.pem')), cert: readFileSync(CERT)}
  server = net.createServer(socket => {
    socket.on('error', () => undefined)
    socket.once('data', () => {
      socket.write('S')
      const secure = new tls.TLSSocket(socket, {isServer: true, ...context})
      secure.on('error', () => undefined)
      secure.once('data', () => secure.destroy())
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as net.AddressInfo).port
})

afterAll(() => new Promise<void>(resolve => server.close(() => resolve())))

const connect = (overrides: TlsOverrides) => openSession(parseDatabaseUrl(`postgres://u@127.0.0.1:${port}/x`, 'test', {}, overrides), {timeoutMs: 3000})

describe('TLS modes against a server with a self-signed certificate for localhost', () => {
  it.each([
    [{mode: 'require'}, 'cannot connect: the server closed the connection'],
    [{mode: 'verify-ca', ca: CERT}, 'cannot connect: the server closed the connection'],
    [{mode: 'verify-full'}, 'cannot connect: TLS: self-signed certificate'],
    [{ca: CERT}, /^cannot connect: TLS: Hostname\/IP does not match certificate's altnames/],
  ] as Array<[TlsOverrides, string | RegExp]>)('%j: %s', async (overrides, message) => {
    await expect(connect(overrides)).rejects.toThrow(message)
  })

  it('refuses a CA file that cannot be read, as a usage error', async () => {
    await expect(connect({ca: '/nonexistent/ca.pem'})).rejects.toThrow(UsageError)
    await expect(connect({ca: '/nonexistent/ca.pem'})).rejects.toThrow('cannot read TLS CA file /nonexistent/ca.pem: no such file or directory')
  })
})
