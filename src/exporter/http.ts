/**
 * The HTTP side of `tail --expose`, laid out like statsd_exporter's: /metrics, a landing
 * page at /, /-/healthy and /-/ready for probes, and POST or PUT /-/reload when reloading
 * is possible (statsd_exporter's --web.enable-lifecycle).
 */
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import {OperationError} from '../errors.js'
import {formatHostPort} from '../text/host-port.js'

export interface ServeMetricsOptions {
  readonly host: string
  /** 0 picks a free port. */
  readonly port: number
  /** The exposition text, or its UTF-8 bytes; a rejection answers 500 with its message. */
  readonly metrics: () => Promise<string | Uint8Array>
  /** Enables /-/reload. */
  readonly onReload?: () => void
}

export interface MetricsServer {
  /** Where /metrics is served, with the port actually bound, e.g. http://127.0.0.1:9102/metrics. */
  readonly address: string
  close(): Promise<void>
}

const LANDING_PAGE = '<!DOCTYPE html>\n<html><head><title>metrics tail</title></head><body><h1>metrics tail --expose</h1><p><a href="/metrics">Metrics</a></p></body></html>\n'

export async function serveMetrics(options: ServeMetricsOptions): Promise<MetricsServer> {
  // Loaded here, not with the module: tail's analysis thread imports this without --expose too.
  const {Registry} = await import('prom-client')
  const contentType = Registry.PROMETHEUS_CONTENT_TYPE
  const server = http.createServer((request, response) => {
    // A failing onReload must not take the thread down with an unhandled rejection.
    respond(options, contentType, request, response).catch((error: unknown) => {
      if (response.headersSent) response.destroy()
      else reply(response, 500, 'text/plain; charset=utf-8', `${firstLine(error)}\n`)
    })
  })
  const where = formatHostPort(options.host, options.port)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  }).catch((error: NodeJS.ErrnoException) => {
    throw new OperationError(`--expose: ${where} ${listenProblem(error)}`)
  })
  const {port} = server.address() as AddressInfo
  return {
    address: `http://${formatHostPort(options.host, port)}/metrics`,
    close: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve())
        // Scrapers keep connections alive; close() alone would wait for them.
        server.closeAllConnections()
      }),
  }
}

async function respond(options: ServeMetricsOptions, contentType: string, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const path = (request.url ?? '/').split('?', 1)[0]
  const method = request.method ?? 'GET'
  const reading = method === 'GET' || method === 'HEAD'
  switch (path) {
    case '/metrics': {
      if (!reading) return reply(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n', {Allow: 'GET, HEAD'})
      if (method === 'HEAD') return reply(response, 200, contentType, '')
      let text: string | Uint8Array
      try {
        text = await options.metrics()
      } catch (error) {
        return reply(response, 500, 'text/plain; charset=utf-8', `error gathering metrics: ${firstLine(error)}\n`)
      }
      return reply(response, 200, contentType, text)
    }
    case '/':
      return reading ? reply(response, 200, 'text/html; charset=utf-8', LANDING_PAGE) : reply(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n', {Allow: 'GET, HEAD'})
    case '/-/healthy':
    case '/-/ready':
      return reading ? reply(response, 200, 'text/plain; charset=utf-8', 'OK\n') : reply(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n', {Allow: 'GET, HEAD'})
    case '/-/reload':
      if (options.onReload === undefined) break
      if (method !== 'POST' && method !== 'PUT') return reply(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n', {Allow: 'POST, PUT'})
      options.onReload()
      return reply(response, 200, 'text/plain; charset=utf-8', 'Requesting reload\n')
  }
  reply(response, 404, 'text/plain; charset=utf-8', 'not found\n')
}

function reply(response: http.ServerResponse, status: number, contentType: string, body: string | Uint8Array, headers: Record<string, string> = {}): void {
  const head = response.req.method === 'HEAD'
  // HEAD /metrics does not render the exposition, so it has no length to give.
  const length = head && body.length === 0 ? {} : {'Content-Length': String(Buffer.byteLength(body))}
  response.writeHead(status, {'Content-Type': contentType, ...length, ...headers})
  response.end(head ? undefined : body)
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n', 1)[0]
}

function listenProblem(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'EADDRINUSE': return 'is already in use'
    case 'EACCES': return 'is not allowed (a port below 1024 needs privileges)'
    case 'EADDRNOTAVAIL': return 'is not an address of this machine'
    case 'ENOTFOUND':
    case 'EAI_AGAIN': return 'does not resolve to an address'
    default: return `cannot be listened on: ${error.message}`
  }
}
