import {UsageError} from '../errors.js'

export type Dialect = 'mysql' | 'postgres'

/** A table, optionally schema-qualified (`location.cell_gsm_ocid`), as the user wrote it. */
export interface TableRef {
  readonly schema?: string
  readonly table: string
}

/**
 * What an identifier may hold. Quoting alone would make any text safe, but a name
 * with quotes, spaces, dots or semicolons in a freshness check is far more likely a
 * mistake or an attack than a real table, so it is refused before any SQL is built.
 * 63 bytes is PostgreSQL's limit (NAMEDATALEN - 1); MySQL allows 64 characters.
 */
const IDENTIFIER = /^[\p{L}\p{N}_$-]+$/u
const MAX_IDENTIFIER_BYTES = 63

export function validateIdentifier(name: string, what: string, source: string): string {
  if (!IDENTIFIER.test(name) || Buffer.byteLength(name) > MAX_IDENTIFIER_BYTES) {
    throw new UsageError(
      `${source}: ${JSON.stringify(name)} is not a valid ${what} name`,
      `use letters, digits, _, $ and -, at most ${MAX_IDENTIFIER_BYTES} bytes`,
    )
  }
  return name
}

/** `table` or `schema.table`. */
export function parseTableRef(text: string, source: string): TableRef {
  const parts = text.split('.')
  if (parts.length > 2) throw new UsageError(`${source}: ${JSON.stringify(text)} has more than one dot`, 'write TABLE or SCHEMA.TABLE')
  if (parts.length === 2) return {schema: validateIdentifier(parts[0], 'schema', source), table: validateIdentifier(parts[1], 'table', source)}
  return {table: validateIdentifier(text, 'table', source)}
}

export function formatTableRef(ref: TableRef): string {
  return ref.schema === undefined ? ref.table : `${ref.schema}.${ref.table}`
}

/** Backticks for MySQL and MariaDB, double quotes for PostgreSQL (exact case); the quote character is doubled. */
export function quoteIdentifier(name: string, dialect: Dialect): string {
  const quote = dialect === 'mysql' ? '`' : '"'
  return quote + name.split(quote).join(quote + quote) + quote
}

export function quoteTableRef(ref: TableRef, dialect: Dialect): string {
  const table = quoteIdentifier(ref.table, dialect)
  return ref.schema === undefined ? table : `${quoteIdentifier(ref.schema, dialect)}.${table}`
}

/**
 * The one query this command sends, with nothing in it but quoted identifiers.
 * `max()` over an indexed column is answered from the index by both servers.
 */
export function newestRowQuery(ref: TableRef, column: string, dialect: Dialect): string {
  return `SELECT max(${quoteIdentifier(column, dialect)}) AS newest FROM ${quoteTableRef(ref, dialect)}`
}
