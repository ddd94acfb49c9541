/**
 * How Celery's Redis transport (kombu) names a queue's keys. Each priority has its
 * own list: priority 0 is the bare queue name, the others are `<queue><sep><step>`.
 * A queue's length is the sum over all of them; LLEN of the bare name alone is the
 * bug celery-exporter still has (issue #272). Both are kombu transport options
 * (`sep`, `priority_steps`), so they are settings here too.
 */
export interface CeleryNaming {
  readonly separator: string
  readonly steps: readonly number[]
}

/** kombu's defaults: `sep = '\x06\x16'`, `PRIORITY_STEPS = [0, 3, 6, 9]`. */
export const KOMBU_NAMING: CeleryNaming = {separator: '\x06\x16', steps: [0, 3, 6, 9]}

/** The Redis keys of every priority of a queue, priority 0 first. */
export function priorityKeys(queue: string, naming: CeleryNaming): string[] {
  return naming.steps.map(step => (step === 0 ? queue : `${queue}${naming.separator}${step}`))
}

/** The queue a key belongs to: the key without its priority suffix, if it has one. */
export function queueOfKey(key: string, naming: CeleryNaming): string {
  const at = key.lastIndexOf(naming.separator)
  if (at <= 0 || naming.separator === '') return key
  const step = key.slice(at + naming.separator.length)
  return /^\d+$/.test(step) && naming.steps.includes(Number(step)) && Number(step) !== 0 ? key.slice(0, at) : key
}
