/**
 * statsd name templates as metric docs write them: dot-separated segments of literal
 * text and `<placeholder>` parts (`<PREFIX>.<FEED_CLASS>.reads`, `<job_name>_start`,
 * `operator_failures_<operator_name>`). Pure functions; no I/O.
 */

export type TemplatePart =
  | {readonly kind: 'literal'; readonly text: string}
  | {readonly kind: 'placeholder'; readonly name: string}

export interface TemplateSegment {
  readonly parts: readonly TemplatePart[]
}

export interface NameTemplate {
  /** As written, which is also what formatTemplate gives back. */
  readonly text: string
  readonly segments: readonly TemplateSegment[]
}

export interface TemplateError {
  readonly message: string
  /** 0-based offset into the text. */
  readonly offset: number
}

export type TemplateParse = {readonly ok: true; readonly template: NameTemplate} | {readonly ok: false; readonly error: TemplateError}

const PLACEHOLDER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
/** What statsd clients put in a name; `:`, `|`, `@`, `#` and whitespace would break the line. */
const LITERAL_CHAR = /[^.<>:|@#\s]/u

/** Whether `text` may name a placeholder (`FEED_CLASS`, `apikey`): letters, digits and `_`, not starting with a digit. */
export function isPlaceholderName(text: string): boolean {
  return PLACEHOLDER_NAME.test(text)
}

export function parseTemplate(text: string): TemplateParse {
  const fail = (message: string, offset: number): TemplateParse => ({ok: false, error: {message, offset}})
  if (text === '') return fail('a name template must not be empty', 0)
  const segments: TemplateSegment[] = []
  let parts: TemplatePart[] = []
  let literal = ''
  const endLiteral = () => {
    if (literal !== '') parts.push({kind: 'literal', text: literal})
    literal = ''
  }
  let i = 0
  while (i <= text.length) {
    const char = text[i]
    if (i === text.length || char === '.') {
      endLiteral()
      if (parts.length === 0) return fail(i === text.length && i > 0 ? 'a name template must not end with "."' : 'empty segment (two dots, or a leading dot)', i)
      segments.push({parts})
      parts = []
      i++
      continue
    }
    if (char === '<') {
      const close = text.indexOf('>', i + 1)
      if (close < 0) return fail('"<" without a closing ">"', i)
      const name = text.slice(i + 1, close)
      if (!PLACEHOLDER_NAME.test(name)) return fail(`placeholder names are letters, digits and _, not starting with a digit: <${name}>`, i + 1)
      if (literal === '' && parts.at(-1)?.kind === 'placeholder') return fail(`two placeholders with nothing between them cannot be told apart: <${name}>`, i)
      endLiteral()
      parts.push({kind: 'placeholder', name})
      i = close + 1
      continue
    }
    if (char === '>') return fail('">" without an opening "<"', i)
    if (!LITERAL_CHAR.test(char)) return fail(`${JSON.stringify(char)} cannot be part of a statsd name`, i)
    literal += char
    i++
  }
  return {ok: true, template: {text, segments}}
}

/** The template a text names, for text already known to be valid (tests, generated names). */
export function template(text: string): NameTemplate {
  const parsed = parseTemplate(text)
  if (!parsed.ok) throw new Error(`invalid name template ${JSON.stringify(text)}: ${parsed.error.message}`)
  return parsed.template
}

export function formatSegment(segment: TemplateSegment): string {
  return segment.parts.map(part => (part.kind === 'literal' ? part.text : `<${part.name}>`)).join('')
}

export function formatTemplate(segments: readonly TemplateSegment[]): string {
  return segments.map(formatSegment).join('.')
}

/** Placeholder names in order of first use. */
export function placeholderNames(name: NameTemplate): string[] {
  const names: string[] = []
  for (const segment of name.segments) {
    for (const part of segment.parts) if (part.kind === 'placeholder' && !names.includes(part.name)) names.push(part.name)
  }
  return names
}

/** A segment that is exactly one placeholder (`<FEED_CLASS>`), as opposed to one inside literal text. */
export function wholeSegmentPlaceholder(segment: TemplateSegment): string | undefined {
  const [only] = segment.parts
  return segment.parts.length === 1 && only.kind === 'placeholder' ? only.name : undefined
}

/** The prefix and the name joined as they go on the wire. */
export function joinTemplates(prefix: NameTemplate | undefined, name: NameTemplate): NameTemplate {
  if (prefix === undefined) return name
  const segments = [...prefix.segments, ...name.segments]
  return {text: formatTemplate(segments), segments}
}
