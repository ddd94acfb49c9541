/**
 * @fileoverview promlint's abbreviation check: `_ms`, `_sec`, `_kb`… are ambiguous; spell
 * the (base) unit out.
 */
import type {ConfigRule} from '../rule.js'
import {literalName, seriesMappings, valueRange} from '../mapping-facts.js'

const ABBREVIATIONS = ['s', 'ms', 'us', 'ns', 'sec', 'b', 'kb', 'mb', 'gb', 'tb', 'pb', 'm', 'h', 'd']
/** Each abbreviation as a whole `_`-separated part, inside a name or at its end: built once, not per mapping. */
const PARTS = ABBREVIATIONS.map((abbreviation) => ({abbreviation, inside: `_${abbreviation}_`, last: `_${abbreviation}`}))

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
      const found = PARTS.find(({inside, last}) => name.includes(inside) || name.endsWith(last))
      if (found) context.report({messageId: 'abbreviated', data: {abbreviation: found.abbreviation}, at: valueRange(mapping, 'name')})
    }
  },
}

export default rule
