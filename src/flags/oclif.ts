import {Flags, type Interfaces} from '@oclif/core'
import type {FlagSpec, FlagSpecs} from './spec.js'

/** The oclif flag type each spec becomes, so that `this.parse()` infers flag values. */
export type OclifFlagFor<S extends FlagSpec> = S extends {kind: 'boolean'}
  ? Interfaces.BooleanFlag<boolean>
  : S extends {multiple: true}
    ? Interfaces.OptionFlag<string[] | undefined>
    : Interfaces.OptionFlag<string | undefined>

/** Builds oclif flag definitions from our flag specs, so help and parsing have one source. */
export function toOclifFlags<T extends FlagSpecs>(specs: T): {[K in keyof T]: OclifFlagFor<T[K]>} {
  const flags: Record<string, unknown> = {}
  for (const [name, spec] of Object.entries(specs)) {
    const common = {summary: spec.summary, description: spec.description, char: spec.char as Interfaces.AlphabetLowercase | undefined, helpGroup: spec.helpGroup}
    if (spec.kind === 'boolean') flags[name] = Flags.boolean(common)
    else {
      const option = {...common, helpValue: spec.helpValue, options: spec.options ? [...spec.options] : undefined}
      flags[name] = spec.multiple ? Flags.string({...option, multiple: true, multipleNonGreedy: true}) : Flags.string(option)
    }
  }
  return flags as {[K in keyof T]: OclifFlagFor<T[K]>}
}
