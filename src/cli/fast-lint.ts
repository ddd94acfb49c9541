import {executeLint} from '../lint/execute.js'
import {lintFlags} from '../lint/flags.js'
import type {LintFlags} from '../lint/run.js'
import {runFast} from './fast.js'

/** `metrics lint` without oclif: in CI on every push, on configs of thousands of mappings. */
export function run(argv: readonly string[]): Promise<number | false> {
  return runFast(argv, {
    flags: lintFlags,
    maxArgs: Number.POSITIVE_INFINITY,
    async execute(files, flags, io) {
      await executeLint(files, flags as LintFlags, io)
      return 0
    },
  })
}
