/**
 * What every formatter is given besides the results: the command decides about colour
 * and names the rules that could have reported. In a file of its own so that the
 * formatters and the registry in index.ts need not import each other.
 */
import type {RuleMeta} from '../rule.js'

export interface FormatterContext {
  readonly color: boolean
  /** Metadata of every rule that could have reported, for formats that describe rules (SARIF). */
  readonly rules: readonly RuleMeta[]
  /** The command that reported, as SARIF names its tool; `metrics lint` when not given. */
  readonly tool?: string
}
