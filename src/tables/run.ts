import type {Writable} from 'node:stream'
import {setTimeout as sleep} from 'node:timers/promises'
import {locateConfigFile, readConfigFile, resolveFromConfig} from '../config/file.js'
import {resolveSinks} from '../config/sinks.js'
import {section} from '../config/values.js'
import {emitToSinks} from '../emit/sinks.js'
import {OperationError} from '../errors.js'
import {formatDuration, sampleTables, tableAgeSamples, tableTimestampObservations, type TableReading, type TablesProblem} from '../sample/sql-tables.js'
import type {OpenSession} from '../sql/session.js'
import {redact} from '../text/redact.js'
import {terminalText, visible} from '../text/visible.js'
import {TABLES_JOB, type TablesFlags} from './flags.js'
import {planTables} from './plan.js'

export interface TablesIo {
  readonly env: NodeJS.ProcessEnv
  readonly cwd: string
  readonly stdout: Writable & {readonly isTTY?: boolean}
  readonly stderr: Writable
  /** Ctrl-C or SIGTERM: the run stops at once, and a round in progress sends nothing. */
  readonly signal: AbortSignal
  readonly open: OpenSession
  /** Whether a human reads stdout: a summary of the gauges is printed then. */
  readonly summary: boolean
}

/** The last round, as `--json` prints it. */
export interface TablesReport {
  readonly rounds: number
  readonly readings: readonly TableReading[]
  readonly problems: readonly TablesProblem[]
}

/**
 * `metrics tables`: read, emit, and in a loop with --interval. Problems are one line
 * each on stderr; a run with any problem ends with exit 1, after every gauge that
 * could be read was emitted.
 */
export async function runTables(flags: TablesFlags, io: TablesIo): Promise<TablesReport> {
  const {plan, sinks} = resolveFromConfig(readConfigFile(locateConfigFile(flags.config, io.env, io.cwd)), config => {
    const plan = planTables(flags, io.env, config)
    const where = `${config.path ?? 'config file'} tables`
    return {plan, sinks: resolveSinks(flags, io.env, config, section(config.document, 'tables', config.path), where, {defaultJob: TABLES_JOB, method: 'post', pushTimeoutMs: plan.timeoutMs})}
  })

  let rounds = 0
  let roundsWithProblems = 0
  let report: TablesReport = {rounds, readings: [], problems: []}
  for (;;) {
    const started = performance.now()
    const round = await sampleTables(plan.databases, {open: io.open, timeoutMs: plan.timeoutMs, now: Date.now, signal: io.signal})
    if (io.signal.aborted) {
      // What the stop cut short is not sent. A loop runs until it is stopped; a single run did not do its job.
      if (plan.intervalMs !== undefined) break
      throw new OperationError(`interrupted while reading ${plan.databases.map(database => database.target.label).join(', ')}; nothing sent`)
    }
    const gauges = {samples: tableAgeSamples(round.readings), observations: tableTimestampObservations(round.readings)}
    const {errors} = await emitToSinks(sinks, gauges, {stdout: io.stdout, skipEmpty: true, signal: io.signal, timeoutMs: plan.timeoutMs})
    const problems = [...round.problems, ...errors.map(({message, hint}) => ({message, ...(hint === undefined ? {} : {hint})}))]
    rounds++
    report = {rounds, readings: round.readings, problems}
    if (io.summary && !sinks.print) io.stdout.write(summarize(round.readings))
    if (problems.length > 0) roundsWithProblems++
    const interval = plan.intervalMs
    if (interval === undefined && problems.length > 0) {
      // Run once: every problem is one line, and the last one is the command's error.
      const final = problems[problems.length - 1]
      for (const problem of problems.slice(0, -1)) io.stderr.write(formatProblem(problem) + '\n')
      throw new OperationError(final.message, final.hint)
    }
    for (const problem of problems) io.stderr.write(formatProblem(problem) + '\n')
    if (interval === undefined || rounds === plan.count || io.signal.aborted) break
    const stopped = await sleep(Math.max(0, interval - (performance.now() - started)), false, {signal: io.signal}).catch(() => true)
    if (stopped) break
  }
  if (roundsWithProblems > 0) throw new OperationError(`${roundsWithProblems} of ${rounds} rounds had problems (see above)`)
  return report
}

function formatProblem(problem: TablesProblem): string {
  return terminalText(redact(`Error: ${problem.message}${problem.hint === undefined ? '' : ` (${problem.hint})`}`))
}

/** One line per gauge, for a person at a terminal. */
export function summarize(readings: readonly TableReading[]): string {
  const width = Math.max(0, ...readings.map(reading => reading.name.length))
  return readings
    .map(reading => {
      const age = reading.newestMs === null ? 'no rows' : reading.futureMs === undefined ? `${formatDuration(reading.ageMs)} old` : `${formatDuration(reading.futureMs)} in the future`
      const newest = reading.newestMs === null ? '' : `  newest ${new Date(reading.newestMs).toISOString()}`
      return visible(`${reading.name.padEnd(width)}  ${age}${newest}${reading.partial ? '  (some tables unread)' : ''}`) + '\n'
    })
    .join('')
}
