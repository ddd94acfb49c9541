import {spawn} from 'node:child_process'
import {createRequire} from 'node:module'
import {fileURLToPath, pathToFileURL} from 'node:url'

/** The built CLI, run as a user runs it. Build first: `npm test` does (pretest). */
export const CLI = fileURLToPath(new URL('../../bin/run.js', import.meta.url))

export interface CliResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

export interface CliOptions {
  readonly input?: string | Buffer
  readonly env?: NodeJS.ProcessEnv
  readonly cwd?: string
  /** Kill the process after this long (it then resolves with code null). */
  readonly timeoutMs?: number
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** Runs `node bin/run.js ...args` with a clean environment for the statsd variables and colour off. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return runNode([CLI, ...args], options)
}

/**
 * The same command through oclif, as `--help` and anything a fast path declines run it:
 * to check that a fast path gives the same output and exit code.
 */
export function runThroughOclif(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  // oclif found from here, not from the working directory the command runs in.
  const oclif = pathToFileURL(createRequire(import.meta.url).resolve('@oclif/core')).href
  const script = `import {execute} from ${JSON.stringify(oclif)}; await execute({dir: ${JSON.stringify(ROOT)}, args: ${JSON.stringify(args)}})`
  return runNode(['--input-type=module', '-e', script], options)
}

function runNode(nodeArgs: readonly string[], options: CliOptions): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    // The caller's own STATSD_*, DD_* and METRICS_CONFIG must not leak into a test.
    const inherited = Object.entries(process.env).filter(([key]) => !/^(STATSD_|DD_|METRICS_CONFIG$)/.test(key))
    const env: NodeJS.ProcessEnv = {...Object.fromEntries(inherited), NO_COLOR: '1', ...options.env}
    const child = spawn(process.execPath, nodeArgs, {cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe']})
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    child.stdout.on('data', chunk => stdout.push(chunk))
    child.stderr.on('data', chunk => stderr.push(chunk))
    child.on('error', reject)
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined
    child.on('close', code => {
      clearTimeout(timer)
      resolve({code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8')})
    })
    child.stdin.on('error', () => undefined)
    child.stdin.end(options.input ?? '')
  })
}
