import {describe, expect, it} from 'vitest'
import {LineFramer} from '../../src/listen/line-framer.js'

interface Framed {
  runs: string[]
  tooLong: number
}

/** Frames the chunks and returns each run as text, with `¶` standing for the newlines inside it. */
function frame(chunks: string[], options: {max?: number; stripCR?: boolean; stopOnTooLong?: boolean} = {}): Framed {
  const framed: Framed = {runs: [], tooLong: 0}
  const framer = new LineFramer({
    maxLineLength: options.max ?? 100,
    stripCR: options.stripCR ?? false,
    onRun: run => framed.runs.push(Buffer.from(run).toString('latin1').replaceAll('\n', '¶')),
    onTooLong: () => {
      framed.tooLong++
      return !options.stopOnTooLong
    },
  })
  for (const chunk of chunks) framer.push(Buffer.from(chunk, 'latin1'))
  framer.end()
  return framed
}

/** The lines a framing delivers, in order: what numbering depends on. */
const linesOf = (framed: Framed): string[] => framed.runs.flatMap(run => run.split('¶'))

describe('LineFramer', () => {
  it.each<[string, string[], string[]]>([
    ['whole lines in one read', ['a\nb\n'], ['a¶b']],
    ['a last line without a newline', ['a\nb'], ['a', 'b']],
    ['a line split across reads', ['a\nb', 'c\nd\n'], ['a', 'bc', 'd']],
    ['a line split across three reads', ['ab', 'cd', 'ef\n'], ['abcdef']],
    ['empty lines kept, so numbering holds', ['\n\na\n'], ['¶¶a']],
    ['nothing', [], []],
  ])('%s', (_, chunks, runs) => {
    expect(frame(chunks).runs).toEqual(runs)
  })

  it('numbers lines exactly as splitting the whole input on \\n does', () => {
    const input = 'a:1|c\n\nb:2|g\r\nc\n\n\nlast'
    const chunks = input.match(/.{1,3}/gs) ?? []
    expect(linesOf(frame(chunks))).toEqual(input.split('\n'))
  })

  it('drops a \\r before each \\n when asked, as bufio.ReadLine does, but not one at the very end', () => {
    expect(frame(['a\r\nb\r', '\nc\r'], {stripCR: true}).runs).toEqual(['a', 'b', 'c\r'])
    expect(frame(['a\r\nb\rc\n'], {stripCR: true}).runs).toEqual(['a¶b\rc'])
    expect(frame(['a\r\n'], {stripCR: false}).runs).toEqual(['a\r'])
  })

  it('replaces a line that is too long with an empty one and goes on', () => {
    const framed = frame(['ok\n' + 'x'.repeat(20) + '\nok2\n'], {max: 10})
    expect(framed.tooLong).toBe(1)
    expect(linesOf(framed)).toEqual(['ok', '', 'ok2'])
  })

  it('never holds more than the limit of a long line split across reads', () => {
    const framed = frame(['ok\nxxxxxx', 'xxxxxx', 'xxxxxx\nafter\n'], {max: 10})
    expect(framed.tooLong).toBe(1)
    expect(linesOf(framed)).toEqual(['ok', '', 'after'])
  })

  it('accepts a line of exactly the limit', () => {
    expect(frame(['x'.repeat(10) + '\n'], {max: 10})).toEqual({runs: ['x'.repeat(10)], tooLong: 0})
  })

  it('stops at a line that is too long when told to, after the lines before it', () => {
    const framed = frame(['a\nb\n' + 'x'.repeat(20) + '\nnever\n', 'more\n'], {max: 10, stopOnTooLong: true})
    expect(framed).toEqual({runs: ['a¶b'], tooLong: 1})
  })

  it('stops on a too-long last line at the end of the stream', () => {
    expect(frame(['x'.repeat(20)], {max: 10, stopOnTooLong: true})).toEqual({runs: [], tooLong: 1})
  })
})
