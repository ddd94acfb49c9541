import {mkdtempSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
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
})
