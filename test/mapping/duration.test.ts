import {describe, expect, it} from 'vitest'
import {parseGoDuration} from '../../src/mapping/duration.js'

describe('parseGoDuration (time.ParseDuration)', () => {
  it.each([
    ['0', 0], ['-0', 0], ['10s', 10], ['1m30s', 90], ['1h', 3600], ['1.5h', 5400], ['.5s', 0.5], ['5.s', 5],
    ['100ms', 0.1], ['250us', 0.00025], ['250µs', 0.00025], ['250μs', 0.00025], ['7ns', 7e-9], ['-2m', -120], ['+3s', 3], ['1h2m3s4ms', 3723.004],
  ])('%j → %f s', (text, seconds) => {
    const parsed = parseGoDuration(text)
    expect(parsed.ok && parsed.seconds).toBeCloseTo(seconds, 12)
  })

  it.each([
    ['', 'time: invalid duration ""'],
    ['10', 'time: missing unit in duration "10"'],
    ['1x', 'time: unknown unit "x" in duration "1x"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['.s', 'time: invalid duration ".s"'],
    ['s', 'time: invalid duration "s"'],
    ['1 s', 'time: unknown unit " s" in duration "1 s"'],
    ['9999999999h', 'time: invalid duration "9999999999h"'],
  ])('refuses %j', (text, message) => {
    expect(parseGoDuration(text)).toEqual({ok: false, message})
  })
})
