/**
 * A name as metric docs write it: a statsd name template, optionally followed by
 * DogStatsD tags (`locate.request#path:v1.search,key:<apikey>`), or tags alone
 * (`#interval:1d`, `interval:7d`) where the docs list tags that a metric gets.
 *
 * Placeholders: `<name>` as the catalogue writes them, and `{name}` (Python
 * format-string style, as some docs write them), which is read as `<name>`. Nothing else
 * (`*`, `$name`, `%s`, `NAME` in capitals) is taken for a placeholder: it would be a guess.
 *
 * The docs' own sloppiness is repaired where there is only one reading: a `#` repeated
 * before a later tag (`key:<apikey>,#path:<path>`) is dropped; a tag written without its
 * colon (`key<apikey>`) is read as `key:<apikey>` and the repair is reported as a guess.
 */
import type {NameTemplate} from '../template.js'
import {parseTemplate} from '../template.js'

export type DocTagValue = {readonly kind: 'literal'; readonly text: string} | {readonly kind: 'placeholder'; readonly name: string}

export interface DocTag {
  readonly key: string
  /** Absent: the docs name the tag without a value (any value). */
  readonly value?: DocTagValue
}

export interface DocName {
  /** Absent for tags alone. */
  readonly name?: NameTemplate
  readonly tags: readonly DocTag[]
  /** Repairs made by judgement, for `guessed.tags`. */
  readonly repairs: readonly string[]
}

export type DocNameParse = {readonly ok: true; readonly value: DocName} | {readonly ok: false; readonly message: string}

const BRACED = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g
const PLACEHOLDER = /^<([A-Za-z_][A-Za-z0-9_]*)>$/
/** What a DogStatsD tag key may hold here: no separators of the line or of the docs' notation. */
const TAG_KEY = /^[^\s:,|#<>@]+$/
const TAG_VALUE = /^[^\s,|#<>@]+$/
const GLUED_PLACEHOLDER = /^([^\s:,|#<>@]+)<([A-Za-z_][A-Za-z0-9_]*)>$/

/** `{dag_id}` → `<dag_id>`: the one other placeholder spelling accepted. */
export function normalisePlaceholders(text: string): string {
  return text.replace(BRACED, '<$1>')
}

/** A metric's documented name: a template, then `#` and tags. */
export function parseDocName(raw: string): DocNameParse {
  const text = normalisePlaceholders(raw.trim())
  const hash = text.indexOf('#')
  const namePart = hash < 0 ? text : text.slice(0, hash)
  const wildcard = /[*{}]/.exec(namePart)?.[0]
  if (wildcard !== undefined) {
    const why = wildcard === '*' ? '"*" is not read as a placeholder: name it, <name>' : '{…} is a placeholder only around a name of letters, digits and _'
    return {ok: false, message: `${JSON.stringify(raw.trim())} is not a metric name: ${why}`}
  }
  const parsed = parseTemplate(namePart)
  if (!parsed.ok) return {ok: false, message: `${JSON.stringify(raw.trim())} is not a metric name: ${parsed.error.message}`}
  if (hash < 0) return {ok: true, value: {name: parsed.template, tags: [], repairs: []}}
  const tags = parseTags(text.slice(hash + 1), raw)
  if (!tags.ok) return tags
  return {ok: true, value: {...tags.value, name: parsed.template}}
}

/** Tags alone, with or without a leading `#`: `#accuracy:high,status:hit`, `interval:7d`. */
export function parseDocTags(raw: string): DocNameParse {
  const text = normalisePlaceholders(raw.trim())
  return parseTags(text.startsWith('#') ? text.slice(1) : text, raw)
}

/** Whether a literal is written as tags alone (`#accuracy:high`), not as a name. */
export const isTagsOnly = (raw: string): boolean => raw.trim().startsWith('#')

function parseTags(text: string, raw: string): DocNameParse {
  const tags: DocTag[] = []
  const repairs: string[] = []
  const fail = (message: string): DocNameParse => ({ok: false, message: `${JSON.stringify(raw.trim())}: ${message}`})
  if (text.trim() === '') return fail('"#" with no tags after it')
  for (const written of text.split(',')) {
    const part = written.trim().replace(/^#/, '')
    if (part === '') return fail('an empty tag (two commas, or a trailing comma)')
    const colon = part.indexOf(':')
    if (colon < 0) {
      const glued = GLUED_PLACEHOLDER.exec(part)
      if (glued) {
        tags.push({key: glued[1], value: {kind: 'placeholder', name: glued[2]}})
        repairs.push(`read "${part}" as "${glued[1]}:<${glued[2]}>" (no colon in the docs)`)
        continue
      }
      if (!TAG_KEY.test(part)) return fail(`${JSON.stringify(part)} is not a tag`)
      tags.push({key: part})
      continue
    }
    const key = part.slice(0, colon)
    const value = part.slice(colon + 1)
    if (!TAG_KEY.test(key)) return fail(`${JSON.stringify(key)} is not a tag key`)
    const placeholder = PLACEHOLDER.exec(value)
    if (placeholder) tags.push({key, value: {kind: 'placeholder', name: placeholder[1]}})
    else if (value.includes('<') || value.includes('>')) return fail(`the value of tag "${key}" is a literal or one whole <placeholder>, not ${JSON.stringify(value)}`)
    else if (value === '' || !TAG_VALUE.test(value)) return fail(`${JSON.stringify(value)} is not a tag value`)
    else tags.push({key, value: {kind: 'literal', text: value}})
  }
  return {ok: true, value: {tags, repairs}}
}
