import {queuesFlags, type QueuesFlags} from '../queues/flags.js'
import {runQueues} from '../queues/run.js'
import {runFast} from './fast.js'
import {outputIo} from './io.js'
import {redactStderr} from './redact-stderr.js'

/** `metrics queues` without oclif: from cron every minute, start-up is most of its time. */
export function run(argv: readonly string[]): Promise<number | false> {
  return runFast(argv, {
    flags: queuesFlags,
    maxArgs: 0,
    async execute(_, flags, io) {
      redactStderr()
      const report = await runQueues(flags as QueuesFlags, {...outputIo(io), json: false})
      return report.failedSamples > 0 ? 1 : 0
    },
  })
}
