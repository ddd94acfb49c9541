import {describe, expect, it} from 'vitest'
import {describeError, systemErrorCode} from '../../src/text/system-error.js'

const errno = (code: string | number, message = `connect ${code}`): Error => Object.assign(new Error(message), {code})

describe('systemErrorCode', () => {
  it.each<[unknown, string | undefined]>([
    [errno('ECONNREFUSED'), 'ECONNREFUSED'],
    [errno(-2), 'ENOENT'],
    [errno(-111), 'ECONNREFUSED'],
    [errno(-91), 'EPROTOTYPE'],
    [errno(1), undefined],
    [errno(-999999), undefined],
    [new Error('plain'), undefined],
    [undefined, undefined],
    ['text', undefined],
  ])('%s → %s', (error, code) => {
    expect(systemErrorCode(error)).toBe(code)
  })
})

describe('describeError', () => {
  it.each<[unknown, string]>([
    [errno(-2), 'no such file or directory'],
    [errno('ENOENT', "ENOENT: no such file or directory, open '/x'"), 'no such file or directory'],
    [errno('EACCES'), 'permission denied'],
    [errno('EISDIR'), 'it is a directory'],
    [errno('ENOTFOUND', 'getaddrinfo ENOTFOUND nowhere.invalid'), 'host not found'],
    [errno('EBADF'), 'bad file descriptor'],
    [errno('ERR_SOMETHING', 'first line\nsecond line'), 'first line'],
    [new Error('  spaced  '), 'spaced'],
    [new Error(''), 'unknown error'],
    ['a string', 'a string'],
  ])('%s → %s', (error, words) => {
    expect(describeError(error)).toBe(words)
  })
})
