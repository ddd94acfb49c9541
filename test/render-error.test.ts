import {describe, expect, it} from 'vitest'
import {OperationError, UsageError} from '../src/errors.js'
import {renderError} from '../src/render-error.js'

describe('renderError: one line, a hint, the right exit code', () => {
  it('usage errors exit 2, operation errors exit 1', () => {
    expect(renderError(new UsageError('bad --port', 'use 1-65535'), false)).toEqual({text: 'Error: bad --port (use 1-65535)', exitCode: 2})
    expect(renderError(new OperationError('refused'), false)).toEqual({text: 'Error: refused', exitCode: 1})
  })

  it('redacts credentials and escapes control characters', () => {
    expect(renderError(new OperationError('cannot reach redis://:s3cret@h:6379 \u001b[2J'), false).text).toBe('Error: cannot reach redis://:***@h:6379 \\x1b[2J')
  })

  it('shows backslashes as written, escaping them only in a message that has control characters to escape', () => {
    expect(renderError(new UsageError(String.raw`name doesn't match regex '^(\$\{?\d+\}?)$'`), false).text).toBe(String.raw`Error: name doesn't match regex '^(\$\{?\d+\}?)$'`)
    expect(renderError(new UsageError('a\\b \u0007'), false).text).toBe(String.raw`Error: a\\b \x07`)
  })

  it('keeps the exit code oclif gives its parse errors, first line only', () => {
    const parseError = Object.assign(new Error('Nonexistent flag: --nope\nSee more help with --help'), {oclif: {exit: 2}})
    expect(renderError(parseError, false)).toEqual({text: 'Error: Nonexistent flag: --nope (see --help)', exitCode: 2})
  })

  it('shows a stack only with DEBUG', () => {
    const error = new Error('boom')
    expect(renderError(error, false)).toEqual({text: 'Error: boom', exitCode: 1})
    expect(renderError(error, true).text).toMatch(/^Error: boom\nError: boom\n\s+at /)
  })
})
