import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {escapeMetricName} from '../../src/statsd/escape.js'

describe('escapeMetricName', () => {
  // statsd_exporter's TestEscapeMetricName table, then edge cases of the same rules.
  it.each([
    ['clean', 'clean'],
    ['0starts_with_digit', '_0starts_with_digit'],
    ['with_underscore', 'with_underscore'],
    ['with--doubledash', 'with_doubledash'],
    ['with---multiple-dashes', 'with_multiple_dashes'],
    ['with.dot', 'with_dot'],
    ['with😱emoji', 'with_emoji'],
    ['with.*.multiple', 'with___multiple'],
    ['test.web-server.foo.bar', 'test_web_server_foo_bar'],
    ['', ''],
    ['0', '_0'],
    ['9-9', '_9_9'],
    ['-', '_'],
    ['--', '_'],
    ['a-.-b', 'a___b'],
    ['a__b', 'a__b'],
    ['__name__', '__name__'],
    ['é', '_'],
    ['😱😱', '__'],
    ['lone\ud800', 'lone_'],
    ['tab\tnew\nline', 'tab_new_line'],
  ])('%j → %j', (input, expected) => {
    expect(escapeMetricName(input)).toBe(expected)
  })

  it('gives only [a-zA-Z0-9_], never a leading digit, and leaves valid names alone', () => {
    fc.assert(fc.property(fc.string({unit: 'grapheme'}), name => {
      const escaped = escapeMetricName(name)
      expect(escaped).toMatch(/^(?![0-9])[a-zA-Z0-9_]*$/)
      expect(escapeMetricName(escaped)).toBe(escaped)
    }), {numRuns: 2000})
  })
})
