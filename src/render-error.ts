import {MetricsError} from './errors.js'
import {redact} from './text/redact.js'
import {terminalText} from './text/visible.js'

export interface RenderedError {
  readonly text: string
  readonly exitCode: number
}

/** oclif's parser errors (unknown flag, missing argument) carry their exit code here. */
interface OclifError {
  readonly message: string
  readonly oclif?: {readonly exit?: number | false}
}

/**
 * The one place an error becomes what the user sees: one line, with a hint when
 * there is one, credentials redacted, and a stack trace only when DEBUG is set.
 */
export function renderError(error: unknown, debug: boolean): RenderedError {
  if (error instanceof MetricsError) {
    const hint = error.hint ? ` (${clean(error.hint)})` : ''
    return {text: `Error: ${clean(error.message)}${hint}` + stack(error, debug), exitCode: error.exitCode}
  }
  const oclifExit = (error as OclifError | undefined)?.oclif?.exit
  if (typeof oclifExit === 'number') {
    const firstLine = clean(String((error as OclifError).message).split('\n')[0])
    return {text: `Error: ${firstLine} (see --help)`, exitCode: oclifExit}
  }
  const message = error instanceof Error ? error.message : String(error)
  return {text: `Error: ${clean(message.split('\n')[0])}` + stack(error, debug), exitCode: 1}
}

/** terminalText, not visible: a message already holds escaped parts, and must not have their backslashes doubled again. */
const clean = (text: string): string => terminalText(redact(text))

function stack(error: unknown, debug: boolean): string {
  return debug && error instanceof Error && error.stack ? '\n' + redact(error.stack) : ''
}
