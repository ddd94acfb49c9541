import {readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli, runThroughOclif} from '../support/run-cli.js'
import {tempFiles} from '../support/temp-files.js'

const {fresh: tempDir} = tempFiles('metrics-catalog-docs-')

const CATALOG = [
  'version: 1',
  'prefix: <PREFIX>',
  'metrics:',
  '  - name: cart.checkout',
  '    type: counter',
  '    description: Completed checkouts.',
  '  - name: search.query',
  '    type: timer',
  '    description: Time to answer a search | by backend.',
  '    tags:',
  '      backend: [solr, es]',
  '',
].join('\n')

const PAGE = ['# Shop', '', 'Hand-written intro, kept as it is.', '', '## Metrics', '', '<!-- metrics-catalog:start -->', '<!-- metrics-catalog:end -->', '', 'Footer.', ''].join('\n')

function project(): string {
  const dir = tempDir()
  writeFileSync(join(dir, 'metrics.catalog.yml'), CATALOG)
  writeFileSync(join(dir, 'metrics.md'), PAGE)
  return dir
}

describe('metrics catalog docs', () => {
  it('prints the catalogue as Markdown tables by type, from metrics.catalog.yml in the working directory', async () => {
    const {code, stdout, stderr} = await runCli(['catalog', 'docs'], {cwd: project()})
    expect({code, stderr}).toEqual({code: 0, stderr: ''})
    expect(stdout).toBe(
      [
        '# Metrics', '',
        'Every name below starts with the statsd prefix `<PREFIX>`.', '',
        '## Counters', '', '| Name | Description |', '| --- | --- |', '| `<PREFIX>.cart.checkout` | Completed checkouts. |', '',
        '## Timers', '', '| Name | Tags | Description |', '| --- | --- | --- |', '| `<PREFIX>.search.query` | `backend:solr`, `backend:es` | Time to answer a search \\| by backend. |', '',
      ].join('\n'),
    )
  })

  it('writes reStructuredText grid tables by first segment to -o FILE, which imports back to the catalogue', async () => {
    const dir = project()
    const {code} = await runCli(['catalog', 'docs', '--format', 'rst', '--group-by', 'segment', '-o', 'metrics.rst'], {cwd: dir})
    expect(code).toBe(0)
    const page = readFileSync(join(dir, 'metrics.rst'), 'utf8')
    expect(page).toContain('``search``\n----------\n\n+---------------------------+-------+----------------------------------+----------------------------------------+\n| Name                      | Type  | Tags                             | Description                            |\n')
    expect(page).toContain('| ``<PREFIX>.search.query`` | timer | ``backend:solr``, ``backend:es`` | Time to answer a search \\| by backend. |\n')
    const again = await runCli(['catalog', 'import', 'metrics.rst', '-o', 'again.yml'], {cwd: dir})
    expect(again.code).toBe(0)
    expect(readFileSync(join(dir, 'again.yml'), 'utf8').replace(/^# yaml-language-server: .*\n/, '').replace(/\n {4}source: .*/g, '')).toBe(
      ['version: 1', '', 'prefix: <PREFIX>', '', 'metrics:', '  - name: cart.checkout', '    type: counter', '    description: Completed checkouts.', '', '  - name: search.query', '    type: timer', '    description: Time to answer a search | by backend.', '    tags:', '      backend: [solr, es]', ''].join('\n'),
    )
  })

  it('--update rewrites the marked region only; --check then passes, and fails with a diff once the catalogue changes', async () => {
    const dir = project()
    const page = join(dir, 'metrics.md')
    const update = await runCli(['catalog', 'docs', '--update', 'metrics.md'], {cwd: dir})
    expect({code: update.code, stdout: update.stdout, stderr: update.stderr}).toEqual({code: 0, stdout: '', stderr: 'updated metrics.md between lines 7 and 8\n'})
    const updated = readFileSync(page, 'utf8')
    expect(updated.startsWith('# Shop\n\nHand-written intro, kept as it is.\n\n## Metrics\n\n<!-- metrics-catalog:start -->\n\nEvery name below starts with the statsd prefix `<PREFIX>`.\n\n### Counters\n')).toBe(true)
    expect(updated.endsWith('`backend:solr`, `backend:es` | Time to answer a search \\| by backend. |\n\n<!-- metrics-catalog:end -->\n\nFooter.\n')).toBe(true)
    expect(readdirSync(dir).sort()).toEqual(['metrics.catalog.yml', 'metrics.md'])

    const fresh = await runCli(['catalog', 'docs', '--update', 'metrics.md', '--check'], {cwd: dir})
    expect({code: fresh.code, stdout: fresh.stdout, stderr: fresh.stderr}).toEqual({code: 0, stdout: '', stderr: ''})
    const again = await runCli(['catalog', 'docs', '--update', 'metrics.md'], {cwd: dir})
    expect({code: again.code, stderr: again.stderr}).toEqual({code: 0, stderr: 'metrics.md is up to date\n'})

    writeFileSync(join(dir, 'metrics.catalog.yml'), CATALOG.replace('Completed checkouts.', 'Checkouts completed.'))
    const mtime = statSync(page).mtimeMs
    const stale = await runCli(['catalog', 'docs', '--update', 'metrics.md', '--check'], {cwd: dir})
    expect(stale.code).toBe(1)
    expect(stale.stdout).toBe(
      [
        '--- metrics.md (as it is)', '+++ metrics.md (from the catalogue)', '@@ -12,7 +12,7 @@',
        ' ', ' | Name | Description |', ' | --- | --- |',
        '-| `<PREFIX>.cart.checkout` | Completed checkouts. |',
        '+| `<PREFIX>.cart.checkout` | Checkouts completed. |',
        ' ', ' ### Timers', ' ', '',
      ].join('\n'),
    )
    expect(stale.stderr).toBe('Error: metrics.md is out of date with the catalogue (lines 7–23) (metrics catalog docs --update metrics.md rewrites the region)\n')
    expect(readFileSync(page, 'utf8')).toBe(updated)
    expect(statSync(page).mtimeMs).toBe(mtime)
  })

  it('titles the region of an RST page one level below its section', async () => {
    const dir = project()
    writeFileSync(join(dir, 'stats.rst'), ['Shop', '====', '', 'Metrics', '-------', '', '.. metrics-catalog:start', '', '.. metrics-catalog:end', ''].join('\n'))
    expect((await runCli(['catalog', 'docs', '--update', 'stats.rst'], {cwd: dir})).code).toBe(0)
    expect(readFileSync(join(dir, 'stats.rst'), 'utf8')).toContain('.. metrics-catalog:start\n\nEvery name below starts with the statsd prefix ``<PREFIX>``.\n\nCounters\n~~~~~~~~\n\n+')
  })

  it.each([
    ['no markers', '# Page\n', 'Error: metrics.md has no metrics-catalog markers (put "<!-- metrics-catalog:start -->" and "<!-- metrics-catalog:end -->" on lines of their own where the tables go)\n'],
    ['a second start marker', '<!-- metrics-catalog:start -->\n<!-- metrics-catalog:start -->\n<!-- metrics-catalog:end -->\n', 'Error: metrics.md:2: a second "<!-- metrics-catalog:start -->" marker (the first is on line 1) (keep one pair of markers)\n'],
  ])('refuses a page with %s (exit 2) and leaves it alone', async (_case, text, message) => {
    const dir = project()
    writeFileSync(join(dir, 'metrics.md'), text)
    const {code, stderr} = await runCli(['catalog', 'docs', '--update', 'metrics.md', '--check'], {cwd: dir})
    expect({code, stderr}).toEqual({code: 2, stderr: message})
    expect(readFileSync(join(dir, 'metrics.md'), 'utf8')).toBe(text)
  })

  it('exits 2 without a catalogue, and with a catalogue that does not load', async () => {
    const dir = tempDir()
    const none = await runCli(['catalog', 'docs'], {cwd: dir})
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/^Error: no catalogue: there is no metrics\.catalog\.yml in /)
    writeFileSync(join(dir, 'broken.yml'), 'version: 1\nmetrics:\n  - name: a..b\n')
    const broken = await runCli(['catalog', 'docs', '--catalog', 'broken.yml'], {cwd: dir})
    expect(broken.code).toBe(2)
    expect(broken.stderr).toMatch(/^Error: broken\.yml:3:13: name "a\.\.b": .* \(metrics catalog check --catalog broken\.yml lists every problem\)\n$/)
  })

  it('gives the same output, page and exit code without oclif (the fast path) as through it', async () => {
    for (const flags of [[], ['--format', 'rst', '--group-by', 'segment'], ['--update', 'metrics.md'], ['--update', 'metrics.md', '--check'], ['--catalog', 'missing.yml']]) {
      const [fastDir, oclifDir] = [project(), project()]
      const args = ['catalog', 'docs', ...flags]
      const fast = await runCli(args, {cwd: fastDir})
      expect(await runThroughOclif(args, {cwd: oclifDir}), flags.join(' ')).toEqual(fast)
      expect(readFileSync(join(oclifDir, 'metrics.md'), 'utf8')).toBe(readFileSync(join(fastDir, 'metrics.md'), 'utf8'))
    }
  })

  it.each([
    [['--check'], 'Error: --check needs --update PAGE: it checks the marked region of a page\n'],
    [['--update', 'metrics.md', '-o', 'x.md'], 'Error: --update and -o: choose one (--update rewrites the marked region of PAGE, -o writes a whole page)\n'],
  ])('refuses %j (exit 2)', async (flags, message) => {
    const {code, stderr} = await runCli(['catalog', 'docs', ...flags], {cwd: project()})
    expect({code, stderr}).toEqual({code: 2, stderr: message})
  })
})
