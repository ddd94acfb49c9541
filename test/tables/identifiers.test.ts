import {describe, expect, it} from 'vitest'
import {UsageError} from '../../src/errors.js'
import {newestRowQuery, parseTableRef, quoteIdentifier, validateIdentifier} from '../../src/sql/identifiers.js'

describe('validateIdentifier', () => {
  it.each(['created', 'cell_gsm_ocid', 'Cell2', '2024_data', 'tbl$1', 'my-table', 'zählung', 'x'.repeat(63)])('accepts %j', name => {
    expect(validateIdentifier(name, 'table', '--table')).toBe(name)
  })

  it.each([
    ['', 'empty'],
    ['a b', 'a space'],
    ['x;drop table y', 'a statement'],
    ['a`b', 'a backtick'],
    ['a"b', 'a double quote'],
    ["a'b", 'a single quote'],
    ['a.b', 'a dot'],
    ['a\u0000b', 'a NUL'],
    ['x'.repeat(64), 'too long'],
    ['ä'.repeat(32), 'too many bytes'],
  ])('refuses %j (%s) with a message naming it and where it came from', name => {
    expect(() => validateIdentifier(name, 'table', '--table')).toThrow(UsageError)
    expect(() => validateIdentifier(name, 'table', '--table')).toThrow(`--table: ${JSON.stringify(name)} is not a valid table name`)
  })
})

describe('parseTableRef', () => {
  it.each([
    ['cell_gsm_ocid', {table: 'cell_gsm_ocid'}],
    ['location.cell_gsm_ocid', {schema: 'location', table: 'cell_gsm_ocid'}],
  ])('parses %j', (text, ref) => {
    expect(parseTableRef(text, 'test')).toEqual(ref)
  })

  it('refuses more than one dot', () => {
    expect(() => parseTableRef('a.b.c', 'test')).toThrow('has more than one dot')
  })
})

describe('quoting', () => {
  it.each([
    ['created', 'mysql', '`created`'],
    ['created', 'postgres', '"created"'],
    ['a`b', 'mysql', '`a``b`'],
    ['a"b', 'postgres', '"a""b"'],
  ] as const)('quotes %j for %s as %s', (name, dialect, quoted) => {
    expect(quoteIdentifier(name, dialect)).toBe(quoted)
  })

  it('builds the one query from quoted identifiers only', () => {
    expect(newestRowQuery({schema: 'location', table: 'cell_gsm_ocid'}, 'created', 'mysql')).toBe('SELECT max(`created`) AS newest FROM `location`.`cell_gsm_ocid`')
    expect(newestRowQuery({table: 'Cell'}, 'Created', 'postgres')).toBe('SELECT max("Created") AS newest FROM "Cell"')
  })
})
