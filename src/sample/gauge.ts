import type {Tag} from '../statsd/sample.js'
import type {KeyRead} from './redis-queues.js'

/**
 * One gauge a run reads, as every sink names it: a statsd name with tags
 * (`queue` tagged `queue:celery_default`) and a Prometheus name with labels
 * (`queue_length{queue="celery_default"}`), and the keys whose value it reports.
 */
export interface PlannedGauge {
  readonly statsd: string
  readonly tags: readonly Tag[]
  readonly prometheus: string
  /**
   * Absent when the labels are the tags (a queue's gauge): they are then made only
   * for a Prometheus sink, by gaugeLabels, and not for each of 10,000 queues sent to statsd.
   */
  readonly labels?: Readonly<Record<string, string>>
  readonly help: string
  readonly read: KeyRead
}

/** A gauge with the value read, or the key that could not be read and why. */
export type GaugeResult = PlannedGauge & ({readonly value: number; readonly failure?: undefined} | {readonly failure: string; readonly key: string; readonly value?: undefined})

/** Tags as Prometheus labels; a later tag with the same key wins, as in statsd_exporter. */
export function tagsAsLabels(tags: readonly Tag[]): Record<string, string> {
  return Object.fromEntries(tags.map(tag => [tag.key, tag.value ?? '']))
}

/** A gauge's Prometheus labels. */
export function gaugeLabels(gauge: PlannedGauge): Readonly<Record<string, string>> {
  return gauge.labels ?? tagsAsLabels(gauge.tags)
}
