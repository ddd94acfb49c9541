/**
 * One sample: discover keys (SCAN, for patterns and checks), plan every gauge, and
 * read them all in at most two pipelined round trips. Nothing is sent from here;
 * the caller sends the results only when the whole sample succeeded.
 */
import type {RedisExecutor} from '../redis/executor.js'
import {priorityKeys, queueOfKey} from '../sample/celery-keys.js'
import {tagsAsLabels, type GaugeResult, type PlannedGauge} from '../sample/gauge.js'
import {checkScanPattern, planCheckGauges} from '../sample/redis-checks.js'
import {readKeys} from '../sample/redis-queues.js'
import {scanKeys, type ScanResult} from '../sample/redis-scan.js'
import {visible} from '../text/visible.js'
import type {QueueSpec, SamplePlan} from './plan.js'

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
  const scan = async (match: string, what: string): Promise<string[]> => {
    const result = await scanKeys(redis, match, plan.maxKeys)
    warnings.push(...scanWarnings(result, match, what, plan.maxKeys))
    return result.keys
  }
  const [patternKeys, checkKeys] = await Promise.all([
    Promise.all(plan.patterns.map(pattern => scan(pattern.pattern, 'pattern'))),
    Promise.all(plan.checks.map(check => scan(checkScanPattern(check, now), `check ${check.statsd}`))),
  ])

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
  const planned: PlannedGauge[] = [...queues.map(queue => queueGauge(queue, plan)), ...plan.checks.flatMap((check, index) => planCheckGauges(check, checkKeys[index], now))]

  const {outcomes, evalRefused} = await readKeys(redis, planned.map(gauge => gauge.read), {lua: plan.lua})
  if (evalRefused !== undefined) warnings.push(`Redis refused EVAL (${evalRefused}), so lengths were read with TYPE and length pipelines, one round trip more; grant +eval, or set --pipelines`)
  return {
    gauges: planned.map((gauge, index) => ({...gauge, ...outcomes[index]})),
    warnings,
    scanCalls: redis.scanCalls - scansBefore,
    readRoundTrips: redis.pipelines - pipelinesBefore,
  }
}

function queueGauge(queue: QueueSpec, plan: SamplePlan): PlannedGauge {
  const tags = [{key: 'queue', value: queue.name}, ...queue.tags]
  return {
    statsd: plan.metric.statsd,
    tags,
    prometheus: plan.metric.prometheus,
    labels: tagsAsLabels(tags),
    help: plan.metric.help,
    read: {kind: 'length', keys: queue.celery ? priorityKeys(queue.name, plan.celery) : [queue.name]},
  }
}

function scanWarnings(result: ScanResult, match: string, what: string, maxKeys: number): string[] {
  const warnings: string[] = []
  if (result.capped) warnings.push(`${what} "${visible(match)}" matched more than ${maxKeys} keys; only the first ${maxKeys} were sampled (raise --max-keys or narrow the pattern)`)
  if (result.notUtf8 > 0) warnings.push(`${what} "${visible(match)}": ${result.notUtf8} key names are not UTF-8 and were left out`)
  return warnings
}
