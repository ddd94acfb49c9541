import {describe, expect, it} from 'vitest'
import {parseSamples} from '../../../src/lint/samples/parse.js'

describe('parseSamples', () => {
  it('reads every form of case with its position', () => {
    const {samples, problems} = parseSamples([
      '- statsd: api.get.200',
      '  type: ms',
      '  tags: {env: prod}',
      '  expect:',
      '    name: api_seconds',
      '    labels: {code: 200, ratio: 1.0}',
      '- statsd: debug.noise',
      '  expect: drop',
      '- statsd: other',
      '  expect: unmapped',
      '- statsd: only.name',
      '  expect: {name: only_name}',
    ].join('\n'))
    expect(problems).toEqual([])
    expect(samples).toEqual([
      {statsd: 'api.get.200', kind: 'observer', tags: {env: 'prod'}, expect: {action: 'map', name: 'api_seconds', labels: {code: '200', ratio: '1.0'}}, line: 1, column: 3},
      {statsd: 'debug.noise', kind: 'counter', tags: {}, expect: {action: 'drop'}, line: 7, column: 3},
      {statsd: 'other', kind: 'counter', tags: {}, expect: {action: 'unmapped'}, line: 9, column: 3},
      {statsd: 'only.name', kind: 'counter', tags: {}, expect: {action: 'map', name: 'only_name', labels: undefined}, line: 11, column: 3},
    ])
  })

  it('treats an empty file as no cases', () => {
    expect(parseSamples('')).toEqual({samples: [], problems: []})
  })

  it.each([
    ['statsd: a', 1, 1, 'A samples file is a YAML list'],
    ['- just a string', 1, 3, 'Each sample is a map'],
    ['- expect: drop', 1, 3, 'A sample needs statsd'],
    ['- statsd: a\n  type: set\n  expect: drop', 2, 9, 'type must be one of'],
    ['- statsd: a\n  tags: [x]\n  expect: drop', 2, 9, 'tags must be a map'],
    ['- statsd: a\n  expect: maybe', 2, 11, 'expect must be drop, unmapped'],
    ['- statsd: a\n  expect: {nam: x}', 2, 11, 'expect must be drop, unmapped'],
    ['- statsd: a\n  expct: drop\n  expect: drop', 2, 3, 'Unknown key "expct"'],
    ['- statsd: [a\n', 2, 1, 'Flow sequence'],
    ['- statsd: a\n  statsd: b\n  expect: drop', 2, 3, 'Map keys must be unique'],
  ])('%j → a problem at %i:%i', (text, line, column, message) => {
    const {problems} = parseSamples(text)
    expect(problems[0]).toMatchObject({line, column})
    expect(problems[0].message).toContain(message)
  })
})
