/**
 * @fileoverview A config without a single mapping loads, and statsd_exporter then maps
 * nothing: every name is exported as its escaped statsd name. An empty file, `mappings: []`
 * or a file of comments is almost always the wrong file, or a config cut short.
 */
import type {ConfigRule} from '../rule.js'

const rule: ConfigRule<'none'> = {
  stage: 'config',
  meta: {
    id: 'no-mappings',
    kind: 'problem',
    severity: 'warning',
    docs: {description: 'A config has at least one mapping; without one, statsd_exporter maps no name.'},
    messages: {none: 'The config has no mappings: statsd_exporter loads it, and every name is unmapped.'},
  },
  check(context) {
    // While the file has errors, an empty list only means that every mapping has one.
    if (!context.loaded || context.config.mappings.length > 0) return
    context.report({messageId: 'none', at: context.config.keys.mappings?.key ?? {line: 1, column: 1}})
  },
}

export default rule
