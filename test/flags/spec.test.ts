import {describe, expect, it} from 'vitest'
import {parseArgv, type FlagSpecs} from '../../src/flags/spec.js'

const specs = {
  port: {kind: 'string', char: 'p', summary: ''},
  tag: {kind: 'string', char: 't', multiple: true, summary: ''},
  'dry-run': {kind: 'boolean', char: 'n', summary: ''},
  protocol: {kind: 'string', options: ['udp', 'tcp'], summary: ''},
} as const satisfies FlagSpecs

describe('parseArgv (the fast path parser)', () => {
  it.each<[string, string[], {flags: object; args: string[]}]>([
    ['long with space', ['incr', 'x', '--port', '9'], {flags: {port: '9'}, args: ['incr', 'x']}],
    ['long with =', ['--port=9', 'incr'], {flags: {port: '9'}, args: ['incr']}],
    ['short with space', ['-p', '9'], {flags: {port: '9'}, args: []}],
    ['short glued', ['-p9'], {flags: {port: '9'}, args: []}],
    ['repeated multiple, not greedy', ['-t', 'a:1', 'incr', '--tag', 'b:2', 'x'], {flags: {tag: ['a:1', 'b:2']}, args: ['incr', 'x']}],
    ['boolean', ['-n', 'incr'], {flags: {'dry-run': true}, args: ['incr']}],
    ['negative number is an argument', ['gauge', 'x', '-5'], {flags: {}, args: ['gauge', 'x', '-5']}],
    ['lone dash is an argument', ['-'], {flags: {}, args: ['-']}],
    ['option value allowed', ['--protocol', 'tcp'], {flags: {protocol: 'tcp'}, args: []}],
  ])('%s', (_, argv, expected) => {
    expect(parseArgv(argv, specs, 3)).toEqual(expected)
  })

  it.each<[string, string[]]>([
    ['unknown long flag', ['--nope']],
    ['unknown short flag', ['-z']],
    ['missing value', ['--port']],
    ['value for a boolean', ['--dry-run=yes']],
    ['repeated single flag', ['-p', '1', '-p', '2']],
    ['option value not allowed', ['--protocol', 'http']],
    ['too many arguments', ['a', 'b', 'c', 'd']],
  ])('%s defers to oclif', (_, argv) => {
    expect(parseArgv(argv, specs, 3)).toBeUndefined()
  })
})
