import type {MetricKind} from '../mapping/model.js'

/**
 * The event kinds statsd_exporter's mapper distinguishes, by name or by the statsd type
 * letter that produces them (`ms`, `h` and `d` all become observations).
 */
const KIND_BY_NAME: Readonly<Record<string, MetricKind>> = {
  counter: 'counter', c: 'counter',
  gauge: 'gauge', g: 'gauge',
  observer: 'observer', ms: 'observer', h: 'observer', d: 'observer',
}

export const KIND_NAMES = Object.keys(KIND_BY_NAME)

export function parseKind(text: string): MetricKind | undefined {
  return Object.hasOwn(KIND_BY_NAME, text) ? KIND_BY_NAME[text] : undefined
}
