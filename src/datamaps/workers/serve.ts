import {parentPort, type Transferable} from 'node:worker_threads'
import type {WorkerReply} from '../pool.js'

/** A handler's answer, and the buffers to move (not copy) back to the main thread. */
export interface Handled<Response> {
  readonly value: Response
  readonly transfer?: readonly Transferable[]
}

/** The worker side of WorkerPool: one request at a time, errors sent back as messages. */
export function serve<Request, Response>(handle: (request: Request) => Handled<Response> | Promise<Handled<Response>>): void {
  const port = parentPort
  if (!port) throw new Error('a datamaps worker module must run in a worker thread')
  port.on('message', async (request: Request) => {
    let reply: WorkerReply<Response>
    let transfer: readonly Transferable[] = []
    try {
      const handled = await handle(request)
      reply = {ok: true, value: handled.value}
      transfer = handled.transfer ?? []
    } catch (error) {
      reply = {ok: false, message: error instanceof Error ? error.message : String(error)}
    }
    port.postMessage(reply, [...transfer])
  })
}
