import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {hideRemembered, hideRememberedIn, redact, rememberSecret, rememberUrlSecrets} from '../../src/text/redact.js'
import {visible} from '../../src/text/visible.js'
import {hostilePassword} from '../support/hostile-passwords.js'

// Nothing is remembered in this block: each case is the patterns' work alone.
describe('redact: patterns', () => {
  it.each([
    ['redis://:hunter2@localhost:6379/0', 'redis://:***@localhost:6379/0'],
    ['connect ECONNREFUSED for rediss://app:p%40ss@cache:6380', 'connect ECONNREFUSED for rediss://app:***@cache:6380'],
    ['postgres://u:pw@db/test and mysql://root:x@h/d', 'postgres://u:***@db/test and mysql://root:***@h/d'],
    ['redis://localhost:6379', 'redis://localhost:6379'],
    ['redis://user@host', 'redis://user@host'],
    ['an unescaped @ in the password: mysql://u:p@ss@host/db', 'an unescaped @ in the password: mysql://u:***@host/db'],
    // Passwords that stop a URL parser, as a user types them.
    ['--redis: not a URL: "redis://:ab/cd+ef==@127.0.0.1:6379/0"', '--redis: not a URL: "redis://:***@127.0.0.1:6379/0"'],
    ['Redis at redis://:a#b?c/d e@cache:6379/0: refused', 'Redis at redis://:***@cache:6379/0: refused'],
    ['mysql://root:123/abc@127.0.0.1/test: the path must be just the database name', 'mysql://root:***@127.0.0.1/test: the path must be just the database name'],
    ['redis://u:x@y:z@[::1]:6379', 'redis://u:***@[::1]:6379'],
    // No scheme.
    ['--db user:123/abc@127.0.0.1: unsupported scheme "user:"', '--db user:***@127.0.0.1: unsupported scheme "user:"'],
    ['"user:s3cret@db.example"', '"user:***@db.example"'],
    // Parameters.
    // A value runs to a space: a password may end in a colon as well as a sentence may.
    ['postgres://db/app?sslmode=require&password=hush: unknown URL parameter', 'postgres://db/app?sslmode=require&password=*** unknown URL parameter'],
    ['postgres://db/app?sslpassword=hush&sslmode=require', 'postgres://db/app?sslpassword=***&sslmode=require'],
    ['redis.sentinelPassword=hush --sentinel-password=hush2', 'redis.sentinelPassword=*** --sentinel-password=***'],
    // What Redis and ioredis echo of an AUTH.
    ["ERR unknown command 'AUTH', with args beginning with: 'hunter2' ", "ERR unknown command 'AUTH', with args beginning with: ***"],
    ["ioredis:redis write command[127.0.0.1:6379]: 0 -> auth([ 'hunter2' ])", "ioredis:redis write command[127.0.0.1:6379]: 0 -> auth([ *** ])"],
    ["[ReplyError: WRONGPASS] { command: { name: 'auth', args: [ 'bob', 'hunter2' ] } }", "[ReplyError: WRONGPASS] { command: { name: 'auth', args: [ *** ] } }"],
    // Our own examples stay readable.
    ['check the user name and password in the URL: redis://user:password@host', 'check the user name and password in the URL: redis://user:password@host'],
    ['e.g. mysql://user:password@host:3306/db or postgres://user@host:5432/db', 'e.g. mysql://user:password@host:3306/db or postgres://user@host:5432/db'],
    // Not credentials.
    ["Access denied for user 'root'@'127.0.0.1' (using password: YES)", "Access denied for user 'root'@'127.0.0.1' (using password: YES)"],
    ['the password was refused; passwords=', 'the password was refused; passwords='],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected)
    expect(redact(expected)).toBe(expected)
  })

  // Any password, percent-encoded as a valid URL has it.
  it('hides any password in a valid URL', () => {
    fc.assert(
      fc.property(hostilePassword(), fc.constantFrom('redis', 'rediss', 'mysql', 'postgres', 'http'), (password, scheme) => {
        expect(redact(`at ${scheme}://user:${encodeURIComponent(password)}@cache.example:6379/0: refused`)).toBe(`at ${scheme}://user:***@cache.example:6379/0: refused`)
        expect(redact(`postgres://db.example/app?sslmode=require&password=${encodeURIComponent(password)}`)).toBe('postgres://db.example/app?sslmode=require&password=***')
      }),
      {numRuns: 500},
    )
  })

  // As typed, unescaped: the URL does not parse, but the password is still found whole.
  it('hides any password typed into a URL unescaped', () => {
    fc.assert(
      fc.property(hostilePassword(['://']), password => {
        expect(redact(`Redis at redis://:${password}@cache.example:6379/0: refused`)).toBe('Redis at redis://:***@cache.example:6379/0: refused')
        expect(redact(JSON.stringify(`mysql://root:${password}@127.0.0.1/test`))).toBe(JSON.stringify('mysql://root:***@127.0.0.1/test'))
      }),
      {numRuns: 500},
    )
  })

  it('hides any password without spaces in user:password@host', () => {
    fc.assert(
      fc.property(hostilePassword([' ', '://']), password => {
        expect(redact(`--db user:${password}@db.example:5432: unsupported scheme`)).toBe('--db user:***@db.example:5432: unsupported scheme')
      }),
      {numRuns: 500},
    )
  })

  it('stays linear on text built to make a backtracking pattern quadratic', () => {
    for (const text of ['.a'.repeat(40_000), 'a://'.repeat(20_000), 'redis://' + ':@'.repeat(40_000), 'a:a@'.repeat(20_000), ' u:'.repeat(27_000) + '@h', '@a'.repeat(40_000), 'x auth(['.repeat(10_000), 'password='.repeat(9000)]) {
      const started = performance.now()
      redact(text)
      expect(performance.now() - started, text.slice(0, 12)).toBeLessThan(250)
    }
  })
})

describe('redact: remembered secrets', () => {
  it('hides a remembered secret wherever and however a message quotes it', () => {
    fc.assert(
      fc.property(hostilePassword(['*']), password => {
        rememberSecret(password)
        const messages = [
          `AUTH failed for ${password} at 10:00`,
          `got ${JSON.stringify(password)}`,
          `shown as ${visible(password)}`,
          `in a URL: redis://:${encodeURIComponent(password)}@h`,
          `as a form: ${new URLSearchParams({p: password})}`,
          `twice: ${password}${password}`,
        ]
        for (const message of messages) expect(redact(message)).not.toContain(password)
        expect(hideRemembered(messages[0])).not.toContain(password)
      }),
      {numRuns: 300},
    )
  })

  it('remembers the password of a URL that does not parse, and of its parameters', () => {
    rememberUrlSecrets('redis://:Zx9 #q?r/s@t@cache.example:6379/0')
    rememberUrlSecrets('user:123/abc@127.0.0.1')
    rememberUrlSecrets('postgres://db/app?sslmode=require&sslpassword=k3y%20pass')
    expect(hideRemembered('the password Zx9 #q?r/s@t was refused')).toBe('the password *** was refused')
    expect(hideRemembered('123/abc is not a port')).toBe('*** is not a port')
    expect(hideRemembered('key k3y pass refused')).toBe('key *** refused')
  })

  it('leaves secrets shorter than four characters to the patterns', () => {
    rememberSecret('pw1')
    expect(redact('pw1 and redis://:pw1@h')).toBe('pw1 and redis://:***@h')
  })

  it('hides remembered secrets in every string of a report, and leaves the rest as it was', () => {
    rememberSecret('report-secret')
    const report = {redis: 'redis://:report-secret@h', gauges: [{name: 'q', value: 1, tags: {queue: 'report-secret'}}], ok: true}
    expect(hideRememberedIn(report)).toEqual({redis: 'redis://:***@h', gauges: [{name: 'q', value: 1, tags: {queue: '***'}}], ok: true})
  })
})
