/**
 * The catalogue's rules are lint rules (src/lint/rule.ts): a loader stage that surfaces
 * the loader's diagnostics, and a catalogue stage that judges what loaded.
 */
import type {LoadRule, StageRule} from '../lint/rule.js'
import type {CatalogFacts} from './facts.js'
import type {CatalogDiagnostic} from './load.js'
import type {Catalog} from './model.js'

/** What a catalogue rule sees: the catalogue (while the file has errors, what loaded without one) and facts about it. */
export interface CatalogSubject {
  readonly catalog: Catalog
  readonly facts: CatalogFacts
}

export type CatalogRule<MessageId extends string = string> = StageRule<'catalog', CatalogSubject, MessageId>

export type CatalogLoadRule = LoadRule<'loader', CatalogDiagnostic>

export type AnyCatalogRule = CatalogLoadRule | CatalogRule
