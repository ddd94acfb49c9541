import {describe, expect, it} from 'vitest'
import {startTogether, stopOnFailure, type Stoppable} from './start-together.js'

function server(name: string, stopped: string[]): Stoppable & {readonly name: string} {
  return {name, stop: async () => void stopped.push(name)}
}

describe('startTogether', () => {
  it('gives what was started, in order, and stops nothing', async () => {
    const stopped: string[] = []
    const [a, b] = await startTogether([Promise.resolve(server('a', stopped)), Promise.resolve(server('b', stopped))])
    expect([a.name, b.name]).toEqual(['a', 'b'])
    expect(stopped).toEqual([])
  })

  it('stops what did start when another start fails, then throws that failure', async () => {
    const stopped: string[] = []
    const late = new Promise<Stoppable>(resolve => setTimeout(() => resolve(server('late', stopped)), 20))
    await expect(startTogether([Promise.resolve(server('a', stopped)), Promise.reject(new Error('no pushgateway')), late])).rejects.toThrow('no pushgateway')
    expect(stopped.sort()).toEqual(['a', 'late'])
  })
})

describe('stopOnFailure', () => {
  it('stops the server when the next step fails', async () => {
    const stopped: string[] = []
    await expect(stopOnFailure(server('master', stopped), () => Promise.reject(new Error('sentinel did not start')))).rejects.toThrow('sentinel did not start')
    expect(stopped).toEqual(['master'])
  })

  it('leaves it running when the next step succeeds', async () => {
    const stopped: string[] = []
    await expect(stopOnFailure(server('master', stopped), async () => 'sentinel')).resolves.toBe('sentinel')
    expect(stopped).toEqual([])
  })
})
