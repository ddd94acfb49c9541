/**
 * The two template languages of a mapping's `name` and label values.
 *
 * Glob rules use statsd_exporter's fsm/formatter.go: every `$x` / `${x}` (x from
 * `[a-zA-Z0-9_$]+`) whose x is an integer 1..captures becomes that capture; any other
 * reference becomes "". Each reference text is replaced everywhere at once and the result
 * goes through fmt.Sprintf, so `$1` inside `$10` and similar overlaps behave as upstream.
 *
 * Regex rules use Go's regexp.Expand: `$1`, `${1}`, `$name`, `${name}`, `$$`; a name is
 * the longest run of letters, digits and `_`, so `$1_foo` is the group named `1_foo`.
 */

/** One `$…` reference as written, and whether it can ever expand to something. */
export interface TemplateReference {
  readonly text: string
  /** Offset of the reference in the template. */
  readonly offset: number
  /** The capture / group it names: a number, or a group name (regex templates only). */
  readonly target: number | string
  /** False when it always expands to "" (out of range, `$0` in a glob, `$1_foo`, unknown name). */
  readonly resolves: boolean
}

export interface CompiledTemplate<Captures> {
  readonly references: readonly TemplateReference[]
  expand(captures: Captures): string
}

const GLOB_REFERENCE = /\$\{?([a-zA-Z0-9_$]+)\}?/g

/** A capture index the glob formatter accepts (strconv.Atoi of the reference text). */
function globIndex(text: string, captureCount: number): number | undefined {
  if (!/^\d+$/.test(text)) return undefined
  const index = Number(text)
  return index >= 1 && index <= captureCount ? index : undefined
}

/** A character that does not occur in `text`, to stand in for fmt's `%s`. */
function placeholderFor(text: string): string {
  let code = 0xe000
  while (text.includes(String.fromCharCode(code))) code++
  return String.fromCharCode(code)
}

/**
 * Compiles a glob template for a rule with `captureCount` stars. `expand` takes the FSM's
 * captures (one per segment; the first `captureCount` are the stars).
 */
export function compileGlobTemplate(template: string, captureCount: number): CompiledTemplate<readonly string[]> {
  const references: TemplateReference[] = []
  for (const match of template.matchAll(GLOB_REFERENCE)) {
    const index = globIndex(match[1], captureCount)
    const target = /^\d+$/.test(match[1]) ? Number(match[1]) : match[1]
    references.push({text: match[0], offset: match.index, target, resolves: index !== undefined})
  }
  const placeholder = placeholderFor(template)
  let format = template
  const argIndexes: number[] = []
  for (const reference of references) {
    if (reference.resolves) {
      format = format.replaceAll(reference.text, placeholder)
      argIndexes.push((reference.target as number) - 1)
    } else {
      format = format.replaceAll(reference.text, '')
    }
  }
  const pieces = format.split(placeholder)
  if (argIndexes.length === 0) {
    const fixed = pieces.join('')
    return {references, expand: () => fixed}
  }
  const verbs = pieces.length - 1
  if (verbs === 1 && argIndexes.length === 1 && pieces[0] === '' && pieces[1] === '') {
    // The common `"$1"`.
    const index = argIndexes[0]
    return {references, expand: (captures) => captures[index] ?? ''}
  }
  const extra = argIndexes.slice(verbs)
  return {
    references,
    expand(captures) {
      let out = pieces[0]
      for (let i = 0; i < verbs; i++) {
        out += (i < argIndexes.length ? captures[argIndexes[i]] ?? '' : '%!s(MISSING)') + pieces[i + 1]
      }
      if (extra.length > 0) out += `%!(EXTRA ${extra.map((index) => `string=${captures[index] ?? ''}`).join(', ')})`
      return out
    },
  }
}

type RegexPart = string | {readonly groups: readonly number[]}

/**
 * Compiles a regex template. `groupNames[i]` names group i (index 0 is the whole match,
 * "" for unnamed groups); `expand` takes that regex's match, its groups by index.
 */
export function compileRegexTemplate(template: string, groupNames: readonly string[]): CompiledTemplate<ArrayLike<string | undefined>> {
  const references: TemplateReference[] = []
  const parts: RegexPart[] = []
  let literal = ''
  let i = 0
  while (i < template.length) {
    const dollar = template.indexOf('$', i)
    if (dollar === -1) break
    literal += template.slice(i, dollar)
    i = dollar + 1
    if (template[i] === '$') {
      literal += '$'
      i++
      continue
    }
    const reference = readRegexReference(template, i)
    if (reference === undefined) {
      literal += '$'
      continue
    }
    const groups = reference.number === undefined
      ? groupNames.flatMap((name, group) => name === reference.name ? [group] : [])
      : reference.number < groupNames.length ? [reference.number] : []
    references.push({
      text: template.slice(dollar, reference.end),
      offset: dollar,
      target: reference.number ?? reference.name,
      resolves: groups.length > 0,
    })
    if (literal !== '') parts.push(literal)
    literal = ''
    if (groups.length > 0) parts.push({groups})
    i = reference.end
  }
  literal += template.slice(i)
  if (literal !== '') parts.push(literal)
  return {
    references,
    expand(match) {
      let out = ''
      for (const part of parts) {
        if (typeof part === 'string') {
          out += part
          continue
        }
        // Go takes the first group of that name that took part in the match.
        for (const group of part.groups) {
          const value = match[group]
          if (value !== undefined) {
            out += value
            break
          }
        }
      }
      return out
    },
  }
}

/** Go's regexp `extract`: a name of letters, digits and `_`, optionally in braces; numbers without leading zeros. */
function readRegexReference(template: string, start: number): {name: string; number?: number; end: number} | undefined {
  const braced = template[start] === '{'
  const nameStart = braced ? start + 1 : start
  const name = /^[\p{L}\p{Nd}_]*/u.exec(template.slice(nameStart))?.[0] ?? ''
  if (name === '') return undefined
  let end = nameStart + name.length
  if (braced) {
    if (template[end] !== '}') return undefined
    end++
  }
  const isNumber = /^\d{1,9}$/.test(name) && !(name.length > 1 && name.startsWith('0'))
  return isNumber ? {name, number: Number(name), end} : {name, end}
}
