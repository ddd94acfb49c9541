import net from 'node:net'
import {afterEach, describe, expect, it} from 'vitest'
import {OperationError} from '../../src/errors.js'
import {serveMetrics, type MetricsServer, type ServeMetricsOptions} from '../../src/exporter/http.js'

const open: MetricsServer[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map(server => server.close()))
})

async function serve(options: Partial<ServeMetricsOptions> = {}): Promise<{server: MetricsServer; base: string; scrapes: () => number}> {
  let scrapes = 0
  const server = await serveMetrics({host: '127.0.0.1', port: 0, metrics: async () => `m ${++scrapes}\n`, ...options})
  open.push(server)
  return {server, base: server.address.replace(/\/metrics$/, ''), scrapes: () => scrapes}
}

describe('serveMetrics', () => {
  it('serves /metrics on the port it was given, 0 meaning a free one', async () => {
    const {server, base} = await serve()
    expect(server.address).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/)
    expect(server.address).not.toContain(':0/')
    const response = await fetch(server.address)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8')
    expect(await response.text()).toBe('m 1\n')
    expect(await (await fetch(`${base}/metrics?name[]=x`)).text()).toBe('m 2\n')
  })

  it('answers HEAD without rendering the metrics', async () => {
    const {server, scrapes} = await serve()
    const response = await fetch(server.address, {method: 'HEAD'})
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('version=0.0.4')
    expect(scrapes()).toBe(0)
  })

  it.each([
    ['GET', '/', 200, /<a href="\/metrics">/],
    ['GET', '/-/healthy', 200, /^OK\n$/],
    ['GET', '/-/ready', 200, /^OK\n$/],
    ['GET', '/nope', 404, /^not found\n$/],
    ['GET', '/metrics/', 404, /^not found\n$/],
    ['POST', '/metrics', 405, /^method not allowed\n$/],
    ['DELETE', '/', 405, /^method not allowed\n$/],
    ['POST', '/-/reload', 404, /^not found\n$/],
  ])('%s %s gives %i', async (method, path, status, body) => {
    const {base} = await serve()
    const response = await fetch(`${base}${path}`, {method})
    expect(response.status).toBe(status)
    expect(await response.text()).toMatch(body)
    if (status === 405) expect(response.headers.get('allow')).toBe('GET, HEAD')
  })

  it('reloads on POST or PUT /-/reload when it can, as statsd_exporter --web.enable-lifecycle', async () => {
    let reloads = 0
    const {base} = await serve({onReload: () => reloads++})
    expect((await fetch(`${base}/-/reload`, {method: 'POST'})).status).toBe(200)
    expect((await fetch(`${base}/-/reload`, {method: 'PUT'})).status).toBe(200)
    const get = await fetch(`${base}/-/reload`)
    expect(get.status).toBe(405)
    expect(get.headers.get('allow')).toBe('POST, PUT')
    expect(reloads).toBe(2)
  })

  it('answers 500 with one line when the metrics fail, and keeps serving', async () => {
    let fail = true
    const {server} = await serve({
      metrics: async () => {
        if (fail) throw new Error('status unavailable\nat somewhere')
        return 'ok\n'
      },
    })
    const failed = await fetch(server.address)
    expect(failed.status).toBe(500)
    expect(await failed.text()).toBe('error gathering metrics: status unavailable\n')
    fail = false
    expect(await (await fetch(server.address)).text()).toBe('ok\n')
  })

  it('answers 500 when reloading throws, and keeps serving', async () => {
    const {base, server} = await serve({
      onReload: () => {
        throw new Error('no mapping')
      },
    })
    const response = await fetch(`${base}/-/reload`, {method: 'POST'})
    expect(response.status).toBe(500)
    expect(await response.text()).toBe('no mapping\n')
    expect((await fetch(server.address)).status).toBe(200)
  })

  it('says in one line that the port is in use', async () => {
    const taken = net.createServer()
    await new Promise<void>(resolve => taken.listen(0, '127.0.0.1', resolve))
    const {port} = taken.address() as net.AddressInfo
    try {
      const attempt = serveMetrics({host: '127.0.0.1', port, metrics: async () => ''})
      await expect(attempt).rejects.toBeInstanceOf(OperationError)
      await expect(attempt).rejects.toThrow(`--expose: 127.0.0.1:${port} is already in use`)
    } finally {
      await new Promise(resolve => taken.close(resolve))
    }
  })

  it('says in one line that the address is not this machine\'s', async () => {
    // 192.0.2.0/24 is TEST-NET-1: never a local address.
    await expect(serveMetrics({host: '192.0.2.1', port: 0, metrics: async () => ''})).rejects.toThrow('--expose: 192.0.2.1:0 is not an address of this machine')
  })

  it('brackets an IPv6 host in its address', async () => {
    const server = await serveMetrics({host: '::1', port: 0, metrics: async () => 'v6\n'})
    open.push(server)
    expect(server.address).toMatch(/^http:\/\/\[::1\]:\d+\/metrics$/)
    expect(await (await fetch(server.address)).text()).toBe('v6\n')
  })

  it('closes although a scraper keeps its connection open', async () => {
    const {server} = await serve()
    await (await fetch(server.address, {keepalive: true})).text()
    await server.close()
    open.splice(0)
    await expect(fetch(server.address)).rejects.toThrow()
  })
})
