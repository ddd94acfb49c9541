import type {Transferable, Worker} from 'node:worker_threads'
import {OperationError} from '../errors.js'

/** What a worker posts back for each request (see workers/serve.ts). */
export type WorkerReply<Response> = {readonly ok: true; readonly value: Response} | {readonly ok: false; readonly message: string}

interface Task<Request, Response> {
  readonly request: Request
  readonly transfer: readonly Transferable[]
  readonly resolve: (value: Response) => void
  readonly reject: (error: Error) => void
}

/**
 * A fixed set of worker threads, one request each at a time, the rest queued. Workers
 * start once and keep their buffers between requests. A worker that dies fails the
 * whole pool: the job is deterministic, so retrying elsewhere would fail the same way.
 */
export class WorkerPool<Request, Response> {
  private readonly idle: Worker[] = []
  private readonly busy = new Map<Worker, Task<Request, Response>>()
  private readonly queue: Array<Task<Request, Response>> = []
  private failure: Error | undefined

  private constructor(private readonly workers: readonly Worker[]) {
    for (const worker of workers) {
      worker.on('message', (reply: WorkerReply<Response>) => this.settle(worker, reply))
      worker.on('error', error => this.fail(new OperationError(`a datamaps worker failed: ${error.message}`)))
      worker.on('exit', code => {
        if (code !== 0) this.fail(new OperationError(`a datamaps worker exited with code ${code}`))
      })
      this.idle.push(worker)
    }
  }

  /** Starts `size` workers from a compiled module, each given `workerData`. */
  static async start<Request, Response>(url: URL, size: number, workerData?: unknown): Promise<WorkerPool<Request, Response>> {
    const {Worker} = await import('node:worker_threads')
    return new WorkerPool(Array.from({length: size}, () => new Worker(url, {workerData})))
  }

  get size(): number {
    return this.workers.length
  }

  run(request: Request, transfer: readonly Transferable[] = []): Promise<Response> {
    if (this.failure) return Promise.reject(this.failure)
    return new Promise<Response>((resolve, reject) => {
      this.queue.push({request, transfer, resolve, reject})
      this.dispatch()
    })
  }

  /** Stops every worker; requests still queued or running are rejected. */
  async close(): Promise<void> {
    this.fail(new OperationError('the datamaps workers were stopped'))
    await Promise.all(this.workers.map(worker => worker.terminate()))
  }

  private dispatch(): void {
    for (;;) {
      const task = this.idle.length > 0 ? this.queue.shift() : undefined
      const worker = task && this.idle.pop()
      if (!task || !worker) return
      this.busy.set(worker, task)
      worker.postMessage(task.request, [...task.transfer])
    }
  }

  private settle(worker: Worker, reply: WorkerReply<Response>): void {
    const task = this.busy.get(worker)
    if (!task) return
    this.busy.delete(worker)
    this.idle.push(worker)
    if (reply.ok) task.resolve(reply.value)
    else task.reject(new OperationError(`a datamaps worker failed: ${reply.message}`))
    this.dispatch()
  }

  private fail(error: Error): void {
    this.failure ??= error
    for (const task of [...this.busy.values(), ...this.queue.splice(0)]) task.reject(this.failure)
    this.busy.clear()
  }
}
