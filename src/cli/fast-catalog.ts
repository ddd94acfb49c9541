import {executeCheck, type CheckFlags} from '../catalog/check-run.js'
import {checkFlags} from '../catalog/flags.js'
import {runFast} from './fast.js'

/**
 * `metrics catalog check` without oclif: in CI on every push, on catalogues of thousands
 * of metrics. The topic's other commands go to oclif.
 */
export function run(argv: readonly string[]): Promise<number | false> {
  const [verb, ...rest] = argv
  if (verb !== 'check') return Promise.resolve(false)
  return runFast(rest, {
    flags: checkFlags,
    maxArgs: 0,
    async execute(_, flags, io) {
      await executeCheck(flags as CheckFlags, io)
      return 0
    },
  })
}
