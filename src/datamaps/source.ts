import {UsageError} from '../errors.js'
import {redact, rememberUrlSecrets} from '../text/redact.js'
import {decodeUrlPart, ESCAPE_HINT, passwordBreaksUrl} from '../text/url-credentials.js'

/** Where the grid cells come from: Ichnaea's MySQL/MariaDB tables, or CSV files of points. */
export type SourceSpec = {readonly kind: 'mysql'; readonly url: string} | {readonly kind: 'csv'; readonly path: string}

const EXAMPLES = 'e.g. --source mysql://user:pass@db:3306/location or --source csv:points.csv'

/** `mysql://…` / `mariadb://…`, or `csv:PATH` (a file, a directory of *.csv files, or `-` for stdin). */
export function parseSource(text: string, source: string): SourceSpec {
  if (text.startsWith('csv:')) {
    const path = text.slice('csv:'.length)
    if (path === '') throw new UsageError(`${source}: csv: needs a path`, EXAMPLES)
    return {kind: 'csv', path}
  }
  rememberUrlSecrets(text)
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new UsageError(`${source}: ${redact(JSON.stringify(text))} is neither a database URL nor csv:PATH`, passwordBreaksUrl(text) ? ESCAPE_HINT : EXAMPLES)
  }
  if (url.protocol !== 'mysql:' && url.protocol !== 'mariadb:') {
    throw new UsageError(`${source}: datamaps reads MySQL or MariaDB, not ${url.protocol.replace(/:$/, '')}`, EXAMPLES)
  }
  if (url.pathname.replace(/^\//, '') === '') throw new UsageError(`${source}: ${redact(text)} names no database`, 'add the database name: mysql://host/location')
  // Checked here, before the export decodes them to connect.
  for (const [part, what] of [[url.username, 'user name'], [url.password, 'password'], [url.pathname, 'database name']]) decodeUrlPart(part, `${source}: the ${what}`)
  return {kind: 'mysql', url: text}
}

/** The source as shown in reports: credentials hidden. */
export function describeSource(spec: SourceSpec): string {
  return spec.kind === 'csv' ? `csv:${spec.path}` : redact(spec.url)
}
