import {mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli} from '../support/run-cli.js'

const LEGACY = '# dispatcher events\ntest.dispatcher.*.*.*\nname="dispatcher_events_total"\nprocessor="$1"\n\n*.signup.*.*\nname="signup_events_total"\nprovider="$2"\n'
const YAML = [
  '# dispatcher events',
  'mappings:',
  '- match: "test.dispatcher.*.*.*"',
  '  name: "dispatcher_events_total"',
  '  labels:',
  '    processor: "$1"',
  '',
  '- match: "*.signup.*.*"',
  '  name: "signup_events_total"',
  '  labels:',
  '    provider: "$2"',
  '',
].join('\n')

describe('metrics convert', () => {
  it('prints the YAML form of a legacy file, which lint then accepts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'metrics-convert-e2e-'))
    const legacy = join(dir, 'mapping.conf')
    writeFileSync(legacy, LEGACY)
    const {code, stdout, stderr} = await runCli(['convert', legacy])
    expect({code, stdout, stderr}).toEqual({code: 0, stdout: YAML, stderr: ''})
    const lint = await runCli(['lint', '-'], {input: stdout})
    expect(lint.code).toBe(0)
  })

  it('-o writes the file atomically, leaving no temporary file behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'metrics-convert-e2e-'))
    writeFileSync(join(dir, 'mapping.yml'), 'old')
    const {code, stdout} = await runCli(['convert', '-', '-o', join(dir, 'mapping.yml')], {input: LEGACY})
    expect({code, stdout}).toEqual({code: 0, stdout: ''})
    expect(readFileSync(join(dir, 'mapping.yml'), 'utf8')).toBe(YAML)
    expect(readdirSync(dir)).toEqual(['mapping.yml'])
  })

  it('exits 1 and writes nothing for a file that is not legacy syntax', async () => {
    const {code, stdout, stderr} = await runCli(['convert', '-'], {input: 'a.b\nname=x\n'})
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/2:1 +error +expected label mapping line, got: name=x +legacy-syntax/)
  })

  it.each([
    ['an empty file', '', 'mappings: []\n'],
    ['a file of comments', '# nothing yet\n', 'mappings: []\n\n# nothing yet\n'],
  ])('converts %s, and warns that the result maps nothing', async (_what, input, yaml) => {
    const {code, stdout, stderr} = await runCli(['convert', '-'], {input})
    expect({code, stdout}).toEqual({code: 0, stdout: yaml})
    expect(stderr).toMatch(/^ +1:1 +warning +The config has no mappings: statsd_exporter loads it, and every name is unmapped +no-mappings$/m)
    const lint = await runCli(['lint', '-', '--format', 'json'], {input: stdout})
    expect(JSON.parse(lint.stdout)[0].messages.map((m: {ruleId: string}) => m.ruleId)).toEqual(['no-mappings'])
  })

  describe('refuses what lint refuses, writes nothing, and says where in one escaped line', () => {
    const junk = Buffer.from(Array.from({length: 20_000}, (_, i) => (i * 7919 + 13) % 256))
    const cases: [string, () => string | Buffer, RegExp][] = [
      ['20 KB of binary junk', () => junk, /^ +1:2 +error +yaml: invalid UTF-8 byte sequence; the file must be UTF-8 text +yaml-syntax$/m],
      ['a 10 MB one-line file', () => 'a'.repeat(10_000_000), /^ +1:1 +error +the file is 9\.5 MiB; files larger than 4\.0 MiB are refused +input-rejected$/m],
      ['a 10 MB file of many lines', () => 'a.b\nname="a_b"\n\n'.repeat(650_000), /^ +1:1 +error +the file is 9\.9 MiB; files larger than 4\.0 MiB are refused +input-rejected$/m],
      ['an escape sequence', () => 'a.b\nname="x"\njob="\u001b[2J"\n', /^ +3:6 +error +yaml: control characters are not allowed +yaml-syntax$/m],
    ]

    it.each(cases)('%s', async (name, make, line) => {
      const dir = mkdtempSync(join(tmpdir(), 'metrics-convert-e2e-'))
      const input = join(dir, `${name.replaceAll(' ', '-')}.conf`)
      writeFileSync(input, make())
      for (const [args, stdin] of [[[input], ''], [['-'], make()], [[input, '-o', join(dir, 'out.yml')], '']] as const) {
        const {code, stdout, stderr} = await runCli(['convert', ...args], {input: stdin, timeoutMs: 20_000})
        expect(code).toBe(1)
        expect(stdout).toBe('')
        expect(stderr).toMatch(line)
        expect(stderr.length).toBeLessThan(1000)
        // Nothing raw from the file: no control characters but newlines, no U+FFFD from undecodable bytes.
        expect(stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ufffd]/)
        expect(stderr).toMatch(/\nError: (.+ is not a valid legacy mapping config|<stdin> is not a valid legacy mapping config); nothing converted\n$/)
      }
      expect(readdirSync(dir)).toEqual([`${name.replaceAll(' ', '-')}.conf`])
    }, 60_000)

    it('quotes at most 100 characters of a 100 KB line', async () => {
      const {code, stdout, stderr} = await runCli(['convert', '-'], {input: `a.b\nname="x"\n${'y'.repeat(100_000)}\n`})
      expect({code, stdout}).toEqual({code: 1, stdout: ''})
      expect(stderr).toContain(`3:1  error    expected label mapping line, got: ${'y'.repeat(100)}… (100,000 characters)  legacy-syntax`)
      expect(stderr.length).toBeLessThan(1000)
    })

    it('converts a 100 KB value whole', async () => {
      const value = 'v'.repeat(100_000)
      const {code, stdout, stderr} = await runCli(['convert', '-'], {input: `a.b\nname="x"\njob="${value}"\n`})
      expect({code, stdout, stderr}).toEqual({code: 0, stdout: `mappings:\n- match: "a.b"\n  name: "x"\n  labels:\n    job: "${value}"\n`, stderr: ''})
    })
  })

  it.each([
    ['a YAML config', (dir: string) => {
      writeFileSync(join(dir, 'm.yml'), 'mappings:\n- match: a\n  name: a\n')
      return join(dir, 'm.yml')
    }, (path: string) => `Error: ${path} is already a YAML mapping config (metrics lint ${path} checks it)\n`],
    ['a directory', (dir: string) => {
      mkdirSync(join(dir, 'sub'))
      return join(dir, 'sub')
    }, (path: string) => `Error: cannot read ${path}: it is a directory\n`],
    ['a missing file', (dir: string) => join(dir, 'missing.conf'), (path: string) => `Error: cannot read ${path}: no such file\n`],
  ])('exits 2 on %s, and writes nothing', async (_what, make, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'metrics-convert-e2e-'))
    const path = make(dir)
    const before = readdirSync(dir)
    const {code, stdout, stderr} = await runCli(['convert', path, '-o', join(dir, 'out.yml')])
    expect({code, stdout, stderr}).toEqual({code: 2, stdout: '', stderr: message(path)})
    expect(readdirSync(dir)).toEqual(before)
  })
})
