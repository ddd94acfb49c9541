import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli, runThroughOclif} from '../support/run-cli.js'
import {tempFiles} from '../support/temp-files.js'

const lines = (...all: string[]): string => all.join('\n') + '\n'

/** Loads clean; one overlap (a warning) and nothing else. */
const WARNINGS_ONLY = lines(
  'version: 1',
  'metrics:',
  '  - name: <a>.reads',
  '    type: counter',
  '  - name: feed.<b>',
  '    type: counter',
)

/** Loads clean; a duplicate (an error) and overlaps (warnings). */
const WITH_ERRORS = WARNINGS_ONLY + lines('  - name: feed.<c>', '    type: counter')

const {dir, file} = tempFiles('metrics-catalog-e2e-')

describe('metrics catalog check', () => {
  it('stylish: every problem with file:line:col, severity and rule id; exit 1 on errors', async () => {
    const path = file('errors.yml', WITH_ERRORS)
    const {code, stdout, stderr} = await runCli(['catalog', 'check', '--catalog', path])
    expect(code).toBe(1)
    expect(stdout).toContain(path)
    expect(stdout).toMatch(/7:11 +error +feed\.<c> is already documented as feed\.<b> \(line 5\) +duplicate-metric/)
    expect(stdout).toMatch(/5:11 +warning +feed\.<b> and <a>\.reads \(line 3\) can both match feed\.reads; the one on line 3 takes it +overlapping-templates/)
    expect(stdout).toContain('problems (1 error, 2 warnings)')
    expect(stderr.trim()).toBe(`Error: 1 error in ${path}`)
  })

  it('exits 0 on warnings only, 1 past --max-warnings, and --quiet hides them', async () => {
    const path = file('warnings.yml', WARNINGS_ONLY)
    expect((await runCli(['catalog', 'check', '--catalog', path])).code).toBe(0)
    const strict = await runCli(['catalog', 'check', '--catalog', path, '--max-warnings', '0'])
    expect(strict.code).toBe(1)
    expect(strict.stderr.trim()).toBe('Error: 1 warning, more than --max-warnings 0')
    expect(await runCli(['catalog', 'check', '--catalog', path, '-q', '--max-warnings', '0'])).toMatchObject({code: 0, stdout: ''})
  })

  it('prints nothing and exits 0 for a clean catalogue, found in the working directory', async () => {
    const cwd = join(dir, 'clean')
    mkdirSync(cwd)
    writeFileSync(join(cwd, 'metrics.catalog.yml'), lines('version: 1', 'metrics:', '  - name: feed.reads', '    type: counter'))
    expect(await runCli(['catalog', 'check'], {cwd})).toMatchObject({code: 0, stdout: '', stderr: ''})
  })

  it('finds the catalogue through the catalog: key of the metrics config', async () => {
    const cwd = join(dir, 'configured')
    mkdirSync(join(cwd, 'docs'), {recursive: true})
    writeFileSync(join(cwd, 'docs', 'metrics.yml'), WITH_ERRORS)
    writeFileSync(join(cwd, 'metrics.config.yaml'), 'catalog: docs/metrics.yml\n')
    const {code, stdout} = await runCli(['catalog', 'check'], {cwd})
    expect(code).toBe(1)
    expect(stdout).toContain(join('docs', 'metrics.yml'))
  })

  it('json: ESLint shape; sarif: the catalogue rules in the driver; github: annotations', async () => {
    const path = file('formats.yml', WITH_ERRORS)
    const json = await runCli(['catalog', 'check', '--catalog', path, '-f', 'json'])
    expect(json.code).toBe(1)
    const [result] = JSON.parse(json.stdout) as {filePath: string; errorCount: number; warningCount: number; messages: {ruleId: string; severity: number; line: number}[]}[]
    expect(result).toMatchObject({filePath: path, errorCount: 1, warningCount: 2})
    expect(result.messages.map((m) => [m.ruleId, m.severity, m.line])).toEqual([['overlapping-templates', 1, 5], ['duplicate-metric', 2, 7], ['overlapping-templates', 1, 7]])

    const sarif = JSON.parse((await runCli(['catalog', 'check', '--catalog', path, '-f', 'sarif'])).stdout)
    expect(sarif.runs[0].tool.driver.name).toBe('metrics catalog check')
    expect(sarif.runs[0].tool.driver.rules.map((r: {id: string}) => r.id)).toContain('overlapping-templates')
    expect(sarif.runs[0].results[1]).toMatchObject({ruleId: 'duplicate-metric', level: 'error', locations: [{physicalLocation: {region: {startLine: 7, startColumn: 11}}}]})

    const github = await runCli(['catalog', 'check', '--catalog', path], {env: {GITHUB_ACTIONS: 'true'}})
    expect(github.stdout).toMatch(new RegExp(`^::error file=${path.replaceAll('/', '\\/')},line=7,col=11,.*title=duplicate-metric::feed\\.<c> is already documented`, 'm'))
  })

  it.each<[string, string | Buffer, RegExp]>([
    ['binary', Buffer.from([0x76, 0x65, 0x00, 0xff, 0xfe]), /1:4 +error +yaml: invalid UTF-8 byte sequence; the file must be UTF-8 text +yaml-syntax/],
    ['a control character', 'version: 1\nmetrics:\n  - name: a\u0007b\n', /3:12 +error +yaml: control characters are not allowed +yaml-syntax/],
    ['empty', '', /1:1 +error +the file is empty; a catalogue starts with "version: 1" .* +missing-key/],
    ['an unknown key', lines('version: 1', 'metrics:', '  - name: a', '    descripton: x'), /4:5 +error +unknown key "descripton" in a metric; did you mean "description"\? +unknown-key/],
    ['a bad template', lines('version: 1', 'metrics:', '  - name: feed..reads'), /3:16 +error +name "feed\.\.reads": empty segment \(two dots, or a leading dot\) +invalid-template/],
    // Flow style goes through the yaml package rather than the fast block reader.
    ['an unknown key in flow style', lines('version: 1', 'metrics: [{name: a, descripton: x}]'), /2:21 +error +unknown key "descripton" in a metric; did you mean "description"\? +unknown-key/],
  ])('a broken catalogue (%s): located errors, exit 1', async (what, text, expected) => {
    const path = file(`broken-${what.replaceAll(' ', '-')}.yml`, text)
    const {code, stdout} = await runCli(['catalog', 'check', '--catalog', path])
    expect(code).toBe(1)
    expect(stdout).toMatch(expected)
  })

  it('gives the same output and exit code without oclif (the fast path) as through it', async () => {
    const path = file('parity.yml', WITH_ERRORS)
    for (const args of [['catalog', 'check', '--catalog', path], ['catalog', 'check', '--catalog', path, '-f', 'json', '--max-warnings', '0'], ['catalog', 'check', '--catalog', join(dir, 'missing.yml')]]) {
      const fast = await runCli(args, {env: {GITHUB_ACTIONS: ''}})
      expect(await runThroughOclif(args, {env: {GITHUB_ACTIONS: ''}})).toEqual(fast)
    }
  })

  it('reads the catalogue from stdin with --catalog -', async () => {
    const {code, stdout} = await runCli(['catalog', 'check', '--catalog', '-'], {input: WITH_ERRORS})
    expect(code).toBe(1)
    expect(stdout).toContain('<stdin>')
  })

  it('exit 2 when it cannot run: no catalogue, an unreadable file, a bad flag', async () => {
    const empty = join(dir, 'nothing-here')
    mkdirSync(empty)
    const none = await runCli(['catalog', 'check'], {cwd: empty})
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/^Error: no catalogue: there is no metrics\.catalog\.yml in .*nothing-here/)
    const missing = await runCli(['catalog', 'check', '--catalog', join(dir, 'missing.yml')])
    expect(missing).toMatchObject({code: 2, stdout: ''})
    expect(missing.stderr).toMatch(/cannot read .*missing\.yml: no such file/)
    expect((await runCli(['catalog', 'check', '--max-warnings', 'many', '--catalog', join(dir, 'warnings.yml')])).code).toBe(2)
    expect((await runCli(['catalog', 'check', '--format', 'xml'])).code).toBe(2)
  })
})

describe('metrics catalog diff', () => {
  const OLD = lines('version: 1', 'metrics:', '  - name: a.reads', '    type: counter', '  - name: b.<x>', '    type: gauge', '    tags:', '      path: [x, y]')
  const NEW = lines('version: 1', 'metrics:', '  - name: b.<y>', '    type: gauge', '    tags:', '      path: [y, z]', '  - name: c.writes', '    type: counter')

  it('reports breaking changes as errors (in OLD for removals) and exits 1', async () => {
    const [before, after] = [file('old.yml', OLD), file('new.yml', NEW)]
    const {code, stdout, stderr} = await runCli(['catalog', 'diff', before, after])
    expect(code).toBe(1)
    expect(stdout).toMatch(new RegExp(`${before}\\n +3:11 +error +a\\.reads \\(counter\\) was removed +metric-removed`))
    expect(stdout).toMatch(/6:13 +error +tag path of b\.<y> no longer takes "x" +tag-value-removed/)
    expect(stdout).toMatch(/6:13 +info +tag path of b\.<y> now also takes "z" +tag-value-added/)
    expect(stdout).toMatch(/3:11 +info +b\.<y>: placeholder <x> is now <y> +placeholder-renamed/)
    expect(stdout).toMatch(/7:11 +info +c\.writes \(counter\) was added +metric-added/)
    expect(stdout).toContain('✖ 2 problems (2 errors, 0 warnings, 3 infos)')
    expect(stderr.trim()).toBe(`Error: 2 breaking changes from ${before} to ${after}; --allow-breaking accepts them`)
  })

  it('exits 0 with --allow-breaking, and for harmless changes only', async () => {
    const [before, after] = [file('old.yml', OLD), file('new.yml', NEW)]
    expect((await runCli(['catalog', 'diff', before, after, '--allow-breaking'])).code).toBe(0)
    const added = file('added.yml', OLD + lines('  - name: d.reads'))
    const {code, stdout} = await runCli(['catalog', 'diff', before, added])
    expect(code).toBe(0)
    expect(stdout).toMatch(/9:11 +info +d\.reads \(unknown\) was added +metric-added/)
    expect(stdout).toContain('ℹ 1 info')
    expect(await runCli(['catalog', 'diff', before, before])).toMatchObject({code: 0, stdout: '', stderr: ''})
  })

  it('json, github and sarif carry the changes; infos as severity 0, notices and notes', async () => {
    const [before, after] = [file('old.yml', OLD), file('new.yml', NEW)]
    const json = JSON.parse((await runCli(['catalog', 'diff', before, after, '-f', 'json'])).stdout) as {filePath: string; messages: {ruleId: string; severity: number}[]}[]
    expect(json.map((r) => r.filePath)).toEqual([before, after])
    expect(json[1].messages.map((m) => [m.ruleId, m.severity])).toEqual([['placeholder-renamed', 0], ['tag-value-added', 0], ['tag-value-removed', 2], ['metric-added', 0]])
    const github = (await runCli(['catalog', 'diff', before, after, '-f', 'github'])).stdout
    expect(github).toContain(`::notice file=${after},line=7,col=11,endLine=7,endColumn=19,title=metric-added::c.writes (counter) was added`)
    const sarif = JSON.parse((await runCli(['catalog', 'diff', before, after, '-f', 'sarif'])).stdout)
    expect(sarif.runs[0].tool.driver.name).toBe('metrics catalog diff')
    expect(sarif.runs[0].results.map((r: {level: string}) => r.level)).toEqual(['error', 'note', 'note', 'error', 'note'])
  })

  it('a catalogue that does not load: its errors, exit 1 even with --allow-breaking', async () => {
    const [before, broken] = [file('old.yml', OLD), file('broken.yml', lines('version: 1', 'metrics:', '  - name: a', '    colour: red'))]
    const {code, stdout, stderr} = await runCli(['catalog', 'diff', before, broken, '--allow-breaking'])
    expect(code).toBe(1)
    expect(stdout).toMatch(/4:5 +error +unknown key "colour" in a metric/)
    expect(stderr.trim()).toBe(`Error: ${broken} does not load; nothing was compared`)
  })

  it('exit 2 for an unreadable file, stdin twice, no OLD, or no NEW given or found', async () => {
    expect((await runCli(['catalog', 'diff', join(dir, 'missing.yml'), file('new.yml', NEW)])).code).toBe(2)
    expect((await runCli(['catalog', 'diff', '-', '-'])).code).toBe(2)
    expect((await runCli(['catalog', 'diff'])).code).toBe(2)
    const empty = join(dir, 'no-catalogue')
    mkdirSync(empty)
    const none = await runCli(['catalog', 'diff', file('new.yml', NEW)], {cwd: empty})
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/^Error: no catalogue: there is no metrics\.catalog\.yml in .*no-catalogue/)
  })

  it('gives the same output and exit code without oclif (the fast path) as through it', async () => {
    const [before, after] = [file('old.yml', OLD), file('new.yml', NEW)]
    for (const args of [['catalog', 'diff', before, after], ['catalog', 'diff', before, after, '-f', 'json', '--allow-breaking'], ['catalog', 'diff'], ['catalog', 'diff', before, join(dir, 'missing.yml')]]) {
      const fast = await runCli(args, {env: {GITHUB_ACTIONS: ''}})
      expect(await runThroughOclif(args, {env: {GITHUB_ACTIONS: ''}})).toEqual(fast)
    }
  })
})

describe('metrics catalog schema', () => {
  it('prints the JSON Schema, and with --path where the installed file is', async () => {
    const printed = await runCli(['catalog', 'schema'])
    expect(printed.code).toBe(0)
    expect(JSON.parse(printed.stdout)).toMatchObject({$schema: 'http://json-schema.org/draft-07/schema#', required: ['version']})
    const where = await runCli(['catalog', 'schema', '--path'])
    expect(where.stdout.trim()).toMatch(/dist\/catalog\/catalog\.schema\.json$/)
  })
})
