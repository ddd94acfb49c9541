import {readdirSync, readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {runCli} from './support/run-cli.js'
import {tempFiles} from './support/temp-files.js'

// npm test builds first (pretest), so these check what scripts/build-fast-paths.mjs made.
const dir = fileURLToPath(new URL('../dist/cli/', import.meta.url))
const bundles = readdirSync(dir).filter(name => /^fast-[a-z]+\.cjs$/.test(name))

describe('the fast-path bundles', () => {
  it('are built, one per command that bin/run.js runs without oclif', () => {
    expect(bundles.sort()).toEqual(['fast-catalog.cjs', 'fast-lint.cjs', 'fast-queues.cjs', 'fast-send.cjs', 'fast-tables.cjs'])
  })

  it.each(bundles)('%s is ASCII, so that Node holds its source as one byte per character', name => {
    const bytes = readFileSync(`${dir}${name}`)
    expect(bytes.findIndex(byte => byte > 0x7f)).toBe(-1)
  })

  it.each(bundles)('%s names its source map, for node --enable-source-maps', name => {
    expect(readFileSync(`${dir}${name}`, 'utf8')).toMatch(new RegExp(`//# sourceMappingURL=${name.replace('.', '\\.')}\\.map\\s*$`))
    expect(JSON.parse(readFileSync(`${dir}${name}.map`, 'utf8')).sources.some((source: string) => source.includes('src/cli/'))).toBe(true)
  })

  it("switches ioredis's Commander prototype to dictionary mode before its command methods are added", () => {
    const text = readFileSync(`${dir}fast-queues.cjs`, 'utf8')
    const switched = text.indexOf('delete Commander.prototype.__dictionaryModeEnd')
    const filled = text.indexOf('Commander.prototype[commandName]=')
    expect(switched).toBeGreaterThan(-1)
    expect(filled).toBeGreaterThan(switched)
  })
})

describe('bin/run.js', () => {
  const temp = tempFiles('metrics-fast-path-')
  // Preloaded into the CLI: says at exit whether oclif was loaded (an ES import of it lands in require.cache too).
  const hook = temp.file('report-oclif.cjs', "process.on('exit', () => { if (Object.keys(require.cache).some(path => path.includes('@oclif'))) process.stderr.write('oclif was loaded\\n') })\n")
  const catalog = temp.file('metrics.catalog.yml', 'version: 1\nmetrics:\n  - name: shop.orders\n    type: counter\n')
  const doc = temp.file('stats.md', '## Counters\n\n- `shop.orders`\n')

  it.each([
    ['catalog check', ['catalog', 'check', '--catalog', catalog]],
    ['catalog diff', ['catalog', 'diff', catalog, catalog]],
    ['catalog import', ['catalog', 'import', doc, '-o', '-']],
    ['catalog docs', ['catalog', 'docs', '--catalog', catalog]],
    ['lint', ['lint', '-']],
  ])('runs %s without loading oclif', async (_command, args) => {
    const {code, stderr} = await runCli(args, {env: {NODE_OPTIONS: `--require ${hook}`}, input: 'mappings: []\n'})
    expect(code).not.toBe(null)
    expect(stderr).not.toContain('oclif was loaded')
  })

  it('loads oclif for what the fast paths leave to it (the hook works)', async () => {
    const {stderr} = await runCli(['catalog', 'schema', '--path'], {env: {NODE_OPTIONS: `--require ${hook}`}})
    expect(stderr).toBe('oclif was loaded\n')
  })
})

