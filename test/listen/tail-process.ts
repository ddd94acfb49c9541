import {spawn} from 'node:child_process'
import {CLI, type CliResult} from '../support/run-cli.js'

/** A `metrics tail` running in the background, as a user starts it. */
export interface TailProcess {
  /** Where it listens, from its `listening on ...` line. */
  readonly address: string
  readonly port: number
  /** Output so far. */
  stdout(): string
  stderr(): string
  /** Resolves with stderr once it matches `pattern` (within 15 s). */
  waitForStderr(pattern: RegExp): Promise<RegExpExecArray>
  /** Sends a signal without waiting for an exit (SIGHUP reloads --mapping). */
  kill(signal: NodeJS.Signals): void
  /** Stops it as Ctrl-C does (or with another signal) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<CliResult>
  /** Resolves when it exits by itself (--count, --duration). */
  readonly exited: Promise<CliResult>
}

export interface TailLimits {
  /** `ulimit -n` for the tail process. */
  readonly openFiles?: number
}

/** Starts `metrics tail ...args` and waits until it listens. Colour is off, and the caller's STATSD_* do not leak in. */
export async function startTail(args: readonly string[], env: NodeJS.ProcessEnv = {}, limits: TailLimits = {}): Promise<TailProcess> {
  const inherited = Object.entries(process.env).filter(([key]) => !/^(STATSD_|DD_|METRICS_CONFIG$)/.test(key))
  const command = [process.execPath, CLI, 'tail', ...args]
  // Through a shell that lowers the limit, then becomes node: signals still reach tail itself.
  const [file, ...argv] = limits.openFiles === undefined ? command : ['/bin/sh', '-c', `ulimit -n ${limits.openFiles} && exec "$0" "$@"`, ...command]
  const child = spawn(file, argv, {env: {...Object.fromEntries(inherited), NO_COLOR: '1', ...env}, stdio: ['ignore', 'pipe', 'pipe']})
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', chunk => (stdout += chunk))
  child.stderr.on('data', chunk => (stderr += chunk))
  const exited = new Promise<CliResult>(resolve => child.on('close', code => resolve({code, stdout, stderr})))
  const deadline = Date.now() + 15_000
  let listening: RegExpExecArray | null = null
  while (!(listening = /listening on (\S+)/.exec(stderr))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`tail did not start (exit ${child.exitCode}): ${stderr}`)
    }
    await new Promise(resolve => setTimeout(resolve, 20))
  }
  const address = listening[1]
  return {
    address,
    port: Number(/:(\d+)$/.exec(address)?.[1] ?? 0),
    stdout: () => stdout,
    stderr: () => stderr,
    async waitForStderr(pattern) {
      const until = Date.now() + 15_000
      for (let found = pattern.exec(stderr); ; found = pattern.exec(stderr)) {
        if (found) return found
        if (child.exitCode !== null || Date.now() > until) throw new Error(`stderr never matched ${pattern}: ${stderr}`)
        await new Promise(resolve => setTimeout(resolve, 20))
      }
    },
    kill: signal => void child.kill(signal),
    async stop(signal = 'SIGINT') {
      if (child.exitCode === null) child.kill(signal)
      return exited
    },
    exited,
  }
}
