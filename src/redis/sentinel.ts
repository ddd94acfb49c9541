/**
 * The master's address, from Sentinel. Not ioredis's SentinelConnector: the clients it
 * opens to the Sentinels are out of our reach, so a Sentinel that accepts and never
 * answers kept the run alive for good, and each of them waited 2 s for the server to
 * close after a disconnect. Here every Sentinel client is ours, set up to fail fast
 * like the others, and closed the moment the run's deadline passes.
 */
import {Redis, type RedisOptions} from 'ioredis'
import {formatHostPort} from '../text/host-port.js'
import {SentinelLookupError, type SentinelFailure} from './failure.js'
import type {HostPort, RedisSource} from './source.js'

type SentinelSource = Extract<RedisSource, {kind: 'sentinel'}>

/**
 * Asks every Sentinel at once for the master's address and resolves with the first
 * answer; rejects with a SentinelLookupError saying what each one did when none gives
 * an address. Aborting `signal` closes every Sentinel client at once.
 */
export async function findMaster(source: SentinelSource, options: RedisOptions, signal: AbortSignal): Promise<HostPort> {
  signal.throwIfAborted()
  const clients = source.sentinels.map(sentinel => ({
    sentinel: formatHostPort(sentinel.host, sentinel.port),
    client: new Redis({
      ...options,
      host: sentinel.host,
      port: sentinel.port,
      ...(source.sentinelPassword === undefined ? {} : {password: source.sentinelPassword}),
      retryStrategy: () => null,
    }),
  }))
  const close = (): void => {
    for (const {client} of clients) client.disconnect()
  }
  signal.addEventListener('abort', close, {once: true})
  try {
    return await new Promise<HostPort>((resolve, reject) => {
      const failures: SentinelFailure[] = []
      const settled = (): void => {
        if (failures.length === clients.length) reject(new SentinelLookupError(source.master, failures))
      }
      for (const {sentinel, client} of clients) {
        // ioredis rejects connect() with "Connection is closed."; the error it emitted says why.
        let emitted: Error | undefined
        client.on('error', (error: Error) => (emitted ??= error))
        askForMaster(client, source.master).then(
          address => {
            if (address) resolve(address)
            else failures.push({sentinel})
            settled()
          },
          (error: unknown) => {
            failures.push({sentinel, error: emitted ?? (error instanceof Error ? error : new Error(String(error)))})
            settled()
          },
        )
      }
    })
  } finally {
    signal.removeEventListener('abort', close)
    close()
  }
}

/** SENTINEL GET-MASTER-ADDR-BY-NAME: `[ip, port]`, or nil for a master the Sentinel does not monitor. */
async function askForMaster(client: Redis, master: string): Promise<HostPort | undefined> {
  await client.connect()
  const reply = await client.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', master)
  if (!Array.isArray(reply) || reply.length < 2) return undefined
  const port = Number(reply[1])
  return Number.isInteger(port) && port > 0 && port < 65536 ? {host: String(reply[0]), port} : undefined
}
