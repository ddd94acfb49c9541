import {describe, expect, it} from 'vitest'
import {UsageError} from '../../src/errors.js'
import {parseDatabaseUrl} from '../../src/sql/url.js'

const plain = {mode: 'disable', ca: undefined, cert: undefined, key: undefined}

describe('parseDatabaseUrl', () => {
  it.each([
    ['mysql://root@127.0.0.1/location', {dialect: 'mysql', host: '127.0.0.1', port: 3306, user: 'root', password: undefined, database: 'location'}],
    ['mariadb://u:p%40ss@db:3307/x', {dialect: 'mysql', host: 'db', port: 3307, user: 'u', password: 'p@ss', database: 'x'}],
    ['postgres://postgres@127.0.0.1/etl', {dialect: 'postgres', host: '127.0.0.1', port: 5432, user: 'postgres', database: 'etl'}],
    ['postgresql://[::1]:6432/etl', {dialect: 'postgres', host: '::1', port: 6432, user: undefined, database: 'etl'}],
    ['mysql://root@localhost/x?socket=/run/mysqld/mysqld.sock', {host: 'localhost', socket: '/run/mysqld/mysqld.sock'}],
    ['postgres:///etl?host=/var/run/postgresql', {host: 'localhost', socket: '/var/run/postgresql', database: 'etl'}],
    ['mysql://root@db', {database: undefined}],
  ])('reads %s', (url, expected) => {
    expect(parseDatabaseUrl(url, '--db')).toMatchObject({...expected, tls: plain})
  })

  it('names the database by its URL with the password hidden', () => {
    expect(parseDatabaseUrl('mysql://metrics:s3cret@db/location', '--db').label).toBe('mysql://metrics:***@db/location')
  })

  it.each([
    ['postgres://db/x?sslmode=require', {mode: 'require'}],
    ['postgres://db/x?sslmode=verify-full&sslrootcert=/ca.pem', {mode: 'verify-full', ca: '/ca.pem'}],
    ['mysql://db/x?ssl-mode=VERIFY_IDENTITY', {mode: 'verify-full'}],
    ['mysql://db/x?ssl-mode=REQUIRED', {mode: 'require'}],
    ['mysql://db/x?ssl-ca=/ca.pem', {mode: 'verify-full', ca: '/ca.pem'}],
    ['postgres://db/x?sslmode=verify-ca&sslcert=/c.pem&sslkey=/k.pem', {mode: 'verify-ca', cert: '/c.pem', key: '/k.pem'}],
  ])('reads TLS settings from %s', (url, tls) => {
    expect(parseDatabaseUrl(url, '--db').tls).toMatchObject(tls)
  })

  it('lets flags override the URL, and the URL override the config file', () => {
    expect(parseDatabaseUrl('postgres://db/x?sslmode=require', '--db', {mode: 'verify-full', ca: '/config-ca.pem'}, {}).tls).toMatchObject({mode: 'require', ca: '/config-ca.pem'})
    expect(parseDatabaseUrl('postgres://db/x?sslmode=require', '--db', {}, {mode: 'disable'}).tls.mode).toBe('disable')
    expect(parseDatabaseUrl('postgres://db/x', '--db', {}, {ca: '/flag-ca.pem'}).tls).toMatchObject({mode: 'verify-full', ca: '/flag-ca.pem'})
  })

  it.each([
    ['not a url', 'not a URL'],
    ['redis://db/0', 'unsupported scheme'],
    ['mysql://db/x?sslmode=prefer', 'sslmode: expected one of disable, require, verify-ca, verify-full'],
    ['mysql://db/x?charset=latin1', 'unknown URL parameter "charset"'],
    ['mysql://db/x/y', 'the path must be just the database name'],
    ['postgres://db/x?sslcert=/c.pem', 'needs both a certificate and a key'],
    ['mysql://u:%E0%A4%A@db/x', 'password has a bad %-escape'],
  ])('refuses %j', (url, message) => {
    expect(() => parseDatabaseUrl(url, '--db')).toThrow(UsageError)
    expect(() => parseDatabaseUrl(url, '--db')).toThrow(message)
  })

  it('never puts a password in a message', () => {
    for (const url of ['mysql://u:hunter2@db/x?nope=1', 'redis://u:hunter2@db/0', 'mysql://u:hunter2@db/x/y']) {
      expect(() => parseDatabaseUrl(url, '--db')).toThrow(/u:\*\*\*@db/)
      try {
        parseDatabaseUrl(url, '--db')
      } catch (error) {
        expect(String((error as Error).message) + (error as UsageError).hint).not.toContain('hunter2')
      }
    }
  })
})

describe('parseDatabaseUrl with awkward passwords', () => {
  it.each([
    ['mysql://u:p@ss@db/x', 'mysql://u:***@db/x'],
    ['mysql://u:p%40ss@db/x', 'mysql://u:***@db/x'],
    ['mysql://u:p:ss@db/x', 'mysql://u:***@db/x'],
  ])('hides the whole password of %s', (url, label) => {
    const target = parseDatabaseUrl(url, '--db')
    expect(target.label).toBe(label)
    expect(target.password).toBe(url.includes(':p:ss') ? 'p:ss' : 'p@ss')
  })

  it('hides the password of a URL that does not parse, up to the last @, and says to escape it', () => {
    expect(() => parseDatabaseUrl('postgres://u:a/b@c@db/x', '--db')).toThrow('--db postgres://u:***@db/x: not a URL')
    expect(() => parseDatabaseUrl('postgres://u:a/b@c@db/x', '--db')).toThrow(expect.objectContaining({hint: expect.stringMatching(/^percent-encode # \? \/ @/)}))
  })
})
