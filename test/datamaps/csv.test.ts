import {describe, expect, it} from 'vitest'
import {describeInvalidLine, parseCoordinateLine, parseMicrodegrees} from '../../src/datamaps/csv.js'

type Parsed = {kind: 'point'; latMicro: number; lonMicro: number} | {kind: 'blank'} | {kind: 'invalid'; reason: string}

const line = (text: string): Parsed => {
  const bytes = Buffer.from(text, 'latin1')
  const out = new Int32Array(2)
  const kind = parseCoordinateLine(bytes, 0, bytes.length, out)
  if (kind === 'point') return {kind, latMicro: out[0], lonMicro: out[1]}
  return kind === 'blank' ? {kind} : {kind, reason: describeInvalidLine(bytes, 0, bytes.length)}
}
const micro = (text: string): number => parseMicrodegrees(Buffer.from(text), 0, text.length)

describe('parseMicrodegrees', () => {
  it.each([
    ['52.520008', 52_520_008],
    ['-0.127800', -127_800],
    ['13', 13_000_000],
    ['+1.5', 1_500_000],
    ['.25', 250_000],
    ['0.0000005', 1],
    ['-0.0000005', -1],
    ['0.0000004999', 0],
    ['179.9999995', 180_000_000],
    ['1e-3', 1000],
    ['  7.1 ', 7_100_000],
    ['12345.6', 12_345_600_000],
  ])('%s is %i millionths', (text, expected) => {
    expect(micro(text)).toBe(expected)
  })

  it.each(['', '-', 'abc', '1.2.3', '0x10', 'Infinity', 'NaN', '1,5', '--1'])('%j is not a number', text => {
    expect(micro(text)).toBeNaN()
  })
})

describe('parseCoordinateLine', () => {
  it.each([
    ['52.520008,13.404954', {kind: 'point', latMicro: 52_520_008, lonMicro: 13_404_954}],
    ['-33.868820, 151.209296\r', {kind: 'point', latMicro: -33_868_820, lonMicro: 151_209_296}],
    ['85.051128,-180', {kind: 'point', latMicro: 85_051_128, lonMicro: -180_000_000}],
    ['', {kind: 'blank'}],
    ['  \r', {kind: 'blank'}],
    ['52.5', {kind: 'invalid', reason: 'expected lat,lon'}],
    ['1,2,3', {kind: 'invalid', reason: 'expected two fields, lat,lon'}],
    ['north,13', {kind: 'invalid', reason: 'latitude is not a number'}],
    ['52,east', {kind: 'invalid', reason: 'longitude is not a number'}],
    ['85.06,0', {kind: 'invalid', reason: "latitude 85.060000 is outside Web Mercator's ±85.0511°"}],
    ['-90,0', {kind: 'invalid', reason: "latitude -90.000000 is outside Web Mercator's ±85.0511°"}],
    ['0,180', {kind: 'invalid', reason: 'longitude 180.000000 is outside [-180, 180)'}],
  ])('%j', (text, expected) => {
    expect(line(text)).toEqual(expected)
  })
})
