import {describe, expect, it} from 'vitest'
import {CLIENT_GRACE_MS, QueryLane, connectError, tableError} from '../../src/sql/session.js'

const after = <T>(ms: number, value: T): Promise<T> => new Promise(resolve => setTimeout(() => resolve(value), ms))

describe('QueryLane', () => {
  it('runs queries one at a time, each timed from its own start', async () => {
    const lane = new QueryLane(CLIENT_GRACE_MS + 50, () => undefined)
    const order: string[] = []
    const started = Date.now()
    // Together they take longer than one deadline; each alone does not.
    const results = await Promise.all(['a', 'b', 'c'].map(name => lane.run(name, async () => {
      order.push(`start ${name}`)
      return after(400, name)
    })))
    expect(results).toEqual(['a', 'b', 'c'])
    expect(order).toEqual(['start a', 'start b', 'start c'])
    expect(Date.now() - started).toBeGreaterThanOrEqual(1150)
  })

  it('gives up on a query that never answers, closes the connection, and fails the queued ones at once', async () => {
    let closed = 0
    const lane = new QueryLane(CLIENT_GRACE_MS + 100, () => closed++)
    const hung = lane.run('slow', () => new Promise<never>(() => undefined))
    const queued = lane.run('next', async () => 'never run')
    await expect(hung).rejects.toThrow('table slow: no answer within 0.1s')
    await expect(queued).rejects.toThrow('table next: not queried, the connection was closed after table slow timed out')
    expect(closed).toBe(1)
  })

  it('passes a query\'s own failure through', async () => {
    const lane = new QueryLane(CLIENT_GRACE_MS, () => undefined)
    await expect(lane.run('t', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    await expect(lane.run('u', async () => 'ok')).resolves.toBe('ok')
  })
})

describe('failure wording', () => {
  it.each([
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {code: 'ECONNREFUSED'}), 'cannot connect: connection refused', 'is the server running and listening on that port?'],
    [Object.assign(new Error('getaddrinfo ENOTFOUND db'), {code: 'ENOTFOUND'}), 'cannot connect: host not found', 'check the host name'],
    [Object.assign(new Error('self-signed certificate'), {code: 'DEPTH_ZERO_SELF_SIGNED_CERT'}), 'cannot connect: TLS: self-signed certificate', expect.stringContaining('--tls require')],
    [new Error('something\nelse   entirely'), 'cannot connect: something', undefined],
  ])('words a connection failure: %s', (error, message, hint) => {
    expect(connectError(error, undefined, {timeoutMs: 1000})).toMatchObject({message, hint})
  })

  it('suggests the lower-case name when a mixed-case table is missing', () => {
    expect(tableError(new Error('x'), 'no-table', {table: 'Cell', timeoutMs: 1000}).hint).toBe('names are matched exactly: did you mean cell?')
  })
})
