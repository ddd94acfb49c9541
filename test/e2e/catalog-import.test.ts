import {existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import {dirname, join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {runCli, runThroughOclif} from '../support/run-cli.js'
import {tempFiles} from '../support/temp-files.js'

const fixtures = new URL('../catalog/import/fixtures/', import.meta.url)
const fixture = (name: string) => readFileSync(new URL(name, fixtures), 'utf8')
const {fresh: tempDir} = tempFiles('metrics-catalog-import-')
/** The first line of a written catalogue: the installed JSON Schema, relative to the file. */
const SCHEMA = fileURLToPath(new URL('../../dist/catalog/catalog.schema.json', import.meta.url))
const schemaLine = (file: string) => `# yaml-language-server: $schema=${relative(dirname(file), SCHEMA)}`

const CLEAN = ['Counters', '--------', '', '``shop.orders#channel:web``,', '``shop.orders#channel:app`` : counters', '', '    Orders placed.', ''].join('\n')

describe('metrics catalog import', () => {
  it('writes metrics.catalog.yml in the working directory and exits 0 when every line was read', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'stats.rst'), CLEAN)
    const {code, stdout, stderr} = await runCli(['catalog', 'import', 'stats.rst'], {cwd: dir})
    expect({code, stdout, stderr}).toEqual({code: 0, stdout: '', stderr: 'wrote 1 metric to metrics.catalog.yml\n'})
    expect(readFileSync(join(dir, 'metrics.catalog.yml'), 'utf8')).toBe(
      [schemaLine(join(dir, 'metrics.catalog.yml')), 'version: 1', '', 'metrics:', '  - name: shop.orders', '    type: counter', '    description: Orders placed.', '    tags:', '      channel: [web, app]', '    source: stats.rst:4', ''].join('\n'),
    )
    expect(readdirSync(dir).sort()).toEqual(['metrics.catalog.yml', 'stats.rst'])
  })

  it('lists every line it could not read on stderr, writes what it could, and exits 1', async () => {
    const dir = tempDir()
    const doc = join(dir, 'shop-stats.rst')
    writeFileSync(doc, fixture('shop-stats.rst'))
    const output = join(dir, 'shop.catalog.yml')
    const {code, stdout, stderr} = await runCli(['catalog', 'import', doc, '-o', output])
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toContain(`${doc}\n  50:99  error    ragged border: the line is 99 characters wide, the table 98; docutils refuses the table`)
    expect(stderr).toContain('  53:36  error    "meter" is not a statsd type')
    expect(stderr).toContain('✖ 2 problems (2 errors, 0 warnings)')
    expect(stderr).toContain(`wrote 11 metrics to ${output}; 3 with a guessed type (see their guessed: key), 4 of unknown type\n`)
    expect(stderr).toMatch(/Error: 2 places in .*shop-stats\.rst could not be read \(above\); the catalogue holds what could\n$/)
    expect(readFileSync(output, 'utf8')).toBe(`${schemaLine(output)}\n${fixture('shop-stats.rst.catalog.yml').replaceAll('source: shop-stats.rst:', `source: ${doc}:`)}`)
  })

  it('reads several docs, Markdown from stdin among them, into one catalogue written to stdout', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'stats.rst'), CLEAN)
    const {code, stdout} = await runCli(['catalog', 'import', 'stats.rst', '-', '--format', 'md', '-o', '-'], {cwd: dir, input: '## Gauges\n\n- `queue.depth#queue:<queue>`\n'})
    expect(code).toBe(0)
    expect(stdout).toContain('  - name: queue.depth\n    type: gauge\n    tags:\n      queue: <queue>\n    source: <stdin>:3\n')
    expect(stdout).toContain('    source: stats.rst:4\n')
  })

  it('refuses to replace an existing catalogue without --force or --merge (exit 2), and leaves it as it was', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'stats.rst'), CLEAN)
    writeFileSync(join(dir, 'metrics.catalog.yml'), 'hand-written\n')
    const {code, stderr} = await runCli(['catalog', 'import', 'stats.rst'], {cwd: dir})
    expect(code).toBe(2)
    expect(stderr).toBe('Error: metrics.catalog.yml exists; not replaced (--merge merges the docs into it, --force replaces it)\n')
    expect(readFileSync(join(dir, 'metrics.catalog.yml'), 'utf8')).toBe('hand-written\n')
    expect((await runCli(['catalog', 'import', 'stats.rst', '--force'], {cwd: dir})).code).toBe(0)
    expect(readFileSync(join(dir, 'metrics.catalog.yml'), 'utf8')).toContain('name: shop.orders')
  })

  it('--merge keeps what was written by hand and adds what the docs say', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'stats.rst'), CLEAN)
    writeFileSync(join(dir, 'metrics.catalog.yml'), ['version: 1', 'metrics:', '  - name: shop.orders', '    type: counter', '    description: Orders, as finance counts them.', '    owner: checkout', '  - name: shop.refunds', '    type: counter', ''].join('\n'))
    const {code, stderr} = await runCli(['catalog', 'import', 'stats.rst', '--merge'], {cwd: dir})
    expect({code, stderr}).toEqual({code: 0, stderr: '1 entry of the catalogue is not in the docs; kept as it is\nmerged 1 metric into metrics.catalog.yml (2 in all)\n'})
    expect(readFileSync(join(dir, 'metrics.catalog.yml'), 'utf8')).toBe(
      [
        schemaLine(join(dir, 'metrics.catalog.yml')), 'version: 1', '', 'metrics:',
        '  - name: shop.orders', '    type: counter', '    description: Orders, as finance counts them.', '    owner: checkout', '    tags:', '      channel: [web, app]', '    source: stats.rst:4', '',
        '  - name: shop.refunds', '    type: counter', '',
      ].join('\n'),
    )
  })

  it('refuses to merge into a catalogue that does not load, with its first error (exit 2)', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'stats.rst'), CLEAN)
    writeFileSync(join(dir, 'metrics.catalog.yml'), 'version: 1\nmetrics:\n  - name: a.b\n    typo: counter\n')
    const {code, stderr} = await runCli(['catalog', 'import', 'stats.rst', '--merge'], {cwd: dir})
    expect(code).toBe(2)
    expect(stderr).toMatch(/^Error: metrics\.catalog\.yml:4:5: .*typo.* \(metrics catalog check --catalog metrics\.catalog\.yml lists every problem\)\n$/)
  })

  it('writes nothing and exits 1 when the docs hold no metric', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'notes.md'), '# Notes\n\nNothing about metrics here.\n')
    const {code, stderr} = await runCli(['catalog', 'import', 'notes.md'], {cwd: dir})
    expect(code).toBe(1)
    expect(stderr).toMatch(/^Error: no metrics found in notes\.md; nothing written/)
    expect(existsSync(join(dir, 'metrics.catalog.yml'))).toBe(false)
  })

  it.each([
    ['binary', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), 'Error: doc.rst is not a text document (it holds NUL bytes)\n'],
    ['not UTF-8', Buffer.from('caf\xe9 ``a.b`` : counter', 'latin1'), 'Error: doc.rst is not UTF-8 text (convert it first, e.g. iconv -f latin1 -t utf-8)\n'],
  ])('refuses a %s document (exit 2)', async (_kind, bytes, message) => {
    const dir = tempDir()
    writeFileSync(join(dir, 'doc.rst'), bytes)
    const {code, stderr} = await runCli(['catalog', 'import', 'doc.rst'], {cwd: dir})
    expect({code, stderr}).toEqual({code: 2, stderr: message})
    expect(existsSync(join(dir, 'metrics.catalog.yml'))).toBe(false)
  })

  it('says which doc it cannot read (exit 2)', async () => {
    const dir = tempDir()
    const {code, stderr} = await runCli(['catalog', 'import', 'missing.rst'], {cwd: dir})
    expect({code, stderr}).toEqual({code: 2, stderr: 'Error: cannot read missing.rst: no such file\n'})
  })

  it('shows a path in a message as written, a backslash once', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'stats.rst'), CLEAN)
    writeFileSync(join(dir, 'my\\catalog.yml'), 'hand-written\n')
    const {code, stderr} = await runCli(['catalog', 'import', 'stats.rst', '-o', 'my\\catalog.yml'], {cwd: dir})
    expect({code, stderr}).toEqual({code: 2, stderr: 'Error: my\\catalog.yml exists; not replaced (--merge merges the docs into it, --force replaces it)\n'})
  })

  it('gives the same output, files and exit code without oclif (the fast path) as through it', async () => {
    const cases: [string, string[], string?][] = [
      ['clean', ['catalog', 'import', 'stats.rst']],
      ['unreadable lines', ['catalog', 'import', 'shop-stats.rst', '-o', 'shop.yml']],
      ['stdin to stdout', ['catalog', 'import', '-', '--format', 'md', '-o', '-'], '## Gauges\n\n- `queue.depth#queue:<queue>`\n'],
      ['an existing output', ['catalog', 'import', 'stats.rst', '-o', 'stats.rst']],
      ['a missing doc', ['catalog', 'import', 'missing.rst']],
    ]
    for (const [what, args, input] of cases) {
      const [fastDir, oclifDir] = [tempDir(), tempDir()]
      for (const dir of [fastDir, oclifDir]) {
        writeFileSync(join(dir, 'stats.rst'), CLEAN)
        writeFileSync(join(dir, 'shop-stats.rst'), fixture('shop-stats.rst'))
      }
      const fast = await runCli(args, {cwd: fastDir, input})
      expect(await runThroughOclif(args, {cwd: oclifDir, input}), what).toEqual(fast)
      const written = (dir: string) => readdirSync(dir).sort().map(name => [name, readFileSync(join(dir, name), 'utf8').replace(/^# yaml-language-server: .*\n/, '')])
      expect(written(oclifDir), what).toEqual(written(fastDir))
    }
  })
})

describe('the catalogue every catalog command finds', () => {
  it('import writes where the config\'s catalog: key says; check, docs and diff then read it there without being told', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'stats.rst'), CLEAN)
    writeFileSync(join(dir, 'metrics.config.yaml'), 'catalog: docs/metrics.catalog.yml\n')
    mkdirSync(join(dir, 'docs'))
    const imported = await runCli(['catalog', 'import', 'stats.rst'], {cwd: dir})
    expect(imported).toEqual({code: 0, stdout: '', stderr: `wrote 1 metric to ${join('docs', 'metrics.catalog.yml')}\n`})
    expect(readdirSync(dir).sort()).toEqual(['docs', 'metrics.config.yaml', 'stats.rst'])
    const written = join(dir, 'docs', 'metrics.catalog.yml')
    expect(readFileSync(written, 'utf8')).toContain(`${schemaLine(written)}\nversion: 1\n`)

    expect(await runCli(['catalog', 'check'], {cwd: dir})).toEqual({code: 0, stdout: '', stderr: ''})
    const docs = await runCli(['catalog', 'docs'], {cwd: dir})
    expect(docs).toMatchObject({code: 0, stderr: ''})
    expect(docs.stdout).toContain('| `shop.orders` | `channel:web`, `channel:app` | Orders placed. |')
    writeFileSync(join(dir, 'old.yml'), 'version: 1\nmetrics:\n  - name: shop.orders\n    type: counter\n  - name: shop.refunds\n    type: counter\n')
    const diff = await runCli(['catalog', 'diff', 'old.yml'], {cwd: dir})
    expect(diff.code).toBe(1)
    expect(diff.stdout).toMatch(/shop\.refunds \(counter\) was removed +metric-removed/)
    expect(diff.stdout).toContain(`${join('docs', 'metrics.catalog.yml')}\n`)
    expect(diff.stderr).toBe(`Error: 1 breaking change from old.yml to ${join('docs', 'metrics.catalog.yml')}; --allow-breaking accepts them\n`)

    const again = await runCli(['catalog', 'import', 'stats.rst'], {cwd: dir})
    expect(again).toEqual({code: 2, stdout: '', stderr: `Error: ${join('docs', 'metrics.catalog.yml')} exists; not replaced (--merge merges the docs into it, --force replaces it)\n`})
    expect((await runCli(['catalog', 'import', 'stats.rst', '--merge'], {cwd: dir})).stderr).toBe(`merged 1 metric into ${join('docs', 'metrics.catalog.yml')} (1 in all)\n`)
  })

  it('metrics.catalog.yml in the working directory comes before the config\'s key, for import as for check', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'stats.rst'), CLEAN)
    writeFileSync(join(dir, 'metrics.config.yaml'), 'catalog: elsewhere.yml\n')
    writeFileSync(join(dir, 'metrics.catalog.yml'), 'version: 1\nmetrics:\n  - name: shop.refunds\n    type: counter\n')
    const merged = await runCli(['catalog', 'import', 'stats.rst', '--merge'], {cwd: dir})
    expect(merged).toEqual({code: 0, stdout: '', stderr: '1 entry of the catalogue is not in the docs; kept as it is\nmerged 1 metric into metrics.catalog.yml (2 in all)\n'})
    expect(existsSync(join(dir, 'elsewhere.yml'))).toBe(false)
  })
})
