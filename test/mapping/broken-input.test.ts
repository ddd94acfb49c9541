import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {LoadDiagnosticCode} from '../../src/mapping/model.js'
import {loadMappingConfig} from '../../src/mapping/load.js'

/** A chain of anchors, each a list of `width` aliases to the previous: width^depth nodes once expanded. */
function aliasBomb(depth: number, width: number): string {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]']
  for (let i = 1; i <= depth; i++) lines.push(`a${i}: &a${i} [${Array.from({length: width}, () => `*a${i - 1}`).join(', ')}]`)
  return `${lines.join('\n')}\nmappings: *a${depth}\n`
}

/** The same through `<<` merge keys, which are decoded into one struct again and again. */
function mergeBomb(depth: number, width: number): string {
  const lines = ['mappings:', '- &m0 {match: a, name: a}']
  for (let i = 1; i <= depth; i++) lines.push(`- &m${i} {<<: [${Array.from({length: width}, () => `*m${i - 1}`).join(', ')}]}`)
  return `${lines.join('\n')}\n`
}

describe('loadMappingConfig on broken input', () => {
  it.each<[string, string | Uint8Array, LoadDiagnosticCode, number, number]>([
    // [what, input, code, line, column]
    ['binary junk', Uint8Array.from([0x6d, 0x61, 0x00, 0xff, 0xfe, 0x01, 0x02]), 'yaml-syntax', 1, 4],
    ['a NUL byte in text', 'mappings:\n- match: a\u0000b\n', 'yaml-syntax', 2, 11],
    ['a bell in a quoted string', 'mappings:\n- match: "a\u0007"\n', 'yaml-syntax', 2, 12],
    ['invalid UTF-8 after valid lines', Uint8Array.from([...new TextEncoder().encode('mappings:\n- match: é'), 0xc3, 0x28]), 'yaml-syntax', 2, 11],
    ['flow nesting 100,000 deep', '['.repeat(100_000), 'input-rejected', 1, 257],
    ['block sequences 50,000 deep on one line', `${'- '.repeat(50_000)}x`, 'input-rejected', 1, 513],
    ['indentation 100,000 columns deep', `a:\n${' '.repeat(100_000)}b: c\n`, 'input-rejected', 2, 1025],
    ['block maps 2,000 deep', Array.from({length: 2000}, (_, i) => `${' '.repeat(i)}k:`).join('\n'), 'input-rejected', 1026, 1025],
    // The anchors sit under keys statsd_exporter does not know, so nothing expands them.
    ['an alias bomb', aliasBomb(9, 10), 'unknown-key', 1, 1],
    ['a merge-key bomb', mergeBomb(12, 10), 'yaml-syntax', 7, 33],
    ['a map that merges itself', 'mappings:\n- &a\n  match: a\n  name: b\n  <<: *a\n', 'yaml-syntax', 5, 7],
    ['tabs for indentation', 'mappings:\n- match: a\n\tname: b\n', 'yaml-syntax', 3, 1],
    ['an unterminated quote', 'mappings:\n- match: "a.b\n  name: x\n', 'yaml-syntax', 4, 1],
    ['a lone closing bracket', 'mappings: ]\n', 'yaml-syntax', 1, 11],
  ])('%s', (_what, input, code, line, column) => {
    const started = performance.now()
    const result = loadMappingConfig(input)
    expect(performance.now() - started).toBeLessThan(5000)
    expect(result.config).toBeUndefined()
    expect(result.diagnostics[0]).toMatchObject({code, severity: 'error', line, column})
  })

  it('refuses a 50 MB file before parsing it', () => {
    const chunk = '- match: a.b.c\n  name: abc\n  labels: {job: "$1"}\n'
    const text = `mappings:\n${chunk.repeat(Math.ceil(50 * 1024 * 1024 / chunk.length))}`
    const started = performance.now()
    const fromText = loadMappingConfig(text)
    const fromBytes = loadMappingConfig(Buffer.from(text))
    expect(performance.now() - started).toBeLessThan(5000)
    for (const result of [fromText, fromBytes]) {
      expect(result.config).toBeUndefined()
      expect(result.diagnostics).toEqual([expect.objectContaining({code: 'input-rejected', line: 1, column: 1, message: expect.stringMatching(/^the file is 50\.0 MiB/)})])
    }
  })

  it('takes a larger limit when asked', () => {
    expect(loadMappingConfig('mappings: []\n', {maxBytes: 4}).diagnostics[0].code).toBe('input-rejected')
    expect(loadMappingConfig('mappings: []\n', {maxBytes: 100}).config).toBeDefined()
  })

  it('never throws, and every diagnostic has a position, whatever the text', () => {
    const yamlish = fc.array(fc.constantFrom('mappings:', '- ', 'match: ', 'name: ', 'labels:', '  ', '\t', '\n', '*', '&a ', '*a', '<<: ', '[', ']', '{', '}', '"', "'", '#', ':', '$1', 'a.*', '~', '\u0000', '\u00ff', '😱', '---\n'), {maxLength: 60})
      .map((parts) => parts.join(''))
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({unit: 'binary'}), yamlish), (text) => {
      const result = loadMappingConfig(text)
      for (const d of result.diagnostics) {
        expect(d.line).toBeGreaterThanOrEqual(1)
        expect(d.column).toBeGreaterThanOrEqual(1)
        expect(d.message).not.toBe('')
        expect(d.code).not.toBe('input-rejected')
      }
      expect(result.config === undefined).toBe(result.diagnostics.some((d) => d.severity === 'error'))
    }), {numRuns: 1500})
  })

  it('never throws on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({maxLength: 200}), (bytes) => {
      expect(() => loadMappingConfig(bytes)).not.toThrow()
    }), {numRuns: 500})
  })
})
