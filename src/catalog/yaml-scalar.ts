/**
 * What a YAML scalar means in the catalogue. The file is YAML 1.2 with the core schema,
 * as editors (yaml-language-server) and the JSON Schema read it: `true`/`false` are
 * booleans, `1.0` a number, `null`/`~`/nothing is null, and `yes`, `on`, `v1.2` are text.
 * The writer asks the other way round: which text can go unquoted and still read back as
 * text, also for YAML 1.1 readers (PyYAML), where `yes`, `on` and `1_000` are not.
 */
import type {ScalarStyle} from '../mapping/yaml-decode.js'

export type CoreScalar =
  | {readonly kind: 'null'}
  | {readonly kind: 'bool'; readonly value: boolean}
  | {readonly kind: 'int' | 'float'; readonly value: number}
  | {readonly kind: 'str'}

const NULL = /^(?:~|null|Null|NULL|)$/
const TRUE = /^(?:true|True|TRUE)$/
const FALSE = /^(?:false|False|FALSE)$/
const INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/
const FLOAT = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/

/** The core schema's reading of a scalar as written: quoted, block or `!!str`-tagged scalars are text. */
export function resolveScalar(text: string, style: ScalarStyle | undefined, tag: string | undefined): CoreScalar {
  if (tag === '!!str' || tag === 'tag:yaml.org,2002:str' || (style !== 'PLAIN' && style !== undefined)) return STRING
  // Asked of every value in the file: most start with a letter no other type starts with.
  if (text !== '' && !MAYBE_NOT_TEXT.has(text[0])) return STRING
  if (NULL.test(text)) return {kind: 'null'}
  if (TRUE.test(text)) return {kind: 'bool', value: true}
  if (FALSE.test(text)) return {kind: 'bool', value: false}
  if (INT.test(text)) return {kind: 'int', value: text.startsWith('0o') ? Number.parseInt(text.slice(2), 8) : Number(text)}
  if (FLOAT.test(text)) return {kind: 'float', value: coreFloat(text)}
  return STRING
}

const STRING: CoreScalar = {kind: 'str'}
/** The first characters of the core schema's nulls, booleans and numbers. */
const MAYBE_NOT_TEXT = new Set([...'~nNtTfF0123456789+-.'])

function coreFloat(text: string): number {
  const lower = text.toLowerCase()
  if (lower.endsWith('.nan')) return Number.NaN
  if (lower.endsWith('.inf')) return lower.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY
  return Number(text)
}

/** YAML 1.1's other booleans and nulls, and its number forms (`1_000`, `0b1`, `1:20`, `.5`). */
const YAML_11_NOT_TEXT = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$|^[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?)$/
/** Characters that may not start a plain scalar (YAML's c-indicators). */
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/
/** What no plain scalar may hold: line breaks, tabs, other controls, and `: ` / ` #`, which end it. */
const NOT_PLAIN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]|: |:$| #/
const FLOW_INDICATOR = /[,[\]{}]/

/**
 * Whether `text` can be written without quotes and read back as the same text. In a
 * flow list (`[a, b]`) the fast block reader takes plain items without `:`, `#`,
 * quotes or flow indicators only, so those are quoted there too.
 */
export function plainSafe(text: string, inFlow: boolean): boolean {
  if (text === '' || text !== text.trim() || INDICATOR_START.test(text) || NOT_PLAIN.test(text)) return false
  if (inFlow && (FLOW_INDICATOR.test(text) || /[:#"']/.test(text))) return false
  return resolveScalar(text, 'PLAIN', undefined).kind === 'str' && !YAML_11_NOT_TEXT.test(text)
}
