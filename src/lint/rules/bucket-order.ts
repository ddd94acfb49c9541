/**
 * @fileoverview statsd_exporter loads unsorted histogram buckets, but client_golang
 * panics ("histogram buckets must be in increasing order") when the first event creates
 * the histogram, which takes the whole exporter down.
 */
import type {ConfigRule} from '../rule.js'
import {writtenOptions} from '../mapping-facts.js'

const rule: ConfigRule<'unsorted'> = {
  stage: 'config',
  meta: {
    id: 'bucket-order',
    kind: 'problem',
    severity: 'error',
    docs: {description: 'Histogram buckets must be strictly increasing; client_golang panics on anything else.'},
    messages: {unsorted: 'Histogram buckets must be in increasing order: {{previous}} >= {{next}}; client_golang panics when it creates this histogram.'},
  },
  check(context) {
    for (const {options, at} of writtenOptions(context.config, 'histogram', (h) => h.histogramOptions)) {
      const i = options.buckets.findIndex((bound, k) => k > 0 && options.buckets[k - 1] >= bound)
      if (i > 0) context.report({messageId: 'unsorted', data: {previous: options.buckets[i - 1], next: options.buckets[i]}, at})
    }
  },
}

export default rule
