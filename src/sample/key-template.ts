/**
 * Key templates: `apilimit:{key}:{path}:{date:%Y%m%d}` names the parts of a key
 * (which become tags) and, optionally, a UTC date in strftime form. A template gives
 * the SCAN pattern that finds its keys and the matcher that splits a key into parts.
 * `{{` and `}}` stand for literal braces, as in a Redis Cluster hash tag.
 */
import {UsageError} from '../errors.js'
import {globEscape} from './redis-scan.js'

export interface KeyParts {
  readonly fields: Readonly<Record<string, string>>
  /** The date part as written in the key, when the template has one. */
  readonly date?: string
}

export interface KeyTemplate {
  readonly text: string
  /** Field names, in template order; the date is not one of them. */
  readonly fields: readonly string[]
  /** The strftime format of the date part, if there is one. */
  readonly dateFormat?: string
  /** Splits a key into its parts, or undefined when the key does not fit the template. */
  match(key: string): KeyParts | undefined
  /** The SCAN pattern: every field is `*`; the date is `*` or, when given, that date. */
  scanPattern(date?: string): string
}

type Piece = {readonly literal: string} | {readonly field: string} | {readonly date: string}

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
/** The strftime directives a date part may use, and what each matches. */
const DATE_DIRECTIVES: Readonly<Record<string, string>> = {'%Y': '\\d{4}', '%m': '\\d{2}', '%d': '\\d{2}'}

export function parseKeyTemplate(text: string, source: string): KeyTemplate {
  const pieces = parsePieces(text, source)
  const fields = pieces.flatMap(piece => ('field' in piece ? [piece.field] : []))
  const dates = pieces.flatMap(piece => ('date' in piece ? [piece.date] : []))
  if (fields.length + dates.length === 0) throw new UsageError(`${source}: the key template ${JSON.stringify(text)} has no {field}`, 'e.g. apilimit:{key}:{path}:{date:%Y%m%d}')
  if (dates.length > 1) throw new UsageError(`${source}: the key template ${JSON.stringify(text)} has more than one {date:…}`)
  const repeated = fields.find((field, index) => fields.indexOf(field) !== index)
  if (repeated !== undefined) throw new UsageError(`${source}: the field {${repeated}} appears twice in ${JSON.stringify(text)}`)
  const matcher = new RegExp('^' + pieces.map((piece, index) => pieceRegex(piece, pieces[index + 1], text, source)).join('') + '$', 's')
  return {
    text,
    fields,
    ...(dates.length === 1 ? {dateFormat: dates[0]} : {}),
    match(key) {
      const found = matcher.exec(key)
      if (!found?.groups) return undefined
      const {__date: date, ...named} = found.groups
      return date === undefined ? {fields: named} : {fields: named, date}
    },
    scanPattern(date) {
      return pieces.map(piece => ('literal' in piece ? globEscape(piece.literal) : 'date' in piece && date !== undefined ? globEscape(date) : '*')).join('')
    },
  }
}

/** A UTC date in the subset of strftime that key templates accept. */
export function formatDate(date: Date, format: string): string {
  const values: Readonly<Record<string, string>> = {
    '%Y': String(date.getUTCFullYear()).padStart(4, '0'),
    '%m': String(date.getUTCMonth() + 1).padStart(2, '0'),
    '%d': String(date.getUTCDate()).padStart(2, '0'),
  }
  return format.replace(/%[Ymd]/g, directive => values[directive])
}

/** The `{field}` names a name template uses, e.g. `{api_type}.user` uses api_type. */
export function nameFields(template: string): string[] {
  return [...template.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map(match => match[1])
}

/** A name template with its fields filled in. */
export function renderName(template: string, fields: Readonly<Record<string, string>>): string {
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, field: string) => fields[field] ?? whole)
}

function parsePieces(text: string, source: string): Piece[] {
  const pieces: Piece[] = []
  let literal = ''
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if ((char === '{' || char === '}') && text[i + 1] === char) {
      literal += char
      i++
      continue
    }
    if (char === '}') throw new UsageError(`${source}: unmatched } at column ${i + 1} of ${JSON.stringify(text)}`, 'write }} for a literal brace')
    if (char !== '{') {
      literal += char
      continue
    }
    const end = text.indexOf('}', i)
    if (end === -1) throw new UsageError(`${source}: unclosed { at column ${i + 1} of ${JSON.stringify(text)}`, 'write {{ for a literal brace')
    if (literal !== '') pieces.push({literal})
    literal = ''
    pieces.push(placeholder(text.slice(i + 1, end), text, source))
    i = end
  }
  if (literal !== '') pieces.push({literal})
  return pieces
}

function placeholder(inner: string, text: string, source: string): Piece {
  if (inner.startsWith('date:')) {
    const format = inner.slice('date:'.length)
    const unknown = format.match(/%./g)?.find(directive => !(directive in DATE_DIRECTIVES))
    if (format === '' || unknown !== undefined) throw new UsageError(`${source}: {${inner}} in ${JSON.stringify(text)}: a date format may use %Y, %m and %d`, 'e.g. {date:%Y%m%d} or {date:%Y-%m-%d}')
    return {date: format}
  }
  if (!FIELD_NAME.test(inner) || inner.startsWith('__')) throw new UsageError(`${source}: {${inner}} in ${JSON.stringify(text)} is not a field name`, 'use letters, digits and _ (not starting with __), or {date:%Y%m%d}')
  return {field: inner}
}

/** A field matches up to the next literal's first character (as splitting the key on `:` would). */
function pieceRegex(piece: Piece, next: Piece | undefined, text: string, source: string): string {
  if ('literal' in piece) return escapeRegex(piece.literal)
  if (next !== undefined && !('literal' in next)) throw new UsageError(`${source}: two parts of ${JSON.stringify(text)} touch; separate them with literal text such as ":"`)
  if ('date' in piece) return `(?<__date>${piece.date.replace(/%[Ymd]|[^%]+/g, part => DATE_DIRECTIVES[part] ?? escapeRegex(part))})`
  const stop = next === undefined ? '' : escapeRegex(next.literal[0])
  return stop === '' ? `(?<${piece.field}>.*)` : `(?<${piece.field}>[^${stop}]*)`
}

const escapeRegex = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')
