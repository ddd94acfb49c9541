import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCli} from '../support/run-cli.js'

let config: string

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'metrics-map-e2e-'))
  config = join(dir, 'mapping.yml')
  writeFileSync(config, [
    'mappings:',
    '- match: test.dispatcher.*.*.*',
    '  name: dispatcher_events_total',
    '  labels:',
    '    processor: $1',
    '    action: $2',
    '    outcome: $3',
    '- match: api.*.latency',
    '  match_metric_type: observer',
    '  name: api_latency_seconds',
    '- match: debug.*',
    '  name: x',
    '  action: drop',
    '',
  ].join('\n'))
})

describe('metrics map', () => {
  it('prints the series, drop or unmapped for each name', async () => {
    const {code, stdout} = await runCli(['map', '--config', config, 'test.dispatcher.Foo.send.ok', 'debug.x', 'web-1.hits'])
    expect(code).toBe(0)
    expect(stdout).toBe([
      'test.dispatcher.Foo.send.ok → dispatcher_events_total{action="send", outcome="ok", processor="Foo"}',
      'debug.x → drop',
      'web-1.hits → unmapped web_1_hits',
      '',
    ].join('\n'))
  })

  it('--json gives {input, matched, action, name, labels} per name, in order', async () => {
    const {code, stdout} = await runCli(['map', '-c', config, '--type', 'ms', '--json', 'api.get.latency', 'nope'])
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toEqual([
      expect.objectContaining({input: 'api.get.latency', matched: true, action: 'map', name: 'api_latency_seconds', labels: {}}),
      expect.objectContaining({input: 'nope', matched: false, action: null, name: 'nope', labels: {}}),
    ])
  })

  it('--explain names the rule, or the nearest rules and where they failed', async () => {
    const {stdout} = await runCli(['map', '-c', config, '--explain', 'debug.x', 'api.get.latency'])
    expect(stdout).toContain(`  matched mappings[2] at ${config}:11:10 (glob 'debug.*')`)
    expect(stdout).toContain(`    mappings[1] at ${config}:8:10 (glob 'api.*.latency'): matches, but only observer events (this is a counter)`)
  })

  it('reads names from stdin', async () => {
    const {stdout} = await runCli(['map', '-c', config, '-t', 'g'], {input: 'debug.a\ndebug.b\n'})
    expect(stdout).toBe('debug.a → drop\ndebug.b → drop\n')
  })

  it.each([['no names and an empty stdin', [], ''], ['- and a stdin of blank lines', ['-'], '\n\n'], ['no names, --json', ['--json'], '']])('exits 2 on %s: nothing to map is a mistake', async (_, args, input) => {
    const result = await runCli(['map', '-c', config, ...args], {input})
    const message = 'no names given: pass NAME… or names on stdin, one per line'
    expect(result.code).toBe(2)
    if (args.includes('--json')) expect(JSON.parse(result.stdout)).toEqual({error: {message, exitCode: 2}})
    else expect(result).toMatchObject({stdout: '', stderr: `Error: ${message}\n`})
  })

  describe('answers once per name, in the order given, repeats included', () => {
    const orders = [['debug.x', 'nope', 'debug.x'], ['nope', 'debug.x', 'debug.x'], ['debug.x', 'debug.x', 'nope'], ['a.b', 'nope', 'a.b', 'debug.x', 'nope', 'a.b']]
    const plain = (name: string) => `${name} → ${name === 'debug.x' ? 'drop' : `unmapped ${name.replace('.', '_')}`}`

    it.each(orders)('--json %s %s %s…, as arguments, after -- and on stdin', async (...names) => {
      for (const [args, input] of [[names, ''], [['--', ...names], ''], [[], names.join('\n')]] as const) {
        const {code, stdout} = await runCli(['map', '-c', config, '--json', ...args], {input})
        expect(code).toBe(0)
        expect(JSON.parse(stdout).map((row: {input: string}) => row.input)).toEqual(names)
      }
    })

    it.each(orders)('plain and --explain %s %s %s…', async (...names) => {
      const {stdout} = await runCli(['map', '-c', config, ...names])
      expect(stdout).toBe(names.map((name) => `${plain(name)}\n`).join(''))
      const explained = await runCli(['map', '-c', config, '--explain', '--', ...names])
      expect(explained.stdout.split('\n').filter((line) => !line.startsWith(' '))).toEqual([...names.map(plain), ''])
    })
  })

  it('exits 2 when the config does not load, pointing at the problem', async () => {
    const bad = join(tmpdir(), `metrics-map-bad-${process.pid}.yml`)
    writeFileSync(bad, 'mappings:\n- match: a.*\n  name: a\n  labels: {l: x}\n')
    const {code, stderr} = await runCli(['map', '-c', bad, 'a.b'])
    expect(code).toBe(2)
    expect(stderr.trim()).toBe(`Error: mapping config does not load: ${bad}:4:12: invalid label key: l (metrics lint ${bad} lists every problem)`)
  })

  it.each([
    ['a bad metric name (the message quotes statsd_exporter\'s regex)', 'mappings:\n- match: a.b\n  name: "1bad"\n'],
    ['a regex that does not compile', 'mappings:\n- match: \'a\\.(b\\d\'\n  match_type: regex\n  name: a\n'],
  ])('a config that does not load: %s is quoted exactly as lint quotes it', async (_what, text) => {
    const bad = join(tmpdir(), `metrics-map-unloadable-${process.pid}.yml`)
    writeFileSync(bad, text)
    const lint = await runCli(['lint', bad, '--format', 'json'])
    const [{line, column, message}] = JSON.parse(lint.stdout)[0].messages
    expect(message).toContain('\\')
    const stylish = await runCli(['lint', bad])
    expect(stylish.stdout).toContain(`${line}:${column}  error    ${message}  `)
    const expected = `mapping config does not load: ${bad}:${line}:${column}: ${message} (metrics lint ${bad} lists every problem)`
    const plain = await runCli(['map', '-c', bad, 'a.b'])
    expect({code: plain.code, stderr: plain.stderr}).toEqual({code: 2, stderr: `Error: ${expected}\n`})
    const json = await runCli(['map', '-c', bad, '--json', 'a.b'])
    expect({code: json.code, output: JSON.parse(json.stdout)}).toEqual({code: 2, output: {error: {message: expected, exitCode: 2}}})
    const stdin = await runCli(['map', '-c', '-', 'a.b'], {input: text})
    expect(stdin.stderr).toBe(`Error: mapping config does not load: <stdin>:${line}:${column}: ${message} (metrics lint - lists every problem)\n`)
  })

  it.each<[string, () => string | Buffer]>([
    ['binary junk', () => Buffer.from(Array.from({length: 20_000}, (_, i) => (i * 7919 + 13) % 256))],
    ['a 10 MB file', () => 'mappings:\n' + '- match: a.*\n  name: a_total\n'.repeat(350_000)],
    ['flow YAML nested 100,000 deep', () => `mappings: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`],
    ['an escape sequence', () => 'mappings:\n- match: a.b\n  name: "a\u001b[2J"\n'],
  ])('map and tail --mapping refuse %s where lint does, in one line (exit 2)', async (name, make) => {
    const bad = join(tmpdir(), `metrics-map-refused-${process.pid}-${name.replaceAll(' ', '-')}.yml`)
    writeFileSync(bad, make())
    const lint = await runCli(['lint', bad, '--format', 'json'], {timeoutMs: 20_000})
    const [{line, column, message}] = JSON.parse(lint.stdout)[0].messages
    const expected = `Error: mapping config does not load: ${bad}:${line}:${column}: ${message} (metrics lint ${bad} lists every problem)\n`
    const map = await runCli(['map', '-c', bad, 'a.b'], {timeoutMs: 20_000})
    expect({code: map.code, stdout: map.stdout, stderr: map.stderr}).toEqual({code: 2, stdout: '', stderr: expected})
    const tail = await runCli(['tail', '--input', '-', '--mapping', bad], {input: 'a.b:1|c\n', timeoutMs: 20_000})
    expect({code: tail.code, stdout: tail.stdout, stderr: tail.stderr}).toEqual({code: 2, stdout: '', stderr: expected})
  }, 60_000)

  it.each([
    ['an empty file', ''],
    ['comments', '# none yet\n'],
    ['mappings: []', 'mappings: []\n'],
    ['a document marker', '---\n'],
    ['an empty legacy file', '\n\n'],
  ])('accepts a config without mappings (%s): every name unmapped, and a warning saying why', async (name, text) => {
    const empty = join(tmpdir(), `metrics-map-empty-${process.pid}-${name.replace(/\W+/g, '-')}.yml`)
    writeFileSync(empty, text)
    const warning = `warning: ${empty} has no mappings; every name is unmapped\n`
    const plain = await runCli(['map', '-c', empty, 'a.b', 'c-d'])
    expect(plain).toEqual({code: 0, stdout: 'a.b → unmapped a_b\nc-d → unmapped c_d\n', stderr: warning})
    const json = await runCli(['map', '-c', empty, '--json', 'a.b'])
    expect({code: json.code, stderr: json.stderr}).toEqual({code: 0, stderr: warning})
    expect(JSON.parse(json.stdout)).toEqual([{input: 'a.b', type: 'counter', matched: false, action: null, name: 'a_b', labels: {}, rule: null}])
    const explained = await runCli(['map', '-c', empty, '--explain', 'a.b'])
    expect(explained.stdout).toBe('a.b → unmapped a_b\n  no rule matched: the config has no mappings\n')
    const tail = await runCli(['tail', '--input', '-', '--mapping', empty, '--format', 'raw'], {input: 'a.b:1|c\n'})
    expect(tail.code).toBe(0)
    expect(tail.stderr.startsWith(warning)).toBe(true)
  })
})
