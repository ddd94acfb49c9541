import {Command, Errors, Interfaces} from '@oclif/core'
import {processIo, type CommandIo} from './cli/io.js'
import {watchStdout} from './cli/stdout.js'
import {commonFlags} from './flags/common.js'
import {toOclifFlags} from './flags/oclif.js'
import {renderError} from './render-error.js'
import {hideRememberedIn} from './text/redact.js'

export type CommandFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof BaseCommand)['baseFlags'] & T['flags']>

/**
 * Every command's base: the shared --config flag, --json, and the single place
 * where errors are rendered as one line and turned into exit codes
 * (0 success, 1 found a problem, 2 could not run as asked), a stdout that cannot be
 * written included (cli/stdout.ts).
 */
export abstract class BaseCommand extends Command {
  static override baseFlags = toOclifFlags(commonFlags)

  protected override async init(): Promise<void> {
    await super.init()
    watchStdout(process.stdout, process.stderr, () => {
      process.exitCode = 1
    })
  }

  /** The process's streams and environment, with a signal aborted by the first Ctrl-C or SIGTERM. */
  protected io(): CommandIo {
    return processIo()
  }

  /** --json: the report with every secret this run was given hidden, wherever a value quotes it. */
  protected override toSuccessJson(result: unknown): unknown {
    return hideRememberedIn(result)
  }

  protected override async catch(error: Error & {exitCode?: number}): Promise<unknown> {
    if (error instanceof Errors.ExitError) throw error
    const rendered = renderError(error, Boolean(process.env.DEBUG))
    if (this.jsonEnabled()) {
      this.logJson({error: {message: rendered.text.replace(/^Error: /, ''), exitCode: rendered.exitCode}})
    } else {
      process.stderr.write(rendered.text + '\n')
    }
    throw new Errors.ExitError(rendered.exitCode)
  }
}
