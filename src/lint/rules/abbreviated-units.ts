/**
 * @fileoverview promlint's abbreviation check: `_ms`, `_sec`, `_kb`… are ambiguous; spell
 * the (base) unit out.
 */
import type {ConfigRule} from '../rule.js'
import {literalName, seriesMappings, valueRange} from '../mapping-facts.js'

const ABBREVIATIONS = ['s', 'ms', 'us', 'ns', 'sec', 'b', 'kb', 'mb', 'gb', 'tb', 'pb', 'm', 'h', 'd']

const rule: ConfigRule<'abbreviated'> = {
  stage: 'config',
  meta: {
    id: 'abbreviated-units',
    kind: 'naming',
    severity: 'warning',
    docs: {description: 'Metric names spell units out: _seconds, not _s, _sec or _ms (promlint).'},
    messages: {abbreviated: 'metric names should not contain abbreviated units ("_{{abbreviation}}")'},
  },
  check(context) {
    for (const mapping of seriesMappings(context.config)) {
      const name = literalName(mapping).toLowerCase()
      const abbreviation = ABBREVIATIONS.find((a) => name.includes(`_${a}_`) || name.endsWith(`_${a}`))
      if (abbreviation) context.report({messageId: 'abbreviated', data: {abbreviation}, at: valueRange(mapping, 'name')})
    }
  },
}

export default rule
