/**
 * @fileoverview statsd_exporter tries every glob rule before any regex rule, whatever the
 * file order (#349). A regex rule written above a glob that takes some of the same names
 * reads as if it had priority; it does not, the glob wins.
 *
 * Overlap between a regex and a glob has no cheap exact test, so each glob is tried as a
 * few sample names (its `*` filled with typical segments) against each earlier regex.
 * An overlap found is real; one not found may still exist.
 */
import type {Mapping} from '../../mapping/model.js'
import {compileRegex} from '../../mapping/regex.js'
import type {ConfigRule} from '../rule.js'
import {valueRange} from '../mapping-facts.js'

/** What a `*` segment is filled with to make sample names. */
const FILLERS = ['x', '0', 'a-b', 'a_b', '']

const rule: ConfigRule<'globWins'> = {
  stage: 'config',
  meta: {
    id: 'regex-before-glob',
    kind: 'problem',
    severity: 'warning',
    docs: {description: 'A regex mapping placed before a glob that matches the same names does not take priority: statsd_exporter tries globs first.'},
    messages: {globWins: "Globs are tried before regexes: '{{glob}}' at line {{line}} also matches '{{example}}' and wins."},
  },
  check(context) {
    const {mappings} = context.config
    const firstRegex = mappings.findIndex((m) => m.matchType === 'regex')
    if (firstRegex === -1) return
    // Only globs that follow some regex can be misread as losing to it.
    const globs = mappings.slice(firstRegex).filter((m) => m.matchType === 'glob').map((mapping) => ({
      mapping,
      names: FILLERS.map((filler) => mapping.match.split('.').map((s) => (s === '*' ? filler : s)).join('.')),
    }))
    for (const regex of mappings.slice(firstRegex)) {
      if (regex.matchType !== 'regex') continue
      const later = globs.filter((glob) => glob.mapping.index > regex.index && kindsOverlap(regex, glob.mapping))
      if (later.length === 0) continue
      const compiled = compileRegex(regex.match)
      if (!compiled.ok) continue
      for (const glob of later) {
        const example = glob.names.find((name) => compiled.regex.test(name))
        if (example === undefined) continue
        context.report({
          messageId: 'globWins',
          data: {example, glob: glob.mapping.match, line: valueRange(glob.mapping, 'match').line},
          at: valueRange(regex, 'match'),
        })
        break
      }
    }
  },
}

export default rule

function kindsOverlap(a: Mapping, b: Mapping): boolean {
  return a.matchMetricType === undefined || b.matchMetricType === undefined || a.matchMetricType === b.matchMetricType
}
