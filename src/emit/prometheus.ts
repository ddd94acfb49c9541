/**
 * The Prometheus sinks: exposition text (for stdout and node_exporter's textfile
 * collector) and the Pushgateway, all from one flat list of gauge observations.
 * prom-client does the formatting and the HTTP; it is imported when first needed so
 * that importing this module costs nothing at start-up.
 *
 * Shared by `metrics queues`, `metrics tables` and `metrics datamaps`; the exported
 * names and shapes here are a stable API.
 */
import {basename, dirname, join} from 'node:path'
import type {Registry} from 'prom-client'
import {OperationError, UsageError} from '../errors.js'
import {onAbort} from '../io/abort.js'
import {formatSeconds} from '../text/seconds.js'
import {redact} from '../text/redact.js'
import {httpTransportFailure} from '../text/transport-failure.js'
import {describeError} from '../text/system-error.js'

/** One gauge value. Observations that share a name become one metric family. */
export interface GaugeObservation {
  /** A Prometheus metric name, e.g. `queue_length`. */
  readonly name: string
  /** HELP text of the family; the first observation of a name gives it. */
  readonly help: string
  readonly labels: Readonly<Record<string, string>>
  readonly value: number
}

export interface PushgatewayTarget {
  /** Base URL of the Pushgateway, e.g. `http://pushgateway:9091`; may carry basic-auth credentials. */
  readonly url: string
  readonly job: string
  /** Extra grouping key labels after the job: `/metrics/job/<job>/<label>/<value>…`. */
  readonly groupings?: Readonly<Record<string, string>>
  /**
   * `put` (default) replaces the whole group, so a series that stopped being sampled
   * disappears; `post` replaces only the metric names pushed.
   */
  readonly method?: 'put' | 'post'
  /** How long a push may take, the gateway's answer included (the run's --timeout), in milliseconds. */
  readonly timeoutMs?: number
}

// From https://prometheus.io/docs/concepts/data_model/#metric-names-and-labels
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/
// A Pushgateway's 400 body quotes the whole offending series; the start says what was wrong.
const MAX_REASON_CHARS = 300

/**
 * Checks every observation before anything is formatted or sent, so that one bad
 * name fails the whole batch with a message naming it (a Pushgateway rejects a body
 * with one bad series wholesale anyway). Throws a UsageError: names come from flags
 * and config files.
 */
export function validateObservations(observations: readonly GaugeObservation[]): void {
  const seen = new Set<string>()
  for (const {name, labels, value} of observations) {
    if (!METRIC_NAME.test(name)) throw new UsageError(`invalid Prometheus metric name ${JSON.stringify(name)}`, 'use letters, digits, _ and :, not starting with a digit')
    for (const label of Object.keys(labels)) {
      if (!LABEL_NAME.test(label) || label.startsWith('__')) {
        throw new UsageError(`invalid Prometheus label name ${JSON.stringify(label)} on ${name}`, 'use letters, digits and _, not starting with a digit or __')
      }
    }
    if (typeof value !== 'number') throw new UsageError(`value of ${name} must be a number, got ${JSON.stringify(value)}`)
    const series = seriesKey(name, labels)
    if (seen.has(series)) throw new UsageError(`duplicate Prometheus series ${name}${JSON.stringify(labels)}`, 'each name and label set may be observed once per run')
    seen.add(series)
  }
}

/** A fresh prom-client Registry holding one Gauge per observed name (never the global registry). */
export async function toRegistry(observations: readonly GaugeObservation[]): Promise<Registry> {
  validateObservations(observations)
  const {Gauge, Registry} = await import('prom-client')
  const registry = new Registry()
  for (const [name, family] of groupByName(observations)) {
    const labelNames = [...new Set(family.flatMap(observation => Object.keys(observation.labels)))].sort()
    const gauge = new Gauge({name, help: family[0].help, labelNames, registers: [registry]})
    for (const {labels, value} of family) gauge.set(labels, value)
  }
  return registry
}

/** The text exposition format of the observations, families in first-seen order. */
export async function toPrometheusText(observations: readonly GaugeObservation[]): Promise<string> {
  return (await toRegistry(observations)).metrics()
}

/**
 * Pushes the observations to a Pushgateway group. Throws an OperationError naming
 * the gateway (password redacted) and the reason when the push fails.
 */
export async function pushToGateway(target: PushgatewayTarget, observations: readonly GaugeObservation[], interrupt?: AbortSignal): Promise<void> {
  checkGroupingKey(target)
  const registry = await toRegistry(observations)
  const {Pushgateway} = await import('prom-client')
  // One signal gives the request up on Ctrl-C or SIGTERM, or once the push has taken timeoutMs:
  // a gateway that accepts and never answers, or answers a byte at a time, holds no run past it.
  const giveUp = new AbortController()
  const unwatch = onAbort(interrupt, () => giveUp.abort())
  const deadline = target.timeoutMs === undefined ? undefined : setTimeout(() => giveUp.abort(), target.timeoutMs)
  // prom-client hands these options to http.request. `timeout` replaces the agent's socket timeout (5 s in Node 20's global agent).
  const gateway = new Pushgateway(target.url, {...(target.timeoutMs === undefined ? {} : {timeout: target.timeoutMs}), signal: giveUp.signal}, registry)
  const parameters = {jobName: target.job, groupings: encodeGroupings(target.groupings ?? {})}
  try {
    await (target.method === 'post' ? gateway.pushAdd(parameters) : gateway.push(parameters))
  } catch (error) {
    throw interrupt?.aborted ? pushError(error, target.url) : pushError(error, target.url, target.timeoutMs)
  } finally {
    clearTimeout(deadline)
    unwatch()
  }
}

/**
 * Checks a Pushgateway grouping key (the job and the grouping labels) before anything is
 * sampled or sent, and returns the target. `sources` name where each came from, for messages.
 */
export function checkGroupingKey(target: PushgatewayTarget, sources = {job: 'the Pushgateway job', grouping: 'a Pushgateway grouping label'}): PushgatewayTarget {
  const {job, groupings = {}} = target
  if (job === '') throw new UsageError(`${sources.job}: the job name must not be empty`)
  // prom-client puts the job in the URL path as it is: a slash would split it.
  if (job.includes('/')) throw new UsageError(`${sources.job}: the job name must not contain "/", got ${JSON.stringify(job)}`)
  for (const [label, value] of Object.entries(groupings)) {
    if (!LABEL_NAME.test(label) || label.startsWith('__')) {
      throw new UsageError(`${sources.grouping}: invalid label name ${JSON.stringify(label)}`, 'use letters, digits and _, not starting with a digit or __')
    }
    if (label === 'job') throw new UsageError(`${sources.grouping}: the job is not a grouping label`, 'name it with --job')
    // The gateway reads an empty value as no label, and the group then clashes with the one without it.
    if (value === '') throw new UsageError(`${sources.grouping}: ${label} needs a value, e.g. ${label}=cron1`)
  }
  return target
}

/** A value with a `/` goes base64url-encoded (`instance@base64/…`), the Pushgateway's way of keeping it whole in the path. */
function encodeGroupings(groupings: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(groupings).map(([label, value]) => (value.includes('/') ? [`${label}@base64`, Buffer.from(value).toString('base64url')] : [label, value])))
}

/**
 * Writes a file so that a concurrent reader (node_exporter's textfile collector)
 * sees the old content or the new, never half of it: the text goes to a temporary
 * file in the same directory, is flushed to disk, and is renamed over the target.
 * The temporary name does not end in `.prom`, so the collector never picks it up.
 * Temporary files that killed runs left behind are removed (removeLeftovers).
 */
export async function writeTextfileAtomically(path: string, text: string): Promise<void> {
  // Loaded here: a statsd-only cron run would otherwise compile node:crypto for nothing.
  const [{randomBytes}, {open, rename, rm}] = await Promise.all([import('node:crypto'), import('node:fs/promises')])
  if (!swept.has(path)) {
    swept.add(path)
    await removeLeftovers(path)
  }
  const temporary = join(dirname(path), `${temporaryPrefix(path)}${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  try {
    const file = await open(temporary, 'wx', 0o644)
    try {
      await file.writeFile(text)
      await file.sync()
    } finally {
      await file.close()
    }
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, {force: true})
    throw new OperationError(`could not write textfile ${path}: ${describeError(error)}`, 'check that the directory exists and is writable')
  }
}

/** `.<name>.<pid>.<8 hex digits>.tmp` beside the target: whose it is, and which run made it. */
const temporaryPrefix = (path: string): string => `.${basename(path)}.`
const TEMPORARY_REST = /^(\d+)\.[0-9a-f]{8}\.tmp$/

/**
 * A run killed between writing its temporary file and renaming it leaves the file. Only
 * age alone does not tell a leftover: the run writing it now may be in another PID
 * namespace (a container sharing the directory), and a pid is reused. So the only files
 * removed are this target's, made by a pid that no longer runs here, untouched for longer
 * than any write takes.
 */
const LEFTOVER_AGE_MS = 10 * 60_000

/** Targets swept in this process: leftovers come from runs killed before it, once is enough. */
const swept = new Set<string>()

async function removeLeftovers(path: string): Promise<void> {
  const [{readdir, rm, stat}, {isRunning}] = await Promise.all([import('node:fs/promises'), import('../io/leftovers.js')])
  const directory = dirname(path)
  const prefix = temporaryPrefix(path)
  const names = await readdir(directory).catch(() => [])
  for (const name of names) {
    const pid = name.startsWith(prefix) ? TEMPORARY_REST.exec(name.slice(prefix.length))?.[1] : undefined
    if (pid === undefined || Number(pid) === process.pid || isRunning(Number(pid))) continue
    const leftover = join(directory, name)
    // Housekeeping: a file another run removed first, or one we may not remove, is no failure of this write.
    const modified = await stat(leftover).then(stats => stats.mtimeMs, () => Date.now())
    if (Date.now() - modified > LEFTOVER_AGE_MS) await rm(leftover, {force: true}).catch(() => undefined)
  }
}

function groupByName(observations: readonly GaugeObservation[]): Map<string, GaugeObservation[]> {
  const families = new Map<string, GaugeObservation[]>()
  for (const observation of observations) {
    const family = families.get(observation.name)
    if (family) family.push(observation)
    else families.set(observation.name, [observation])
  }
  return families
}

/** Name and labels in a canonical order, length-prefixed so that no label value can make two series look alike. */
function seriesKey(name: string, labels: Readonly<Record<string, string>>): string {
  let key = name
  for (const label of Object.keys(labels).sort()) key += ` ${label}=${labels[label].length}:${labels[label]}`
  return key
}

/** What a failed push means, in our words: each cause with a hint, the gateway's own refusal kept (shortened). */
function pushError(error: unknown, url: string, timeoutMs?: number): OperationError {
  const fail = (reason: string, hint?: string): OperationError => new OperationError(`could not push to Pushgateway at ${redact(url)}: ${reason}`, hint)
  const message = error instanceof Error ? error.message : String(error)
  // prom-client words an HTTP error status as `push failed with status N, BODY`.
  const refused = /^push failed with status (\d+), ([^]*)$/.exec(message)
  if (refused) {
    const status = Number(refused[1])
    const body = oneLine(redact(refused[2]))
    if (status === 404) return fail('it answered 404 Not Found', 'is it a Pushgateway? Give its base URL, e.g. http://pushgateway:9091, without /metrics')
    if (status === 401 || status === 403) return fail(`it refused the credentials (HTTP ${status})`, 'check the user and password in the URL: http://user:password@pushgateway:9091')
    if (status === 400) return fail(`it refused the push: ${body}`)
    return fail(`it answered HTTP ${status}${body ? `: ${body}` : ''}`)
  }
  const timedOut = (error as Error).name === 'AbortError' ? timeoutMs !== undefined : message === 'Pushgateway request timed out'
  if (timedOut) return fail(timeoutMs === undefined ? 'no answer in time' : `no answer within ${formatSeconds(timeoutMs)}`, 'check that the gateway is up and reachable, or raise --timeout')
  if ((error as Error).name === 'AbortError') return fail('interrupted')
  const transport = httpTransportFailure(error, 'a Pushgateway')
  return transport === undefined ? fail(oneLine(redact(describeError(error)))) : fail(transport.reason, transport.hint)
}

/** One line of the gateway's (or a library's) words, whitespace collapsed, cut at a word within MAX_REASON_CHARS. */
function oneLine(text: string): string {
  const line = text.trim().replace(/\s+/g, ' ')
  if (line.length <= MAX_REASON_CHARS) return line
  const cut = line.lastIndexOf(' ', MAX_REASON_CHARS)
  return line.slice(0, cut > MAX_REASON_CHARS / 2 ? cut : MAX_REASON_CHARS) + ' …'
}
