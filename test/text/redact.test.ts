import {describe, expect, it} from 'vitest'
import {redact} from '../../src/text/redact.js'

describe('redact', () => {
  it.each([
    ['redis://:hunter2@localhost:6379/0', 'redis://:***@localhost:6379/0'],
    ['connect ECONNREFUSED for rediss://app:p%40ss@cache:6380', 'connect ECONNREFUSED for rediss://app:***@cache:6380'],
    ['postgres://u:pw@db/test and mysql://root:x@h/d', 'postgres://u:***@db/test and mysql://root:***@h/d'],
    ['redis://localhost:6379', 'redis://localhost:6379'],
    ['redis://user@host', 'redis://user@host'],
    ['an unescaped @ in the password: mysql://u:p@ss@host/db', 'an unescaped @ in the password: mysql://u:***@host/db'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected)
  })
})
