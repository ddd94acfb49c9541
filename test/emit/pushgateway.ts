import {spawn, type ChildProcess} from 'node:child_process'
import {existsSync} from 'node:fs'
import {deadTcpPort} from '../support/listeners.js'

/**
 * Debian's prometheus-pushgateway package (installed by scripts/test-services.sh,
 * npm test's pretest step). Tests that need it fail, never skip, when it is missing.
 */
export const PUSHGATEWAY_BINARY = process.env.PUSHGATEWAY_BINARY ?? '/usr/bin/prometheus-pushgateway'

export interface RunningPushgateway {
  readonly url: string
  /** The gateway's own exposition, which includes every pushed group. */
  metrics(): Promise<string>
  stop(): Promise<void>
}

/** Starts a real Pushgateway on a free port, in memory only, and waits until it is ready. */
export async function startPushgateway(): Promise<RunningPushgateway> {
  if (!existsSync(PUSHGATEWAY_BINARY)) {
    throw new Error(`${PUSHGATEWAY_BINARY} is missing: run scripts/test-services.sh or apt-get install -y prometheus-pushgateway (or set PUSHGATEWAY_BINARY)`)
  }
  const port = await deadTcpPort()
  const child = spawn(PUSHGATEWAY_BINARY, [`--web.listen-address=127.0.0.1:${port}`, '--persistence.file=', '--log.level=error'], {stdio: ['ignore', 'ignore', 'pipe']})
  let stderr = ''
  child.stderr?.on('data', chunk => (stderr += String(chunk)))
  const url = `http://127.0.0.1:${port}`
  await waitUntilReady(url, child, () => stderr)
  return {
    url,
    metrics: async () => (await fetch(`${url}/metrics`)).text(),
    stop: () => stop(child),
  }
}

async function waitUntilReady(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`pushgateway exited with ${child.exitCode}: ${stderr()}`)
    try {
      if ((await fetch(`${url}/-/ready`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  child.kill('SIGKILL')
  throw new Error(`pushgateway at ${url} was not ready within 10 s: ${stderr()}`)
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise(resolve => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}
