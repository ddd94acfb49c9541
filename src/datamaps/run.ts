import type {Readable, Writable} from 'node:stream'
import {locateConfigFile, readConfigFile, resolveFromConfig} from '../config/file.js'
import {emitToSinks} from '../emit/sinks.js'
import {OperationError, UsageError} from '../errors.js'
import {terminalText, visible} from '../text/visible.js'
import type {DatamapsFlags} from './flags.js'
import type {InvalidRowsReport} from './invalid.js'
import {runDatamapsJob, type JobReport} from './job.js'
import {jobObservations, jobSamples} from './metrics.js'
import {SILENT_PROGRESS, TtyProgress} from './progress.js'
import {resolveDatamapsSettings} from './settings.js'
import {summaryTable} from './summary.js'

export interface DatamapsIo {
  readonly env: NodeJS.ProcessEnv
  readonly cwd: string
  readonly stdin: Readable
  readonly stdout: Writable
  readonly stderr: Writable & {readonly isTTY?: boolean}
  readonly signal: AbortSignal
  /** --json: the report is the output, so no table and no progress. */
  readonly json: boolean
}

/**
 * `metrics datamaps`: settings → the job → metrics to the sinks → the summary.
 * Tiles that failed to sync, and sinks that failed, fail the run (exit 1) after
 * everything else has been done and reported.
 */
export async function runDatamaps(flags: DatamapsFlags, io: DatamapsIo): Promise<JobReport> {
  const settings = resolveFromConfig(readConfigFile(locateConfigFile(flags.config, io.env, io.cwd)), config => resolveDatamapsSettings(flags, io.env, config))
  if (io.json && settings.sinks.print) throw new UsageError('--print and --json would both write to stdout', 'write the Prometheus text with --textfile instead, or leave out --json')
  const quiet = flags.quiet === true || io.json
  const report = await runDatamapsJob({
    ...settings,
    stdin: io.stdin,
    signal: io.signal,
    progress: !quiet && io.stderr.isTTY ? new TtyProgress(io.stderr) : SILENT_PROGRESS,
  })
  if (report.invalid.count > 0) io.stderr.write(describeInvalid(report.invalid))
  const {errors: sinkFailures} = await emitToSinks(settings.sinks, {samples: jobSamples(report), observations: jobObservations(report, new Date())}, {stdout: io.stdout, skipEmpty: true, signal: io.signal, timeoutMs: settings.timeoutMs})
  // With --print, stdout is the Prometheus text; the table moves out of its way.
  if (!quiet) (settings.sinks.print ? io.stderr : io.stdout).write(summaryTable(report) + '\n')
  if (report.sync.tile_failed > 0) {
    throw new OperationError(`${report.sync.tile_failed} ${report.sync.tile_failed === 1 ? 'tile' : 'tiles'} failed to sync to ${report.output}; first: ${terminalText(report.firstFailure ?? '')}`, 'run again to retry them')
  }
  if (sinkFailures.length > 0) {
    const more = sinkFailures.length > 1 ? ` (and ${sinkFailures.length - 1} more)` : ''
    throw new OperationError(`tiles synced, but the metrics were not delivered: ${sinkFailures[0].message}${more}`, sinkFailures[0].hint)
  }
  return report
}

function describeInvalid(invalid: InvalidRowsReport): string {
  const lines = invalid.examples.map(row => `warning: ${visible(row.where)}: ${visible(row.reason)}`)
  const unshown = invalid.count - invalid.examples.length
  if (unshown > 0) lines.push(`warning: … and ${unshown.toLocaleString('en-US')} more invalid rows`)
  lines.push(`warning: ${invalid.count.toLocaleString('en-US')} invalid ${invalid.count === 1 ? 'row was' : 'rows were'} skipped`)
  return lines.join('\n') + '\n'
}
