/**
 * statsd_exporter's own load checks run in the loader (src/mapping/load.ts), which must
 * refuse exactly what upstream refuses. Lint surfaces each kind of loader diagnostic
 * under a rule of its own, so every problem has a stable id, docs and a severity. The
 * catalogue's loader diagnostics surface the same way, under its own codes.
 */
import type {LoadDiagnosticCode, Severity} from '../mapping/model.js'
import type {LoadRule, LocatedDiagnostic} from './rule.js'

export function loaderRule<Code extends string = LoadDiagnosticCode>(code: Code, description: string, severity: Severity = 'error'): LoadRule<'loader', LocatedDiagnostic<Code>> {
  return {
    stage: 'load',
    meta: {id: code, kind: 'rejected', severity, docs: {description}, messages: {loader: '{{message}}'}},
    check(context) {
      for (const d of context.diagnostics) {
        if (d.code !== code) continue
        context.report({messageId: 'loader', data: {message: d.message}, at: d, severity: d.severity})
      }
    },
  }
}
