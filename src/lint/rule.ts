/**
 * The rule contract, modelled on ESLint's: data (`meta`) kept apart from behaviour
 * (`check`), message text keyed by id so tests can assert on ids instead of wording.
 */
import type {LoadDiagnostic, MappingConfig, SourceRange} from '../mapping/model.js'
import type {MessageSeverity} from './result.js'

export type {Severity} from '../mapping/model.js'

/** Why a rule exists, which decides what it may look at. */
export type RuleKind =
  /** statsd_exporter refuses the file: surfaces one kind of loader diagnostic. */
  | 'rejected'
  /** It loads, but does something the author did not mean. */
  | 'problem'
  /** Naming practice: promlint's for mapping configs, the catalogue's own conventions for it. */
  | 'naming'
  /** `catalog diff`: a change that breaks dashboards and alerts built on the old names. */
  | 'breaking'
  /** `catalog diff`: a change that breaks nothing. */
  | 'change'

export interface RuleMeta<MessageId extends string = string> {
  /** Stable across releases: CI annotations and SARIF fingerprints key on it. */
  readonly id: string
  readonly kind: RuleKind
  readonly severity: MessageSeverity
  readonly docs: {readonly description: string}
  /** Message templates; `{{key}}` is replaced by `data.key` when reported. */
  readonly messages: Readonly<Record<MessageId, string>>
}

export interface Problem<MessageId extends string> {
  readonly messageId: MessageId
  readonly data?: Readonly<Record<string, string | number>>
  readonly at: Pick<SourceRange, 'line' | 'column'> & Partial<SourceRange>
  /** Overrides the rule's severity (a loader diagnostic carries its own). */
  readonly severity?: MessageSeverity
}

export interface BaseContext<MessageId extends string> {
  report(problem: Problem<MessageId>): void
}

/** A loader's diagnostic as a `rejected` rule reads it: the mapping loader's, or another loader's with its own codes. */
export type LocatedDiagnostic<Code extends string = string> = Omit<LoadDiagnostic, 'code'> & {readonly code: Code}

/** What a `rejected` rule sees: the loader's diagnostics, whether or not the file loaded. */
export interface LoadContext<MessageId extends string, Diagnostic extends LocatedDiagnostic = LoadDiagnostic> extends BaseContext<MessageId> {
  readonly diagnostics: readonly Diagnostic[]
}

/** What every other mapping rule sees: the loaded config, or while the file has errors, the mappings that drew none. */
export interface ConfigContext<MessageId extends string> extends BaseContext<MessageId> {
  readonly config: MappingConfig
}

/**
 * A rule that judges one stage of a document: `Stage` names it, `Subject` is what its
 * context holds besides `report` (the mapping config, a catalogue, …). Mapping configs
 * and catalogues each have their loader stage and their own subject stage.
 */
export interface StageRule<Stage extends string, Subject, MessageId extends string = string> {
  readonly stage: Stage
  readonly meta: RuleMeta<MessageId>
  check(context: Subject & BaseContext<MessageId>): void
}

export type LoadRule<MessageId extends string = string, Diagnostic extends LocatedDiagnostic = LoadDiagnostic> =
  StageRule<'load', {readonly diagnostics: readonly Diagnostic[]}, MessageId>

export type ConfigRule<MessageId extends string = string> = StageRule<'config', {readonly config: MappingConfig}, MessageId>

/** A mapping config's rules. */
export type Rule = LoadRule | ConfigRule

/** Fills `{{key}}` placeholders; an unknown key is left as written so the gap is visible. */
export function interpolate(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) =>
    Object.hasOwn(data, key) ? String(data[key]) : whole)
}
