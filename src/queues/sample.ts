/**
 * One sample: discover keys (SCAN, for patterns and checks), plan every gauge, and
 * read them all in at most two pipelined round trips. Nothing is sent from here;
 * the caller sends the results only when the whole sample succeeded.
 */
import type {RedisExecutor} from '../redis/executor.js'
import {priorityKeys, queueOfKey} from '../sample/celery-keys.js'
import type {GaugeResult, PlannedGauge} from '../sample/gauge.js'
import {checkScanPattern, planCheckGauges} from '../sample/redis-checks.js'
import {readKeys, type KeyRead, type ReadOutcome} from '../sample/redis-queues.js'
import {scanKeys, type ScanResult} from '../sample/redis-scan.js'
import {terminalText} from '../text/visible.js'
import type {QueueMetric, QueueSpec, SamplePlan} from './plan.js'

export interface SampleResult {
  readonly gauges: readonly GaugeResult[]
  /** Things the operator should know that did not stop the sample (a SCAN cap was hit). */
  readonly warnings: readonly string[]
  readonly scanCalls: number
  /** Pipelined round trips that read the keys: 1 with EVAL, 2 without, 3 when EVAL was refused. */
  readonly readRoundTrips: number
}

export async function sampleOnce(redis: RedisExecutor, plan: SamplePlan, now: Date): Promise<SampleResult> {
  const scansBefore = redis.scanCalls
  const pipelinesBefore = redis.pipelines
  const warnings: string[] = []
  const scan = async (match: string, what: string, expectKeys: boolean): Promise<string[]> => {
    const result = await scanKeys(redis, match, plan.maxKeys)
    warnings.push(...scanWarnings(result, match, what, plan.maxKeys, expectKeys))
    return result.keys
  }
  const [patternKeys, checkKeys] = await Promise.all([
    Promise.all(plan.patterns.map(pattern => scan(pattern.pattern, 'pattern', true))),
    // A check's keys may not exist yet (today's counters appear with the day's first request): finding none is not news.
    Promise.all(plan.checks.map(check => scan(checkScanPattern(check, now), `check ${check.statsd}`, false))),
  ])

  const queues = plan.patterns.length === 0 ? plan.queues : withFoundQueues(plan, patternKeys)
  const checkGauges = plan.checks.flatMap((check, index) => planCheckGauges(check, checkKeys[index], now))
  const reads: KeyRead[] = queues.map(queue => ({kind: 'length', keys: queue.celery ? priorityKeys(queue.name, plan.celery) : [queue.name]}))
  checkGauges.forEach(gauge => reads.push(gauge.read))

  // readKeys has written its first round trip by the time it returns: the queues' gauges,
  // which do not depend on what Redis answers, are made while it works on the answer.
  const reading = readKeys(redis, reads, {lua: plan.lua})
  const planned = queues.map((queue, index) => queueGauge(queue, reads[index], plan.metric))
  checkGauges.forEach(gauge => planned.push(gauge))
  const {outcomes, evalRefused} = await reading
  if (evalRefused !== undefined) warnings.push(`Redis refused EVAL (${evalRefused}), so lengths were read with TYPE and length pipelines, one round trip more; grant +eval, or set --pipelines`)
  return {
    gauges: planned.map((gauge, index) => withOutcome(gauge, outcomes[index])),
    warnings,
    scanCalls: redis.scanCalls - scansBefore,
    readRoundTrips: redis.pipelines - pipelinesBefore,
  }
}

/** The named queues, then those the patterns found (each pattern's sorted), each queue once. */
function withFoundQueues(plan: SamplePlan, patternKeys: readonly string[][]): QueueSpec[] {
  const queues = [...plan.queues]
  const named = new Set(queues.map(queue => queue.name))
  plan.patterns.forEach((pattern, index) => {
    const names = new Set(patternKeys[index].map(key => (pattern.celery ? queueOfKey(key, plan.celery) : key)))
    for (const name of [...names].sort()) {
      if (named.has(name)) continue
      named.add(name)
      queues.push({name, celery: pattern.celery, tags: pattern.tags})
    }
  })
  return queues
}

/** The gauge with its value or failure; spelled out, because spreading two objects per gauge showed in profiles. */
function withOutcome(gauge: PlannedGauge, outcome: ReadOutcome): GaugeResult {
  const {statsd, tags, prometheus, labels, help, read} = gauge
  return outcome.failure === undefined
    ? {statsd, tags, prometheus, labels, help, read, value: outcome.value}
    : {statsd, tags, prometheus, labels, help, read, failure: outcome.failure, key: outcome.key}
}

function queueGauge(queue: QueueSpec, read: KeyRead, metric: QueueMetric): PlannedGauge {
  const queueTag = {key: 'queue', value: queue.name}
  return {
    statsd: metric.statsd,
    // Most queues have no tags of their own, and spreading none still costs, once per queue.
    tags: queue.tags.length === 0 ? [queueTag] : [queueTag, ...queue.tags],
    prometheus: metric.prometheus,
    help: metric.help,
    read,
  }
}

/** What the operator should hear about a SCAN; `expectKeys`: a pattern that finds nothing is a typo or a queue gone, and worth a cron mail. */
function scanWarnings(result: ScanResult, match: string, what: string, maxKeys: number, expectKeys: boolean): string[] {
  const warnings: string[] = []
  if (expectKeys && result.keys.length === 0 && result.notUtf8 === 0) warnings.push(`${what} "${terminalText(match)}" matched no key`)
  if (result.capped) warnings.push(`${what} "${terminalText(match)}" matched more than ${maxKeys} keys; only the first ${maxKeys} were sampled (raise --max-keys or narrow the pattern)`)
  if (result.notUtf8 > 0) warnings.push(`${what} "${terminalText(match)}": ${result.notUtf8} key names are not UTF-8 and were left out`)
  return warnings
}
