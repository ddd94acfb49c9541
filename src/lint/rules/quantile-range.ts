/**
 * @fileoverview Summary objectives are quantiles with an allowed error. A quantile
 * outside (0, 1) or an error outside (0, 1) is accepted by statsd_exporter and gives a
 * series that means nothing.
 */
import type {ConfigRule} from '../rule.js'
import {writtenOptions} from '../mapping-facts.js'

const inOpenUnit = (x: number) => x > 0 && x < 1

const rule: ConfigRule<'quantile' | 'error'> = {
  stage: 'config',
  meta: {
    id: 'quantile-range',
    kind: 'problem',
    severity: 'warning',
    docs: {description: 'Summary quantiles and their allowed errors must lie strictly between 0 and 1.'},
    messages: {
      quantile: 'Quantile {{quantile}} is outside (0, 1).',
      error: 'The error {{error}} allowed for quantile {{quantile}} is outside (0, 1).',
    },
  },
  check(context) {
    for (const {options, at} of writtenOptions(context.config, 'summary', (h) => h.summaryOptions)) {
      for (const {quantile, error} of options.quantiles) {
        if (!inOpenUnit(quantile)) context.report({messageId: 'quantile', data: {quantile}, at})
        else if (!inOpenUnit(error)) context.report({messageId: 'error', data: {quantile, error}, at})
      }
    }
  },
}

export default rule
