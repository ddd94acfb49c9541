import type {LintResult} from '../../../src/lint/result.js'
import type {RuleMeta} from '../../../src/lint/rule.js'
import {toResult} from '../../../src/lint/result.js'

export const clean: LintResult = toResult('ok.yml', [])

export const mixed: LintResult = toResult('mapping.yml', [
  {ruleId: 'counter-total', severity: 'warning', message: 'counter metrics should have "_total" suffix', line: 12, column: 9},
  {ruleId: 'invalid-match', severity: 'error', message: 'invalid match: a.b*.', line: 3, column: 10, endLine: 3, endColumn: 15},
])

export const hostile: LintResult = toResult('evil\u001b[2J.yml', [
  {ruleId: 'invalid-metric-name', severity: 'error', message: "metric name 'a\u001b[31mb' is bad: 100%\nreally, it is.", line: 1, column: 1},
])

/** catalog diff's shape: a breaking change and a harmless one. */
export const changes: LintResult = toResult('new.catalog.yml', [
  {ruleId: 'metric-added', severity: 'info', message: 'metric a.b is new', line: 4, column: 11},
  {ruleId: 'type-changed', severity: 'error', message: 'a.c was a counter, now a gauge', line: 9, column: 11},
])

export const additions: LintResult = toResult('new.catalog.yml', [
  {ruleId: 'metric-added', severity: 'info', message: 'metric a.b is new', line: 4, column: 11},
])

export const ruleMetas: readonly RuleMeta[] = [
  {id: 'invalid-match', kind: 'rejected', severity: 'error', docs: {description: 'Globs must be valid.'}, messages: {}},
  {id: 'counter-total', kind: 'naming', severity: 'warning', docs: {description: 'Counters end in _total.'}, messages: {}},
]
