import type {Readable, Writable} from 'node:stream'
import {locateConfigFile, readConfigFile} from '../config/file.js'
import {OperationError} from '../errors.js'
import {readInput} from '../io/files.js'
import {writeReport} from './report.js'
import {lintOptions, runLint, type LintFlags} from './run.js'

export interface LintIo {
  readonly env: NodeJS.ProcessEnv
  readonly cwd: string
  readonly stdin: Readable
  readonly stdout: Writable & {readonly isTTY?: boolean}
}

/** `metrics lint` from parsed argv to output: shared by the oclif command and the fast path. */
export async function executeLint(files: readonly string[], flags: LintFlags, io: LintIo): Promise<void> {
  // The metrics config file is checked as every command checks it, though lint reads nothing from it yet.
  readConfigFile(locateConfigFile(flags.config, io.env, io.cwd))
  const options = lintOptions(files, flags, io.env, io.stdout.isTTY === true)
  const {output, failure} = await runLint(options, path => readInput(path, io.stdin))
  writeReport(io.stdout, output)
  if (failure !== undefined) throw new OperationError(failure)
}
