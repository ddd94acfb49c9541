/**
 * Flags are declared once, as data. oclif builds its flags from these specs
 * (src/flags/oclif.ts), and the start-up fast path (src/cli/fast.ts) parses argv
 * with them without loading oclif at all, which is what keeps `metrics send`
 * within a few milliseconds of bare Node.
 *
 * Values stay strings here: they are validated by the same code whether they
 * came from a flag, the environment or the config file (src/config/).
 */
export interface FlagSpec {
  readonly kind: 'string' | 'boolean'
  readonly summary: string
  readonly description?: string
  readonly char?: string
  readonly multiple?: boolean
  /** Allowed values, shown in --help and checked by oclif. */
  readonly options?: readonly string[]
  readonly helpGroup?: string
  readonly helpValue?: string
}

export type FlagSpecs = Readonly<Record<string, FlagSpec>>

export type ParsedFlags = Record<string, string | string[] | boolean | undefined>

export interface ParsedArgv {
  readonly flags: ParsedFlags
  readonly args: string[]
}

/**
 * Parses argv the way oclif's parser does for the flags we use (`--name value`,
 * `--name=value`, `-c value`, `-cvalue`, booleans, repeated multiple flags,
 * negative numbers as arguments, `--` ending flags), or returns undefined for
 * anything it does not recognise, so that oclif parses it and words the error.
 */
export function parseArgv(argv: readonly string[], specs: FlagSpecs, maxArgs: number): ParsedArgv | undefined {
  const byChar = new Map<string, string>()
  for (const [name, spec] of Object.entries(specs)) if (spec.char) byChar.set(spec.char, name)
  const flags: ParsedFlags = {}
  const args: string[] = []
  let parsingFlags = true
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]
    if (!parsingFlags || token === '-' || !token.startsWith('-') || NEGATIVE_NUMBER.test(token)) {
      args.push(token)
      continue
    }
    if (token === '--') {
      parsingFlags = false
      continue
    }
    const long = token.startsWith('--')
    const eq = token.indexOf('=')
    const name = long ? token.slice(2, eq === -1 ? undefined : eq) : byChar.get(token[1])
    const spec = name === undefined ? undefined : specs[name]
    if (name === undefined || spec === undefined) return undefined
    let inline: string | undefined
    if (long) inline = eq === -1 ? undefined : token.slice(eq + 1)
    else if (token.length > 2) inline = token.slice(token[2] === '=' ? 3 : 2)
    if (spec.kind === 'boolean') {
      if (inline !== undefined) return undefined
      flags[name] = true
      continue
    }
    const value = inline ?? argv[++i]
    if (value === undefined) return undefined
    if (spec.options && !spec.options.includes(value)) return undefined
    if (spec.multiple) {
      const list = (flags[name] as string[] | undefined) ?? []
      list.push(value)
      flags[name] = list
    } else {
      if (flags[name] !== undefined) return undefined
      flags[name] = value
    }
  }
  return args.length > maxArgs ? undefined : {flags, args}
}

const NEGATIVE_NUMBER = /^-\d/
