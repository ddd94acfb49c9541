import {parseArgv, type FlagSpecs, type ParsedFlags} from '../flags/spec.js'
import {renderError} from '../render-error.js'
import {processIo, type CommandIo} from './io.js'
import {watchStdout} from './stdout.js'

/** A command that can also run without oclif: its flag specs and how to run it from parsed argv. */
export interface FastCommand {
  readonly flags: FlagSpecs
  /** Fewer arguments are left to oclif, which says which one is missing. */
  readonly minArgs?: number
  readonly maxArgs: number
  /** Runs the command and resolves to its exit code; errors are rendered by runFast. */
  execute(args: readonly string[], flags: ParsedFlags, io: CommandIo): Promise<number>
}

/**
 * Runs a command without loading oclif, whose start-up costs more than a whole
 * `metrics send`. Argv is parsed from the same flag specs the oclif command is built
 * from; anything this parser does not handle (help, --json, an unknown flag, a
 * parse error worth oclif's wording) returns false, and bin/run.js hands the
 * command to oclif instead. Otherwise returns the exit code.
 */
export async function runFast(argv: readonly string[], command: FastCommand): Promise<number | false> {
  if (argv.some(arg => arg === '--help' || arg === '-h' || arg === '--json' || arg === '--')) return false
  const parsed = parseArgv(argv, command.flags, command.maxArgs)
  if (!parsed || parsed.args.length < (command.minArgs ?? 0)) return false
  // A write that fails after the command has returned its code still makes the exit code 1.
  let stdoutFailed = false
  watchStdout(process.stdout, process.stderr, () => {
    stdoutFailed = true
    process.exitCode = 1
  })
  try {
    const code = await command.execute(parsed.args, parsed.flags, processIo())
    return stdoutFailed ? Math.max(code, 1) : code
  } catch (error) {
    const rendered = renderError(error, Boolean(process.env.DEBUG))
    process.stderr.write(rendered.text + '\n')
    return rendered.exitCode
  }
}
