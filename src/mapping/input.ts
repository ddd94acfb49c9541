/**
 * What every reader of untrusted text checks before parsing it (a mapping config in lint,
 * map, convert and tail --mapping, lint's --samples file, the metric catalogue): one
 * implementation, so that a file one command refuses is refused by all, at the same place
 * and in the same words. A refusal is a located diagnostic, never an exception, and never
 * quotes the file's bytes. Parsing what is admitted as YAML is yaml-input.ts's.
 */
import {isUtf8} from 'node:buffer'
import type {Severity, SourceRange} from './model.js'
import {SourceText} from './source.js'

export type InputCode = 'input-rejected' | 'yaml-syntax'
/** Where a refusal goes: any loader's report function that takes these two codes. */
export type InputReport = (code: InputCode, severity: Severity, message: string, range: SourceRange) => void

/** Larger input is refused: the yaml parser needs about a second and 120 MB per MB of text. */
export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024

/** go-yaml's is_printable, plus the BOM it skips. */
const NOT_PRINTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u
const MAX_FLOW_DEPTH = 256
const MAX_INDENT = 1024
const MAX_INDICATOR_CHAIN = 256

/** Offset of the first byte that is not valid UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]
    const extra = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1
    if (extra < 0 || i + extra >= bytes.length) return i
    for (let k = 1; k <= extra; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i
    const code = extra === 2 ? ((b & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) : extra === 3 ? ((b & 0x07) << 18) | ((bytes[i + 1] & 0x3f) << 12) : 0x80
    if ((extra === 2 && (code < 0x800 || (code >= 0xd800 && code <= 0xdfff))) || (extra === 3 && (code < 0x10000 || code > 0x10ffff))) return i
    i += extra + 1
  }
  return -1
}

const SPACE = 0x20
const NEWLINE = 0x0a
const DOUBLE_QUOTE = 0x22
const SINGLE_QUOTE = 0x27
/** What may come right before a token: whitespace, `[`, `{`, `,` or `:`. */
const TOKEN_BOUNDARY = /[\s[{,:]/

/**
 * Where the text nests deeper than the yaml parser can take, or undefined. It reads every
 * character of the text, so it compares char codes rather than one-character strings.
 */
function excessiveNesting(text: string): {offset: number; message: string} | undefined {
  let flow = 0
  /** The char code of the quote a quoted scalar opened with, 0 outside one. */
  let quote = 0
  let lineStart = true
  let indent = 0
  let chain = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === NEWLINE) {
      lineStart = true
      indent = 0
      chain = 0
      continue
    }
    if (quote !== 0) {
      if (quote === DOUBLE_QUOTE && c === 0x5c /* \ */) i++
      else if (c === quote) quote = 0
      continue
    }
    if (lineStart && flow === 0) {
      if (c === SPACE) {
        if (++indent > MAX_INDENT) return {offset: i, message: `indentation deeper than ${MAX_INDENT} columns`}
        continue
      }
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : NEWLINE
      if ((c === 0x2d /* - */ || c === 0x3f /* ? */ || c === 0x3a /* : */) && (next === SPACE || next === NEWLINE)) {
        if (++chain > MAX_INDICATOR_CHAIN) return {offset: i, message: `more than ${MAX_INDICATOR_CHAIN} nested block indicators on one line`}
        continue
      }
    }
    lineStart = lineStart && c === SPACE
    if (c === 0x23 /* # */ || c === DOUBLE_QUOTE || c === SINGLE_QUOTE || c === 0x5b /* [ */ || c === 0x7b /* { */) {
      // Only these characters care whether a token starts here; testing every character costs.
      if (i > 0 && !TOKEN_BOUNDARY.test(text[i - 1])) continue
      if (c === 0x23) {
        const end = text.indexOf('\n', i)
        i = end === -1 ? text.length : end - 1
      } else if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
        quote = c
      } else if (++flow > MAX_FLOW_DEPTH) {
        return {offset: i, message: `flow collections nested deeper than ${MAX_FLOW_DEPTH}`}
      }
    } else if ((c === 0x5d /* ] */ || c === 0x7d /* } */) && flow > 0) {
      flow--
    }
  }
  return undefined
}

/** Both sizes in MiB, or in bytes where MiB would show them equal ("4.0 MiB; larger than 4.0 MiB"). */
function sizes(size: number, limit: number): [string, string] {
  const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`
  const bytes = (n: number) => `${n.toLocaleString('en-US')} bytes`
  return megabytes(size) === megabytes(limit) ? [bytes(size), bytes(limit)] : [megabytes(size), megabytes(limit)]
}

/**
 * The text of the input, or undefined after reporting why it is refused: larger than
 * `maxBytes`, not UTF-8, or holding characters go-yaml will not read.
 */
export function admitText(input: string | Uint8Array, report: InputReport, maxBytes = DEFAULT_MAX_BYTES): SourceText | undefined {
  const size = typeof input === 'string' ? input.length : input.byteLength
  if (size > maxBytes) {
    const [shown, limit] = sizes(size, maxBytes)
    report('input-rejected', 'error', `the file is ${shown}; files larger than ${limit} are refused`, {line: 1, column: 1, endLine: 1, endColumn: 1})
    return undefined
  }
  let text: string
  if (typeof input === 'string') {
    text = input
  } else {
    // isUtf8 is native; the byte-by-byte search runs only to say where the text went wrong.
    const invalid = isUtf8(input) ? -1 : firstInvalidUtf8(input)
    text = new TextDecoder('utf-8').decode(input)
    if (invalid >= 0) {
      const offset = new TextDecoder('utf-8').decode(input.subarray(0, invalid)).length
      report('yaml-syntax', 'error', 'yaml: invalid UTF-8 byte sequence; the file must be UTF-8 text', new SourceText(text).range(offset, offset + 1))
      return undefined
    }
  }
  const source = new SourceText(text)
  const unprintable = NOT_PRINTABLE.exec(text)
  if (unprintable) {
    report('yaml-syntax', 'error', 'yaml: control characters are not allowed', source.range(unprintable.index, unprintable.index + 1))
    return undefined
  }
  return source
}

/** Whether YAML text nests no deeper than the yaml parser can take; reports where it does. */
export function admitNesting(source: SourceText, report: InputReport): boolean {
  const nesting = excessiveNesting(source.text)
  if (nesting) report('input-rejected', 'error', `yaml: ${nesting.message}; refusing to parse`, source.range(nesting.offset, nesting.offset + 1))
  return nesting === undefined
}
