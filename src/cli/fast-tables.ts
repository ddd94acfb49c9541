import {openSession} from '../sql/open.js'
import {tablesFlags, type TablesFlags} from '../tables/flags.js'
import {runTables} from '../tables/run.js'
import {runFast} from './fast.js'
import {outputIo} from './io.js'
import {redactStderr} from './redact-stderr.js'

/** `metrics tables` without oclif: from cron, start-up is most of its time. */
export function run(argv: readonly string[]): Promise<number | false> {
  return runFast(argv, {
    flags: tablesFlags,
    maxArgs: 0,
    async execute(_, parsed, io) {
      redactStderr()
      const flags = parsed as TablesFlags
      await runTables(flags, {...outputIo(io), open: openSession, summary: io.stdout.isTTY === true && !flags.quiet})
      return 0
    },
  })
}
