/**
 * Credentials must never reach a log line, an error message or --json. Two layers:
 *
 * - The secrets this run was given (a URL's password, `sentinelPassword`) are remembered
 *   when they are read, and hidden wherever they appear afterwards, in every form a
 *   message may quote them in: as written, percent-encoded or decoded, JSON- or
 *   terminal-escaped. A library that echoes the password (ioredis's debug output of
 *   AUTH, a driver's error) is covered without knowing how it words it.
 * - Patterns hide what looks like a credential in any text: the password of
 *   `scheme://user:password@host`, parsed or not (it may hold `# ? / @ : %` and spaces),
 *   of `user:password@host`, a `password=` URL parameter, and the arguments of a Redis
 *   AUTH or HELLO that a server or ioredis echoes back.
 *
 * `redis://user:s3cret@host:6379/0` is shown as `redis://user:***@host:6379/0`.
 * Every pass is linear in the text: messages quote untrusted input.
 */
import {visible} from './visible.js'

const HIDDEN = '***'

/**
 * Shorter secrets are hidden only where a pattern finds them: replacing `ab` wherever
 * it appears would garble every message it shares two letters with.
 */
export const MIN_REMEMBERED_LENGTH = 4

/** Our own examples (`redis://user:password@host` in a hint) are not credentials. */
const PLACEHOLDERS: ReadonlySet<string> = new Set(['password', 'PASSWORD', HIDDEN])

/** Every form of every remembered secret, longest first, so that a longer form is hidden whole. */
let remembered: readonly string[] = []

/**
 * Remembers a secret given to this run, so that every message hides it from now on.
 * Called where passwords are read (URLs, config), before anything can quote them.
 */
export function rememberSecret(secret: string | undefined): void {
  if (secret === undefined || secret.length < MIN_REMEMBERED_LENGTH) return
  const forms = new Set(remembered)
  for (const form of quotedForms(secret)) if (form.length >= MIN_REMEMBERED_LENGTH) forms.add(form)
  if (forms.size !== remembered.length) remembered = [...forms].sort((a, b) => b.length - a.length)
}

/**
 * Remembers the passwords in a URL as the user wrote it, whether it parses or not:
 * the password of its user info (up to the last `@`, and as a URL parser reads it),
 * and the values of its `password=`-like parameters. Also takes `user:password@host`
 * without a scheme.
 */
export function rememberUrlSecrets(text: string): void {
  const scheme = text.indexOf('://')
  const authority = scheme === -1 ? 0 : scheme + 3
  const at = text.lastIndexOf('@')
  const colon = text.indexOf(':', authority)
  if (at > authority && colon !== -1 && colon < at) rememberWritten(text.slice(colon + 1, at))
  if (URL.canParse(text)) {
    const url = new URL(text)
    rememberWritten(url.password)
    for (const [key, value] of url.searchParams) if (PASSWORD_KEY.test(key)) rememberSecret(value)
  }
  const query = text.indexOf('?', authority)
  if (query === -1) return
  for (const parameter of text.slice(query + 1).split('&')) {
    const equals = parameter.indexOf('=')
    if (equals !== -1 && PASSWORD_KEY.test(parameter.slice(0, equals))) rememberWritten(parameter.slice(equals + 1))
  }
}

/** Credentials hidden: the remembered secrets, then whatever the patterns find. */
export function redact(text: string): string {
  return hidePatterns(hideRemembered(text))
}

/**
 * The remembered secrets hidden, nothing else: for data that is not our words (a
 * Redis reply, a key name), where a pattern could mistake a value for a credential.
 */
export function hideRemembered(text: string): string {
  let hidden = text
  for (const form of remembered) if (hidden.includes(form)) hidden = hidden.split(form).join(HIDDEN)
  return hidden
}

/** A report with the remembered secrets hidden in every string, for --json. */
export function hideRememberedIn<T>(value: T): T {
  if (remembered.length === 0) return value
  return hideIn(value) as T
}

function hideIn(value: unknown): unknown {
  if (typeof value === 'string') return hideRemembered(value)
  if (Array.isArray(value)) return value.map(hideIn)
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, hideIn(item)]))
  }
  return value
}

/** How a message may quote a secret: as it is, percent-encoded as a URL or a form does, JSON-escaped, made visible. */
function quotedForms(secret: string): string[] {
  const userinfo = new URL('http://host')
  userinfo.password = secret
  const shown = visible(secret)
  return [
    secret,
    encodeURIComponent(secret),
    userinfo.password,
    new URLSearchParams([['p', secret]]).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    shown,
    JSON.stringify(shown).slice(1, -1),
  ]
}

/** A password as written in a URL: remembered as written and as decoded. */
function rememberWritten(written: string): void {
  rememberSecret(written)
  rememberSecret(decodePercentEscapes(written))
}

/** %XX escapes decoded where they form UTF-8; anything else left as written. */
function decodePercentEscapes(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, run => {
    try {
      return decodeURIComponent(run)
    } catch {
      return run
    }
  })
}

// ---- Patterns ----

/** URL parameters and flags that carry a password: `password`, `sslpassword`, `sentinelPassword`, `--sentinel-password`. */
const PASSWORD_KEY = /^(?:ssl|sentinel[-_]?)?(?:password|passwd|pass|pwd)$/i
/** A parameter's value runs to the next parameter, a space or a quote that ends the text around it. */
const PASSWORD_PARAMETER = /(^|[?&;,.\s("'`-])((?:ssl|sentinel[-_]?)?(?:password|passwd|pass|pwd))=([^&\s"<>]*)/gi

/**
 * The arguments of an AUTH or HELLO echoed back: Redis's `unknown command 'AUTH', with
 * args beginning with: 'pw'`, ioredis's debug line `auth([ 'pw' ])`, and an inspected
 * reply error's `command: { name: 'auth', args: [ 'pw' ] }`. Each hides the rest of what
 * follows, so that a match never fails after a long scan.
 */
const AUTH_ARGUMENTS: ReadonlyArray<[RegExp, string]> = [
  [/(\b(?:auth|hello)\b['"`]?, with args beginning with:)[^\n]*/gi, `$1 ${HIDDEN}`],
  [/(\bauth\(\[)[^\]\n]*/gi, `$1 ${HIDDEN} `],
  [/(\bname: (['"])(?:auth|hello)\2,\s*args: \[)[^\]]*/gi, `$1 ${HIDDEN} `],
]

function hidePatterns(text: string): string {
  let hidden = text.includes('@') ? text.split('\n').map(hideUserinfo).join('\n') : text
  if (hidden.includes('=')) {
    hidden = hidden.replace(PASSWORD_PARAMETER, (match: string, before: string, key: string, value: string) => (value === '' || PLACEHOLDERS.has(value) ? match : `${before}${key}=${HIDDEN}`))
  }
  for (const [pattern, replacement] of AUTH_ARGUMENTS) hidden = hidden.replace(pattern, replacement)
  return hidden
}

/**
 * One line with the password of every user info hidden. A URL starts at the start of a
 * word (`scheme://`) and runs to the next URL or the end of the line; its user info
 * ends at the last `@` followed by a host, so that a password holding `@`, `/`, `#`,
 * `?` or spaces is hidden whole. Between URLs, words of the form `user:password@host`.
 */
function hideUserinfo(line: string): string {
  const starts = urlStarts(line)
  if (starts.length === 0) return hideSchemeless(line)
  let out = hideSchemeless(line.slice(0, starts[0].start))
  for (const [index, {start, authority}] of starts.entries()) {
    const end = index + 1 < starts.length ? starts[index + 1].start : line.length
    out += hidePassword(line, start, authority, end)
  }
  return out
}

interface UrlStart {
  /** Where the scheme begins. */
  readonly start: number
  /** Just after `://`. */
  readonly authority: number
}

function urlStarts(line: string): UrlStart[] {
  const starts: UrlStart[] = []
  let floor = 0
  for (let marker = line.indexOf('://'); marker !== -1; marker = line.indexOf('://', marker + 3)) {
    let start = marker
    while (start > floor && isSchemeChar(line.charCodeAt(start - 1))) start--
    while (start < marker && !isLetter(line.charCodeAt(start))) start++
    if (start < marker && (start === 0 || WORD_BOUNDARY.has(line[start - 1]))) starts.push({start, authority: marker + 3})
    floor = marker + 3
  }
  return starts
}

/** line[start, end) is one URL and what follows it: its password hidden, if it has one. */
function hidePassword(line: string, start: number, authority: number, end: number): string {
  const at = lastAtBeforeHost(line, authority, end)
  if (at === -1) return line.slice(start, end)
  let colon = authority
  while (colon < at && line[colon] !== ':') colon++
  if (colon + 1 >= at || PLACEHOLDERS.has(line.slice(colon + 1, at))) return line.slice(start, end)
  return line.slice(start, colon + 1) + HIDDEN + line.slice(at, end)
}

/** Words `user:password@host` (no scheme) with the password hidden; a password with spaces is only hidden if remembered. */
function hideSchemeless(text: string): string {
  if (!text.includes('@')) return text
  let out = ''
  let copied = 0
  let word = 0
  while (word < text.length) {
    while (word < text.length && isSpace(text.charCodeAt(word))) word++
    let end = word
    while (end < text.length && !isSpace(text.charCodeAt(end))) end++
    let user = word
    while (user < end && OPENERS.has(text[user])) user++
    let colon = user
    while (colon < end && isUserChar(text.charCodeAt(colon))) colon++
    if (colon < end && text[colon] === ':') {
      const at = lastAtBeforeHost(text, colon + 1, end)
      if (at > colon + 1 && !PLACEHOLDERS.has(text.slice(colon + 1, at))) {
        out += text.slice(copied, colon + 1) + HIDDEN
        copied = at
      }
    }
    word = end
  }
  return out + text.slice(copied)
}

/** The last `@` in text[from, to) that a host name or [IPv6] address follows, or -1. */
function lastAtBeforeHost(text: string, from: number, to: number): number {
  for (let at = to - 1; at >= from; at--) {
    if (text.charCodeAt(at) === 0x40 && hostFollows(text, at + 1, to)) return at
  }
  return -1
}

function hostFollows(text: string, from: number, to: number): boolean {
  let end = from
  if (text[from] === '[') {
    end++
    while (end < to && isIpv6Char(text.charCodeAt(end))) end++
    if (end === to || text[end] !== ']') return false
    end++
  } else {
    while (end < to && isHostChar(text.charCodeAt(end))) end++
    if (end === from) return false
  }
  return end === to || HOST_ENDS.has(text[end]) || isSpace(text.charCodeAt(end))
}

/** What may come just before a URL: it starts a word. */
const WORD_BOUNDARY: ReadonlySet<string> = new Set([' ', '\t', '\r', '"', "'", '`', '(', '[', '<', '{', '=', ','])
/** What may come before `user:` in a word without a scheme. */
const OPENERS: ReadonlySet<string> = new Set(['"', "'", '`', '(', '[', '<', '{', '\\'])
/** What may follow a host: a port, a path, a query, a fragment, or the punctuation around a URL in a sentence. */
const HOST_ENDS: ReadonlySet<string> = new Set([':', '/', '?', '#', ')', ']', '}', '>', ',', ';', "'", '"', '`', '\\'])

const isLetter = (code: number): boolean => (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)
const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39
const isSpace = (code: number): boolean => code === 0x20 || (code >= 0x09 && code <= 0x0d)
/** RFC 3986 scheme: letters, digits, `+ . -`. */
const isSchemeChar = (code: number): boolean => isLetter(code) || isDigit(code) || code === 0x2b || code === 0x2e || code === 0x2d
/** A host name or IPv4 address, possibly percent-encoded. */
const isHostChar = (code: number): boolean => isLetter(code) || isDigit(code) || code === 0x2e || code === 0x2d || code === 0x5f || code === 0x7e || code === 0x25
const isIpv6Char = (code: number): boolean => isDigit(code) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66) || code === 0x3a || code === 0x2e || code === 0x25
/** A user name as URLs write it: unreserved characters and escapes. */
const isUserChar = (code: number): boolean => isHostChar(code) || code === 0x2b
