import {renderError} from '../render-error.js'
import {interruptSignal} from './interrupt.js'
import {parseArgv} from '../flags/spec.js'
import {sendFlags, type SendFlags} from '../send/flags.js'
import {runSend, summarizeSend} from '../send/run.js'

/**
 * `metrics send` without oclif: loading oclif costs more than the whole send, and
 * `metrics send` must feel instant. Argv is parsed from the same flag specs the oclif
 * command is built from; anything this parser does not handle (help, --json, an
 * unknown flag, a parse error worth oclif's wording) returns false, and bin/run.js
 * hands the command to oclif instead. Returns the exit code otherwise.
 */
export async function runSendFast(argv: readonly string[]): Promise<number | false> {
  if (argv.some(arg => arg === '--help' || arg === '-h' || arg === '--json' || arg === '--')) return false
  const parsed = parseArgv(argv, sendFlags, 3)
  if (!parsed) return false
  const flags = parsed.flags as SendFlags
  const [type, name, value] = parsed.args
  try {
    const report = await runSend({type, name, value}, flags, {
      env: process.env,
      cwd: process.cwd(),
      stdin: process.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
      signal: interruptSignal(),
    })
    if (!flags.quiet) process.stderr.write(summarizeSend(report) + '\n')
    return 0
  } catch (error) {
    const rendered = renderError(error, Boolean(process.env.DEBUG))
    process.stderr.write(rendered.text + '\n')
    return rendered.exitCode
  }
}
