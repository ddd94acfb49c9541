/**
 * @fileoverview statsd values that become histogram observations are durations and
 * sizes; a bucket bound of zero or below collects nothing useful and usually means a
 * typo or a misplaced minus sign.
 */
import type {ConfigRule} from '../rule.js'
import {writtenOptions} from '../mapping-facts.js'

const rule: ConfigRule<'nonPositive'> = {
  stage: 'config',
  meta: {
    id: 'bucket-bounds',
    kind: 'problem',
    severity: 'warning',
    docs: {description: 'Histogram bucket bounds should be positive.'},
    messages: {nonPositive: 'Histogram bucket {{bound}} is not positive.'},
  },
  check(context) {
    for (const {options, at} of writtenOptions(context.config, 'histogram', (h) => h.histogramOptions)) {
      for (const bound of options.buckets.filter((b) => !(b > 0))) {
        context.report({messageId: 'nonPositive', data: {bound}, at})
      }
    }
  },
}

export default rule
