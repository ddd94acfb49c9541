import net from 'node:net'
import {afterEach, describe, expect, it} from 'vitest'
import {parseTableRef} from '../../src/sql/identifiers.js'
import {openSession} from '../../src/sql/open.js'
import {parseDatabaseUrl} from '../../src/sql/url.js'

/**
 * The client-side deadline, which the servers' own statement timeouts normally
 * beat: a proxy to the real server that goes silent on demand, as a network that
 * drops packets would. Each driver must then give the table up, close the socket
 * and fail what was queued behind it at once.
 */
interface Proxy {
  readonly port: number
  freeze(): void
  close(): Promise<void>
}

async function silentProxy(targetPort: number): Promise<Proxy> {
  let frozen = false
  const sockets = new Set<net.Socket>()
  const server = net.createServer(client => {
    const upstream = net.connect(targetPort, '127.0.0.1')
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('error', () => undefined)
    }
    client.on('data', chunk => frozen || upstream.write(chunk))
    upstream.on('data', chunk => frozen || client.write(chunk))
    client.on('close', () => upstream.destroy())
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    freeze: () => (frozen = true),
    close: () => {
      for (const socket of sockets) socket.destroy()
      return new Promise(resolve => server.close(() => resolve()))
    },
  }
}

describe.each([
  ['MariaDB', 3306, 'mysql://root@127.0.0.1:PORT/mysql', 'user'],
  ['PostgreSQL', 5432, 'postgres://postgres@127.0.0.1:PORT/postgres', 'pg_class'],
])('the client-side deadline on %s', (_name, serverPort, url, table) => {
  let proxy: Proxy | undefined

  afterEach(async () => {
    await proxy?.close()
  })

  // A 1 s timeout, not less: connecting through the proxy must itself fit in it on a loaded CI machine.
  it('gives a silent query up after --timeout plus a grace second, and fails the queued tables at once', async () => {
    proxy = await silentProxy(serverPort)
    const session = await openSession(parseDatabaseUrl(url.replace('PORT', String(proxy.port)), 'test'), {timeoutMs: 1000})
    proxy.freeze()
    const started = Date.now()
    const first = session.newest(parseTableRef(table, 'test'), 'created')
    const second = session.newest(parseTableRef('other', 'test'), 'created')
    await expect(first).rejects.toThrow(`table ${table}: no answer within 1s`)
    await expect(second).rejects.toThrow(`table other: not queried, the connection was closed after table ${table} timed out`)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1950)
    expect(Date.now() - started).toBeLessThan(5000)
    await session.close()
  })
})
