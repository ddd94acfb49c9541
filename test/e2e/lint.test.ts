import {spawn} from 'node:child_process'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {CLI, runCli} from '../support/run-cli.js'
import {tempFiles} from '../support/temp-files.js'

const CONFIG = [
  'mappings:',
  '- match: api.*.*',
  '  name: api_requests_total',
  '  labels:',
  '    method: $1',
  '    code: $2',
  '- match: api.get.*',
  '  name: api_get_total',
  '- match: db.*',
  '  name: db_query_ms',
  '  labels:',
  '    l: $1',
  '',
].join('\n')

const WARNINGS_ONLY = CONFIG.replace('    l: $1', '    table: $1')

const {dir, file} = tempFiles('metrics-lint-e2e-')

describe('metrics lint', () => {
  it('stylish: every problem with file:line:col, severity and rule id; exit 1 on errors', async () => {
    const path = file('config.yml', CONFIG)
    const {code, stdout, stderr} = await runCli(['lint', path])
    expect(code).toBe(1)
    expect(stdout).toContain(path)
    expect(stdout).toMatch(/12:5 +error +invalid label key: l +invalid-label-name/)
    // The bad label does not hide what is wrong elsewhere.
    expect(stdout).toMatch(/7:10 +warning +Never matches: 'api\.\*\.\*' at line 2 .* +shadowed-mapping/)
    expect(stdout).toContain('✖ 2 problems (1 error, 1 warning)')
    expect(stderr.trim()).toBe(`Error: 1 error in ${path}`)
  })

  it('exits 0 on warnings only, 1 past --max-warnings, and --quiet hides them', async () => {
    const path = file('warnings.yml', WARNINGS_ONLY)
    const plain = await runCli(['lint', path])
    expect(plain.code).toBe(0)
    expect(plain.stdout).toMatch(/7:10 +warning +Never matches: 'api\.\*\.\*' at line 2 .* +shadowed-mapping/)
    expect(plain.stdout).toMatch(/10:9 +warning +use base unit "seconds" instead of "ms"|10:9 +warning +metric names should not contain abbreviated units/)
    const strict = await runCli(['lint', path, '--max-warnings', '0'])
    expect(strict.code).toBe(1)
    expect(strict.stderr).toMatch(/^Error: \d+ warnings, more than --max-warnings 0$/m)
    const quiet = await runCli(['lint', path, '--quiet', '--max-warnings', '0'])
    expect(quiet).toMatchObject({code: 0, stdout: ''})
  })

  it('json: ESLint shape, numeric severities', async () => {
    const path = file('config.yml', CONFIG)
    const {code, stdout} = await runCli(['lint', path, '--format', 'json'])
    expect(code).toBe(1)
    const [result] = JSON.parse(stdout)
    expect(result).toMatchObject({filePath: path, errorCount: 1, warningCount: 1})
    expect(result.messages).toContainEqual({ruleId: 'invalid-label-name', severity: 2, message: 'invalid label key: l', line: 12, column: 5, endLine: 12, endColumn: 6})
    expect(result.messages).toContainEqual(expect.objectContaining({ruleId: 'shadowed-mapping', severity: 1, line: 7, column: 10}))
    const warnings = await runCli(['lint', file('warnings.yml', WARNINGS_ONLY), '--format', 'json'])
    expect(JSON.parse(warnings.stdout)[0].messages).toContainEqual(expect.objectContaining({ruleId: 'shadowed-mapping', severity: 1, line: 7, column: 10}))
  })

  it('github: annotations, then the full report; chosen on GitHub Actions', async () => {
    const path = file('config.yml', CONFIG)
    const {stdout} = await runCli(['lint', path], {env: {GITHUB_ACTIONS: 'true'}})
    expect(stdout).toContain(`::error file=${path},line=12,col=5,endLine=12,endColumn=6,title=invalid-label-name::invalid label key: l\n`)
    expect(stdout).toContain('✖ 2 problems (1 error, 1 warning)')
    const warnings = await runCli(['lint', file('warnings.yml', WARNINGS_ONLY), '--format', 'github'])
    expect(warnings.stdout).toMatch(/^::warning file=.*,line=7,col=10,.*title=shadowed-mapping::Never matches/m)
  })

  it('sarif: 2.1.0 with rule metadata', async () => {
    const path = file('config.yml', CONFIG)
    const {code, stdout} = await runCli(['lint', path, '--format', 'sarif'])
    expect(code).toBe(1)
    const log = JSON.parse(stdout)
    expect(log.version).toBe('2.1.0')
    const rules = log.runs[0].tool.driver.rules
    expect(rules.map((r: {id: string}) => r.id)).toEqual(expect.arrayContaining(['invalid-label-name', 'shadowed-mapping', 'counter-total', 'sample-mismatch']))
    const result = log.runs[0].results.find((r: {ruleId: string}) => r.ruleId === 'invalid-label-name')
    expect(rules[result.ruleIndex].id).toBe('invalid-label-name')
    expect(result.locations[0].physicalLocation.region).toMatchObject({startLine: 12, startColumn: 5})
  })

  it('reads stdin as -', async () => {
    const {code, stdout} = await runCli(['lint', '-', '--format', 'json'], {input: CONFIG})
    expect(code).toBe(1)
    expect(JSON.parse(stdout)[0].filePath).toBe('<stdin>')
  })

  it('lints several files, a legacy one among them', async () => {
    const legacy = file('legacy.conf', 'test.dispatcher.*.*.*\nname="dispatcher_events_total"\nprocessor="$1"\naction="$2"\noutcome="$3"\n')
    const yaml = file('warnings.yml', WARNINGS_ONLY)
    const {code, stdout} = await runCli(['lint', legacy, yaml, '--format', 'json'])
    expect(code).toBe(0)
    expect(JSON.parse(stdout).map((r: {filePath: string; errorCount: number}) => [r.filePath, r.errorCount])).toEqual([[legacy, 0], [yaml, 0]])
  })

  it('reports files in the order given, a repeated one each time, on both paths (-- takes the oclif one)', async () => {
    const clean = file('clean.yml', 'mappings:\n- match: a.b\n  name: a_b_total\n')
    const yaml = file('warnings.yml', WARNINGS_ONLY)
    for (const args of [[yaml, clean, yaml], ['--', yaml, clean, yaml], [clean, clean, yaml]]) {
      const {stdout} = await runCli(['lint', '--format', 'json', ...args])
      expect(JSON.parse(stdout).map((r: {filePath: string}) => r.filePath)).toEqual(args.filter((arg) => arg !== '--'))
    }
  })

  it('checks --samples: a mismatch is an error at the case', async () => {
    const config = file('warnings.yml', WARNINGS_ONLY)
    const samples = file('samples.yml', [
      '- statsd: api.post.201',
      '  expect: {name: api_requests_total, labels: {method: post, code: "201"}}',
      '- statsd: api.get.200',
      '  expect: {name: api_get_total}',
      '',
    ].join('\n'))
    const {code, stdout} = await runCli(['lint', config, '--samples', samples, '--quiet'])
    expect(code).toBe(1)
    expect(stdout).toContain(samples)
    expect(stdout).toMatch(/3:3 +error +'api\.get\.200' \(counter\): expected api_get_total, got api_requests_total\{code="200", method="get"\} \(mapping at line 2\) +sample-mismatch/)
  })

  it('exits 2 with one line when a file cannot be read', async () => {
    const {code, stdout, stderr} = await runCli(['lint', join(dir, 'missing.yml')])
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr.trim()).toBe(`Error: cannot read ${join(dir, 'missing.yml')}: no such file`)
  })

  it('names a file with a backslash as written, in the report and in the error line, on both paths', async () => {
    const path = file('odd\\name.yml', CONFIG)
    for (const args of [[path], ['--', path]]) {
      const {code, stdout, stderr} = await runCli(['lint', ...args])
      expect(code).toBe(1)
      expect(stdout).toContain(`\n${path}\n`)
      expect(stderr).toBe(`Error: 1 error in ${path}\n`)
    }
    const missing = await runCli(['lint', join(dir, 'no\\such.yml')])
    expect(missing.stderr).toBe(`Error: cannot read ${join(dir, 'no\\such.yml')}: no such file\n`)
  })

  describe('a config without mappings: a no-mappings warning, in every format, on both paths', () => {
    const empties: [string, string][] = [
      ['an empty file', ''],
      ['whitespace', ' \n\n  \n'],
      ['comments', '# mappings go here\n'],
      ['mappings: []', 'mappings: []\n'],
      ['mappings: null', 'mappings:\n'],
      ['a document marker', '---\n'],
    ]

    it.each(empties)('%s', async (name, text) => {
      const path = file(`empty-${name.replace(/\W+/g, '-')}.yml`, text)
      for (const paths of [[path], ['--', path]]) {
        const stylish = await runCli(['lint', ...paths])
        expect({code: stylish.code, stderr: stylish.stderr}).toEqual({code: 0, stderr: ''})
        expect(stylish.stdout).toMatch(/^ +1:1 +warning +The config has no mappings: statsd_exporter loads it, and every name is unmapped +no-mappings$/m)
        const json = await runCli(['lint', '--format', 'json', ...paths])
        expect(JSON.parse(json.stdout)[0]).toMatchObject({errorCount: 0, warningCount: 1, messages: [{ruleId: 'no-mappings', severity: 1, line: 1, column: 1}]})
        const github = await runCli(['lint', '--format', 'github', ...paths])
        expect(github.stdout).toContain(`::warning file=${path},line=1,col=1`)
        expect(github.stdout).toContain('title=no-mappings::The config has no mappings')
        const sarif = await runCli(['lint', '--format', 'sarif', ...paths])
        expect(JSON.parse(sarif.stdout).runs[0].results).toEqual([expect.objectContaining({ruleId: 'no-mappings', level: 'warning'})])
        const strict = await runCli(['lint', '--max-warnings', '0', ...paths])
        expect({code: strict.code, stderr: strict.stderr}).toEqual({code: 1, stderr: 'Error: 1 warning, more than --max-warnings 0\n'})
      }
    }, 30_000)

    it('on stdin', async () => {
      const {code, stdout} = await runCli(['lint', '-'], {input: ''})
      expect(code).toBe(0)
      expect(stdout).toContain('<stdin>\n  1:1  warning  The config has no mappings')
    })
  })

  it('stops quietly when the reader goes away (| head), on both paths alike', async () => {
    const many = file('many.yml', 'mappings:\n' + '- match: a\n  name: a\n'.repeat(50_000))
    const closedEarly = (args: string[]) => new Promise<{code: number | null; stderr: string}>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, ...args], {env: {...process.env, NO_COLOR: '1'}, stdio: ['ignore', 'pipe', 'pipe']})
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => stderr += chunk.toString())
      child.stdout.once('data', () => child.stdout.destroy())
      child.on('error', reject)
      child.on('close', (code) => resolve({code, stderr}))
    })
    for (const args of [['lint', many], ['lint', '--', many]]) {
      expect(await closedEarly(args)).toEqual({code: 0, stderr: ''})
    }
  }, 30_000)

  it('exits 2 on a bad flag value', async () => {
    const {code, stderr} = await runCli(['lint', join(dir, 'x.yml'), '--max-warnings', 'many'])
    expect(code).toBe(2)
    expect(stderr).toContain('--max-warnings')
  })
})

describe('metrics lint on broken input: a located diagnostic, never a stack trace', () => {
  const nested = (depth: number) => `mappings: ${'['.repeat(depth)}${']'.repeat(depth)}\n`
  const aliasBomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`), 'mappings: *i', ''].join('\n')
  const cases: [string, () => string | Buffer, string][] = [
    ['binary junk', () => Buffer.from(Array.from({length: 4096}, (_, i) => (i * 7919 + 13) % 256)), 'yaml-syntax'],
    ['a 50 MB file', () => 'mappings:\n' + '- match: a.*\n  name: a_total\n'.repeat(1_700_000), 'input-rejected'],
    ['deeply nested flow YAML', () => nested(100_000), 'input-rejected'],
    ['deeply nested block YAML', () => 'mappings:\n' + Array.from({length: 1500}, (_, i) => `${' '.repeat(i * 2)}- `).join('\n') + '\n', 'input-rejected'],
    ['a YAML alias bomb', () => aliasBomb, 'unknown-key'],
    ['tabs for indentation', () => 'mappings:\n- match: a.*\n\tname: a\n', 'yaml-syntax'],
    ['an unquoted * (a YAML alias)', () => 'mappings:\n- match: *.x\n  name: a\n', 'yaml-syntax'],
    ['an empty mapping list item', () => 'mappings:\n-\n', 'invalid-match'],
  ]

  it.each(cases)('%s', async (name, make, ruleId) => {
    const path = file(`${name.replaceAll(' ', '-')}.yml`, make())
    const {code, stdout, stderr} = await runCli(['lint', path, '--format', 'json'], {timeoutMs: 20_000})
    expect(code).toBe(1)
    expect(stderr).not.toMatch(/\n\s+at /)
    const [result] = JSON.parse(stdout)
    const error = result.messages.find((m: {severity: number}) => m.severity === 2)
    expect(error).toMatchObject({ruleId})
    expect(error.line).toBeGreaterThanOrEqual(1)
    expect(error.column).toBeGreaterThanOrEqual(1)
  }, 30_000)

  it.each<[string, () => string | Buffer, string]>([
    ['binary junk', () => Buffer.from(Array.from({length: 4096}, (_, i) => (i * 7919 + 13) % 256)), '1:2 yaml: invalid UTF-8 byte sequence; the file must be UTF-8 text'],
    ['a 10 MB file', () => '- statsd: a\n  expect: unmapped\n'.repeat(350_000), '1:1 the file is 10.3 MiB; files larger than 4.0 MiB are refused'],
    ['flow YAML nested 100,000 deep', () => `${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, '1:257 yaml: flow collections nested deeper than 256; refusing to parse'],
    ['an escape sequence', () => '- statsd: "a\u001b[2J"\n  expect: unmapped\n', '1:13 yaml: control characters are not allowed'],
  ])('a --samples file of %s: refused as a config would be, at its place', async (name, make, expected) => {
    const config = file('good.yml', 'mappings:\n- match: a.b\n  name: a_b_total\n')
    const samples = file(`samples-${name.replaceAll(' ', '-')}.yml`, make())
    const {code, stdout, stderr} = await runCli(['lint', config, '--samples', samples, '--format', 'json'], {timeoutMs: 20_000})
    expect({code, stderr}).toEqual({code: 1, stderr: `Error: 1 error in ${samples}\n`})
    const [, result] = JSON.parse(stdout)
    expect(result.messages.map((m: {line: number; column: number; ruleId: string; message: string}) => `${m.line}:${m.column} ${m.message}`)).toEqual([expected])
    expect(result.messages[0].ruleId).toBe('samples-file')
  }, 30_000)
})
