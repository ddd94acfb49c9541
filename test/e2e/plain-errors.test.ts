/**
 * No raw system or library text reaches the user: not `connect -2` from unix-dgram, not
 * ioredis's `[WARN]` lines or `Protocol error … Please report this.`, not `socket hang
 * up` or `ECONNREFUSED`. Each failure below is a real one, against a real server of the
 * wrong kind or a real missing file, and is one line in our words with a hint.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startRedisServer, type RedisServer} from '../redis/support.js'
import {deadTcpPort, udpListener, type Listener} from '../support/listeners.js'
import {runCli, type CliResult} from '../support/run-cli.js'

const MARIADB_PORT = 3306
const SAMPLE_CSV = new URL('../../examples/datamaps/sample.csv', import.meta.url).pathname

/** What must never be shown: bare errno names, unix-dgram's numbers, the libraries' own words. */
const RAW_TEXT = /\bE[A-Z]{3,}\b|\b(?:connect|bind|send) -\d+|Please report this|\[WARN\]|\[ERROR\]|socket hang up|Parse Error|SSL routines|UnknownError|Received unexpected/

describe('errors in our words, against the real thing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'metrics-plain-errors-'))
  let httpServer: http.Server
  let httpPort: number
  let streamSocket: net.Server
  let statsd: Listener
  let deadPort: number

  beforeAll(async () => {
    httpServer = http.createServer((_, response) => response.writeHead(404, {'content-type': 'text/plain'}).end('not found\n'))
    await new Promise<void>(resolve => httpServer.listen(0, '127.0.0.1', resolve))
    streamSocket = net.createServer()
    await new Promise<void>(resolve => streamSocket.listen(join(dir, 'stream.sock'), resolve))
    statsd = await udpListener()
    deadPort = await deadTcpPort()
    httpPort = (httpServer.address() as net.AddressInfo).port
    writeFileSync(join(dir, 'regular-file'), '')
  })
  afterAll(async () => {
    httpServer?.closeAllConnections()
    await new Promise(resolve => httpServer?.close(resolve))
    await new Promise(resolve => streamSocket?.close(resolve))
    await statsd?.close()
    rmSync(dir, {recursive: true, force: true})
  })

  const statsdArgs = (): string[] => ['--port', String(statsd.port)]
  const s3Env = {AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', AWS_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'}

  const cases: Array<[string, number, () => string[], () => string, NodeJS.ProcessEnv?]> = [
    [
      'send to a unixgram socket that does not exist',
      1,
      () => ['send', 'incr', 'x', '--socket', join(dir, 'missing.sock')],
      () => `could not send to statsd at unixgram socket ${join(dir, 'missing.sock')}: no such socket (check the socket path, and that the agent is running)`,
    ],
    [
      'send to a plain file as a unixgram socket',
      1,
      () => ['send', 'incr', 'x', '--socket', join(dir, 'regular-file')],
      () => `could not send to statsd at unixgram socket ${join(dir, 'regular-file')}: nothing is receiving on it (the path must be the socket of a running agent; a stale socket or a plain file refuses)`,
    ],
    [
      'send to a stream socket as a unixgram socket',
      1,
      () => ['send', 'incr', 'x', '--socket', join(dir, 'stream.sock')],
      () => `could not send to statsd at unixgram socket ${join(dir, 'stream.sock')}: it is a stream socket, not a datagram (unixgram) socket (metrics sends datagrams: give the agent's unixgram socket)`,
    ],
    [
      'send over TCP to a port nothing listens on',
      1,
      () => ['send', 'incr', 'x', '--protocol', 'tcp', '--port', String(deadPort)],
      () => `could not send to statsd at tcp://127.0.0.1:${deadPort}: connection refused (is a statsd server listening there?)`,
    ],
    ['send to a host that does not exist', 1, () => ['send', 'incr', 'x', '--host', 'no-such-host.invalid'], () => 'could not send to statsd at udp://no-such-host.invalid:8125: host not found (check the host name)'],
    [
      'queues against an HTTP server as Redis',
      1,
      () => ['queues', '--queue', 'q', '--redis', `redis://127.0.0.1:${httpPort}`, ...statsdArgs()],
      () => `Redis at redis://127.0.0.1:${httpPort}: not a Redis server (it answered HTTP: "HTTP/1.1 400 Bad Request") (check the host and port in the URL)`,
    ],
    [
      'queues over TLS to an HTTP server that speaks no TLS',
      1,
      () => ['queues', '--queue', 'q', '--redis', `rediss://127.0.0.1:${httpPort}`, ...statsdArgs()],
      () => `Redis at rediss://127.0.0.1:${httpPort}: the TLS handshake failed: the server does not speak TLS (use redis:// for a server without TLS)`,
    ],
    [
      'queues against MariaDB as Redis',
      1,
      () => ['queues', '--queue', 'q', '--redis', `redis://127.0.0.1:${MARIADB_PORT}`, ...statsdArgs()],
      () => `Redis at redis://127.0.0.1:${MARIADB_PORT}: not a Redis server (it answered like MySQL or MariaDB) (check the host and port in the URL)`,
    ],
    [
      'queues pushing to an HTTP server that is not a Pushgateway',
      1,
      () => ['queues', '--queue', 'metrics-test:plain-errors:none', '--pushgateway', `http://127.0.0.1:${httpPort}`],
      () => `could not push to Pushgateway at http://127.0.0.1:${httpPort}: it answered 404 Not Found (is it a Pushgateway? Give its base URL, e.g. http://pushgateway:9091, without /metrics)`,
    ],
    [
      'queues pushing to MariaDB as a Pushgateway',
      1,
      () => ['queues', '--queue', 'metrics-test:plain-errors:none', '--pushgateway', `http://127.0.0.1:${MARIADB_PORT}`],
      () => `could not push to Pushgateway at http://127.0.0.1:${MARIADB_PORT}: the server there does not speak HTTP (is that port a Pushgateway?)`,
    ],
    [
      'tables reading PostgreSQL from MariaDB',
      1,
      () => ['tables', '--db', `postgres://metrics@127.0.0.1:${MARIADB_PORT}/test`, '--table', 't', ...statsdArgs()],
      () => `postgres://metrics@127.0.0.1:${MARIADB_PORT}/test: cannot connect: the server on that port is not PostgreSQL: it answered in another protocol (check the host and port in the URL)`,
    ],
    [
      'tables reading MySQL from an HTTP server, which waits for its client to speak first',
      1,
      () => ['tables', '--db', `mysql://root@127.0.0.1:${httpPort}/test`, '--table', 't', '--timeout', '1s', ...statsdArgs()],
      () => `mysql://root@127.0.0.1:${httpPort}/test: cannot connect: no answer within 1s (check the host, the port (is MySQL or MariaDB listening there?) and any firewall, or raise --timeout)`,
    ],
    [
      'tables with a TLS CA file that does not exist',
      2,
      () => ['tables', '--db', 'postgres://metrics@127.0.0.1/test', '--table', 't', '--tls-ca', join(dir, 'missing-ca.pem'), ...statsdArgs()],
      () => `cannot read TLS CA file ${join(dir, 'missing-ca.pem')}: no such file or directory`,
    ],
    [
      'tail forwarding to a host that does not exist',
      1,
      () => ['tail', '--port', '0', '--forward', 'no-such-host.invalid:9125'],
      () => '--forward no-such-host.invalid:9125: cannot resolve no-such-host.invalid: host not found (check the host name)',
    ],
    [
      'tail capturing into a directory that does not exist',
      2,
      () => ['tail', '--port', '0', '--capture', join(dir, 'no/such/dir/capture.jsonl')],
      () => `--capture: cannot write ${join(dir, 'no/such/dir/capture.jsonl')}: no such file or directory (check that the directory exists and is writable)`,
    ],
    ['tail reading a file that does not exist', 2, () => ['tail', '--input', join(dir, 'missing.txt')], () => `--input: cannot read ${join(dir, 'missing.txt')}: no such file or directory`],
    [
      'datamaps syncing to an HTTP server that is not S3',
      1,
      () => ['datamaps', '--source', `csv:${SAMPLE_CSV}`, '--output', 's3://tiles-bucket/tiles', '--s3-endpoint', `http://127.0.0.1:${httpPort}`, ...statsdArgs()],
      () => 'cannot write to s3://tiles-bucket/tiles/: the server answered HTTP 404 (does the bucket exist, and is the endpoint an S3 server?)',
      s3Env,
    ],
    [
      'datamaps syncing to a TLS endpoint that speaks plain HTTP',
      1,
      () => ['datamaps', '--source', `csv:${SAMPLE_CSV}`, '--output', 's3://tiles-bucket/tiles', '--s3-endpoint', `https://127.0.0.1:${httpPort}`, ...statsdArgs()],
      () => 'cannot write to s3://tiles-bucket/tiles/: the TLS handshake failed: the server does not speak TLS (use http:// for a server without TLS)',
      s3Env,
    ],
    ['datamaps reading a CSV that does not exist', 2, () => ['datamaps', '--source', `csv:${join(dir, 'missing.csv')}`], () => `cannot read CSV source ${join(dir, 'missing.csv')}: no such file or directory (check the path after csv:)`],
    // A path is shown as it is: escaped once, by the error line, only when it holds a control character.
    ['datamaps reading a CSV whose path holds a backslash', 2, () => ['datamaps', '--source', `csv:${join(dir, 'back\\slash.csv')}`], () => `cannot read CSV source ${join(dir, 'back\\slash.csv')}: no such file or directory (check the path after csv:)`],
    ['a config file that does not exist', 2, () => ['send', 'incr', 'x', '--config', join(dir, 'missing.yaml')], () => `cannot read config file ${join(dir, 'missing.yaml')}: no such file or directory (check --config or METRICS_CONFIG)`],
    ['a config file that is a directory', 2, () => ['send', 'incr', 'x', '--config', dir], () => `cannot read config file ${dir}: it is a directory (check --config or METRICS_CONFIG)`],
  ]

  it.each(cases)('%s: one line in our words, exit %i', async (_, code, args, message, env) => {
    const result = await runCli(args(), {env, timeoutMs: 30_000})
    expect(result.stderr).toBe(`Error: ${message()}\n`)
    expect(result.stderr).not.toMatch(RAW_TEXT)
    expect(result.code).toBe(code)
  })

  it('a port already in use, for tail', async () => {
    const busy = net.createServer()
    await new Promise<void>(resolve => busy.listen(0, '127.0.0.1', resolve))
    const port = (busy.address() as net.AddressInfo).port
    try {
      const result = await runCli(['tail', '--tcp', '--port', String(port)])
      expect(result).toMatchObject({code: 1, stderr: `Error: cannot listen on tcp://127.0.0.1:${port}: the address is already in use (is another statsd listening there? --port 0 picks a free port)\n`})
    } finally {
      await new Promise(resolve => busy.close(resolve))
    }
  })
})

describe('a Redis password the server does not need', () => {
  let redis: RedisServer
  let statsd: Listener
  beforeAll(async () => {
    redis = await startRedisServer()
    statsd = await udpListener()
  })
  afterAll(async () => {
    await redis?.stop()
    await statsd?.close()
  })

  const run = (extra: string[]): Promise<CliResult> => runCli(['queues', '--queue', 'q', '--redis', `redis://:not-needed@127.0.0.1:${redis.port}/0`, '--port', String(statsd.port), ...extra])

  it('is no cron mail: the run succeeds and prints nothing', async () => {
    expect(await run([])).toEqual({code: 0, stdout: '', stderr: ''})
  })

  it('is said once in our words in --json, password hidden', async () => {
    const result = await run(['--json'])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    expect(JSON.parse(result.stdout).warnings).toEqual([
      `Redis at redis://:***@127.0.0.1:${redis.port}/0: the server needs no password, but the URL gives one; leave it out, or have the server require it`,
    ])
  })
})
