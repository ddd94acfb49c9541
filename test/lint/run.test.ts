import {describe, expect, it} from 'vitest'
import {UsageError} from '../../src/errors.js'
import {lintOptions, runLint} from '../../src/lint/run.js'

const files: Record<string, string> = {
  'good.yml': 'mappings:\n- match: api.*\n  name: api_requests_total\n  labels:\n    method: $1\n',
  'warn.yml': 'mappings:\n- match: api.*\n  name: api_latency_ms\n',
  'bad.yml': 'mappings:\n- match: api.*\n  name: api\n  labels:\n    l: $1\n',
  'samples.yml': [
    '- statsd: api.get',
    '  expect: {name: api_requests_total, labels: {method: get}}',
    '- statsd: api.post',
    '  expect: {name: api_requests_total, labels: {method: put}}',
    '- statsd: other',
    '  expect: unmapped',
    '- statsd: api.x',
    '  expect: drop',
  ].join('\n'),
}
const read = async (path: string) => {
  if (!(path in files)) throw new UsageError(`cannot read ${path}: no such file`)
  return new TextEncoder().encode(files[path])
}
const options = (list: string[], flags: Parameters<typeof lintOptions>[1] = {}, env: NodeJS.ProcessEnv = {}) => lintOptions(list, flags, env, false)

describe('lintOptions', () => {
  it('defaults to stylish, and to github on GitHub Actions', () => {
    expect(options(['a.yml']).format).toBe('stylish')
    expect(options(['a.yml'], {}, {GITHUB_ACTIONS: 'true'}).format).toBe('github')
    expect(options(['a.yml'], {format: 'json'}, {GITHUB_ACTIONS: 'true'}).format).toBe('json')
  })

  it('colours only a terminal without NO_COLOR', () => {
    expect(lintOptions(['a'], {}, {}, true).color).toBe(true)
    expect(lintOptions(['a'], {}, {NO_COLOR: '1'}, true).color).toBe(false)
    expect(lintOptions(['a'], {}, {}, false).color).toBe(false)
  })

  it.each([
    [[], {}, 'at least one'],
    [['-', '-'], {}, 'only once'],
    [['a', 'b'], {samples: 's.yml'}, 'exactly one'],
    [['a'], {'max-warnings': '-1'}, '--max-warnings'],
    [['a'], {'max-warnings': 'ten'}, '--max-warnings'],
  ])('refuses %j %j', (list, flags, message) => {
    expect(() => options(list, flags)).toThrow(UsageError)
    expect(() => options(list, flags)).toThrow(message)
  })
})

describe('runLint', () => {
  it('quotes at most 100 characters of a long name or pattern, whichever rule reports it', async () => {
    const name = `a${'b'.repeat(5000)}`
    const text = `mappings:\n- match: x.*\n  match_metric_type: counter\n  name: ${name}\n- match: y.*\n  match_metric_type: gauge\n  name: ${name}\n- match: z\n  name: ${name}-\n`
    const run = await runLint(options(['f.yml'], {format: 'json'}), async () => new TextEncoder().encode(text))
    const shown = `${name.slice(0, 100)}… (5,001 characters)`
    expect(run.results[0].messages.filter((m) => m.ruleId !== 'counter-total').map((m) => [m.ruleId, m.message])).toEqual([
      ['type-conflict', `Metric '${shown}' is a gauge here but a counter at line 2; statsd_exporter drops the events of whichever comes second.`],
      ['invalid-metric-name', expect.stringMatching(new RegExp(`^metric name '${name.slice(0, 100)}… \\(5,002 characters\\)' doesn't match regex`))],
    ])
  })

  it.each([
    ['a bad label', 'mappings:\n- match: a.*\n  name: a_total\n- match: a.b\n  name: b_total\n- match: c\n  name: c\n  labels: {l: x}\n', ['4:10 shadowed-mapping', '8:12 invalid-label-name']],
    ['a missing name', 'mappings:\n- match: x\n- match: a_ms\n  name: a_ms\n', ['2:3 missing-name', '4:9 abbreviated-units']],
    ['an unknown key', 'nope: 1\nmappings:\n- match: a\n  name: a\n- match: a\n  name: a\n', ['1:1 unknown-key', '5:10 duplicate-match']],
  ])('still reports config rules beside %s', async (_what, text, expected) => {
    const run = await runLint(options(['f.yml'], {format: 'json'}), async () => new TextEncoder().encode(text))
    expect(run.results[0].messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(expected)
  })

  it('passes a clean config with no output', async () => {
    expect(await runLint(options(['good.yml']), read)).toMatchObject({output: '', failure: undefined})
  })

  it('passes warnings unless --max-warnings is exceeded', async () => {
    expect((await runLint(options(['warn.yml']), read)).failure).toBeUndefined()
    expect((await runLint(options(['warn.yml'], {'max-warnings': '1'}), read)).failure).toBeUndefined()
    expect((await runLint(options(['warn.yml'], {'max-warnings': '0'}), read)).failure).toBe('1 warning, more than --max-warnings 0')
  })

  it('fails on errors and names the files', async () => {
    const run = await runLint(options(['good.yml', 'bad.yml', 'warn.yml']), read)
    expect(run.failure).toBe('1 error in bad.yml')
    expect(run.output).toContain('5:5  error    invalid label key: l  invalid-label-name')
  })

  it('--quiet drops warnings from the report and the count', async () => {
    const run = await runLint(options(['warn.yml'], {quiet: true, 'max-warnings': '0'}), read)
    expect(run).toMatchObject({output: '', failure: undefined})
  })

  it('checks --samples and reports each mismatch at its own line', async () => {
    const run = await runLint(options(['good.yml'], {samples: 'samples.yml', format: 'json'}), read)
    const [, samples] = JSON.parse(run.output)
    expect(samples.filePath).toBe('samples.yml')
    expect(samples.messages.map((m: {line: number; ruleId: string; message: string}) => [m.line, m.ruleId, m.message])).toEqual([
      [3, 'sample-mismatch', `'api.post' (counter): expected api_requests_total{method="put"}, got api_requests_total{method="post"} (mapping at line 2).`],
      [7, 'sample-mismatch', `'api.x' (counter): expected drop, got api_requests_total{method="x"} (mapping at line 2).`],
    ])
    expect(run.failure).toBe('2 errors in samples.yml')
  })

  it('lets an unreadable file stop the run (exit 2)', async () => {
    await expect(runLint(options(['missing.yml']), read)).rejects.toThrow(UsageError)
  })

  it('names stdin <stdin>', async () => {
    const run = await runLint(options(['-'], {format: 'json'}), async () => new TextEncoder().encode(files['bad.yml']))
    expect(JSON.parse(run.output)[0].filePath).toBe('<stdin>')
  })
})
