/**
 * What `--samples` can report, as rule metadata: every run lists it (SARIF describes
 * every rule), while the checking itself is loaded only when --samples is given.
 */
import type {RuleMeta} from '../rule.js'

export const sampleMismatch: RuleMeta<'mismatch'> = {
  id: 'sample-mismatch',
  kind: 'problem',
  severity: 'error',
  docs: {description: 'Each case in the --samples file must map as it says.'},
  messages: {mismatch: "'{{statsd}}' ({{kind}}): expected {{expected}}, got {{actual}}."},
}

export const samplesFile: RuleMeta<'invalid' | 'empty'> = {
  id: 'samples-file',
  kind: 'rejected',
  severity: 'error',
  docs: {description: 'The --samples file must be a YAML list of cases (statsd:, type:, tags:, expect:); a file without any is a warning.'},
  messages: {invalid: '{{message}}', empty: 'The samples file has no cases: it checks nothing.'},
}
