import {UsageError} from '../errors.js'
import {redact, rememberUrlSecrets} from '../text/redact.js'
import {decodeUrlPart, ESCAPE_HINT, passwordBreaksUrl} from '../text/url-credentials.js'
import type {Dialect} from './identifiers.js'

/**
 * libpq's sslmode names: `require` encrypts without checking the certificate,
 * `verify-ca` checks it was signed by a trusted CA, `verify-full` also checks the
 * host name. There is no `prefer`: a cron job should know whether it encrypts.
 */
export type TlsMode = 'disable' | 'require' | 'verify-ca' | 'verify-full'
export const TLS_MODES: readonly TlsMode[] = ['disable', 'require', 'verify-ca', 'verify-full']

export interface TlsSettings {
  readonly mode: TlsMode
  /** PEM files: CA bundle, client certificate and key. */
  readonly ca?: string
  readonly cert?: string
  readonly key?: string
}

/** Where one database is and how to log in, from a `mysql://` / `mariadb://` / `postgres://` URL. */
export interface DatabaseTarget {
  readonly dialect: Dialect
  readonly host: string
  readonly port: number
  /** A Unix socket: the socket file for MySQL, the socket directory for PostgreSQL. */
  readonly socket?: string
  readonly user?: string
  readonly password?: string
  readonly database?: string
  readonly tls: TlsSettings
  /** The URL with its password hidden: how every message names this database. */
  readonly label: string
}

const SCHEMES: Readonly<Record<string, Dialect>> = {mysql: 'mysql', mariadb: 'mysql', postgres: 'postgres', postgresql: 'postgres'}
const DEFAULT_PORT: Readonly<Record<Dialect, number>> = {mysql: 3306, postgres: 5432}

/** MySQL's --ssl-mode names, as people copy them into URLs. */
const TLS_MODE_ALIASES: Readonly<Record<string, TlsMode>> = {
  disable: 'disable', disabled: 'disable', require: 'require', required: 'require',
  'verify-ca': 'verify-ca', verify_ca: 'verify-ca', 'verify-full': 'verify-full', verify_identity: 'verify-full',
}

type UrlSetting = 'mode' | 'ca' | 'cert' | 'key' | 'socket'

/** The query parameters a URL may carry; anything else is refused rather than silently ignored. */
const URL_PARAMETERS: Readonly<Record<string, UrlSetting>> = {
  sslmode: 'mode', 'ssl-mode': 'mode',
  sslrootcert: 'ca', 'ssl-ca': 'ca',
  sslcert: 'cert', 'ssl-cert': 'cert',
  sslkey: 'key', 'ssl-key': 'key',
  socket: 'socket', host: 'socket',
}

/** TLS settings from outside the URL (flags, config), each field optional. */
export type TlsOverrides = Partial<TlsSettings>

/**
 * Parses a database URL. `base` are TLS settings from the config file, which URL
 * parameters override; `overrides` come from flags, which override both. A CA file
 * given without a mode means `verify-full`.
 */
export function parseDatabaseUrl(text: string, source: string, base: TlsOverrides = {}, overrides: TlsOverrides = {}): DatabaseTarget {
  rememberUrlSecrets(text)
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new UsageError(`${source} ${redact(text)}: not a URL`, passwordBreaksUrl(text) ? ESCAPE_HINT : 'e.g. mysql://user:password@host:3306/db or postgres://user@host:5432/db')
  }
  const label = passwordHidden(url)
  const where = `${source} ${label}`
  const dialect = SCHEMES[url.protocol.replace(/:$/, '').toLowerCase()]
  if (!dialect) throw new UsageError(`${where}: unsupported scheme ${JSON.stringify(url.protocol)}`, 'use mysql://, mariadb://, postgres:// or postgresql://')

  const fromUrl: Partial<Record<UrlSetting, string>> = {}
  for (const [name, value] of url.searchParams) {
    const setting = URL_PARAMETERS[name.toLowerCase()]
    if (!setting) throw new UsageError(`${where}: unknown URL parameter ${JSON.stringify(name)}`, `known: ${Object.keys(URL_PARAMETERS).join(', ')}`)
    fromUrl[setting] = value
  }
  const modeText = overrides.mode ?? (fromUrl.mode === undefined ? undefined : parseTlsMode(fromUrl.mode, `${where} sslmode`)) ?? base.mode
  const ca = overrides.ca ?? fromUrl.ca ?? base.ca
  const tls: TlsSettings = {
    mode: modeText ?? (ca === undefined ? 'disable' : 'verify-full'),
    ca,
    cert: overrides.cert ?? fromUrl.cert ?? base.cert,
    key: overrides.key ?? fromUrl.key ?? base.key,
  }
  if ((tls.cert === undefined) !== (tls.key === undefined)) throw new UsageError(`${where}: a TLS client certificate needs both a certificate and a key file`)

  const port = url.port === '' ? DEFAULT_PORT[dialect] : Number(url.port)
  const path = decodeUrlPart(url.pathname.replace(/^\//, ''), `${where} database name`)
  if (path.includes('@')) throw new UsageError(`${where}: the path holds an @: is there an unescaped / in the password?`, ESCAPE_HINT)
  if (path.includes('/')) throw new UsageError(`${where}: the path must be just the database name`)
  return {
    dialect,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost',
    port,
    socket: fromUrl.socket,
    user: url.username === '' ? undefined : decodeUrlPart(url.username, `${where} user name`),
    password: url.password === '' ? undefined : decodeUrlPart(url.password, `${where} password`),
    database: path === '' ? undefined : path,
    tls,
    label,
  }
}

/**
 * The URL as parsed, password replaced, then redacted: a parse can place an unescaped
 * `/` of the password in the port and path (`mysql://root:123/abc@host/db`).
 */
function passwordHidden(url: URL): string {
  if (url.password === '') return redact(url.href)
  const hidden = new URL(url.href)
  hidden.password = '***'
  return redact(hidden.href)
}

export function parseTlsMode(text: string, source: string): TlsMode {
  const mode = TLS_MODE_ALIASES[text.toLowerCase()]
  if (!mode) throw new UsageError(`${source}: expected one of ${TLS_MODES.join(', ')}, got ${JSON.stringify(text)}`)
  return mode
}
