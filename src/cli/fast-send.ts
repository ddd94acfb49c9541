import {sendFlags, type SendFlags} from '../send/flags.js'
import {runSend, summarizeSend} from '../send/run.js'
import {runFast} from './fast.js'

/** `metrics send` without oclif: it must feel instant. */
export function run(argv: readonly string[]): Promise<number | false> {
  return runFast(argv, {
    flags: sendFlags,
    maxArgs: 3,
    async execute([type, name, value], parsed, io) {
      const flags = parsed as SendFlags
      const report = await runSend({type, name, value}, flags, io)
      if (!flags.quiet) io.stderr.write(summarizeSend(report) + '\n')
      return 0
    },
  })
}
