/**
 * The rule contract, modelled on ESLint's: data (`meta`) kept apart from behaviour
 * (`check`), message text keyed by id so tests can assert on ids instead of wording.
 */
import type {LoadDiagnostic, MappingConfig, Severity, SourceRange} from '../mapping/model.js'

export type {Severity} from '../mapping/model.js'

/** Why a rule exists, which decides what it may look at. */
export type RuleKind =
  /** statsd_exporter refuses the file: surfaces one kind of loader diagnostic. */
  | 'rejected'
  /** statsd_exporter loads the file but does something the author did not mean. */
  | 'problem'
  /** Prometheus naming practice, as promlint checks it. */
  | 'naming'

export interface RuleMeta<MessageId extends string = string> {
  /** Stable across releases: CI annotations and SARIF fingerprints key on it. */
  readonly id: string
  readonly kind: RuleKind
  readonly severity: Severity
  readonly docs: {readonly description: string}
  /** Message templates; `{{key}}` is replaced by `data.key` when reported. */
  readonly messages: Readonly<Record<MessageId, string>>
}

export interface Problem<MessageId extends string> {
  readonly messageId: MessageId
  readonly data?: Readonly<Record<string, string | number>>
  readonly at: Pick<SourceRange, 'line' | 'column'> & Partial<SourceRange>
  /** Overrides the rule's severity (a loader diagnostic carries its own). */
  readonly severity?: Severity
}

interface BaseContext<MessageId extends string> {
  report(problem: Problem<MessageId>): void
}

/** What a `rejected` rule sees: the loader's diagnostics, whether or not the file loaded. */
export interface LoadContext<MessageId extends string> extends BaseContext<MessageId> {
  readonly diagnostics: readonly LoadDiagnostic[]
}

/** What every other rule sees: the loaded config, or while the file has errors, the mappings that drew none. */
export interface ConfigContext<MessageId extends string> extends BaseContext<MessageId> {
  readonly config: MappingConfig
  /** Whether statsd_exporter loads the file; false when `config` holds only the mappings without errors. */
  readonly loaded: boolean
}

export interface LoadRule<MessageId extends string = string> {
  readonly stage: 'load'
  readonly meta: RuleMeta<MessageId>
  check(context: LoadContext<MessageId>): void
}

export interface ConfigRule<MessageId extends string = string> {
  readonly stage: 'config'
  readonly meta: RuleMeta<MessageId>
  check(context: ConfigContext<MessageId>): void
}

export type Rule = LoadRule | ConfigRule

/** Fills `{{key}}` placeholders; an unknown key is left as written so the gap is visible. */
export function interpolate(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) =>
    Object.hasOwn(data, key) ? String(data[key]) : whole)
}
