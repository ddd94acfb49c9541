import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {catalogTarget, locateCatalog} from '../../src/catalog/locate.js'
import {UsageError} from '../../src/errors.js'

describe('locateCatalog', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'catalog-locate-'))
  })
  afterEach(() => rmSync(dir, {recursive: true, force: true}))

  it('takes --catalog first, even when the named file does not exist', () => {
    writeFileSync(join(dir, 'metrics.catalog.yml'), 'version: 1\n')
    expect(locateCatalog({catalog: 'other.yml', env: {}, cwd: dir})).toEqual({path: 'other.yml', display: 'other.yml'})
    expect(locateCatalog({catalog: '-', env: {}, cwd: dir})).toEqual({path: '-', display: '<stdin>'})
  })

  it('then metrics.catalog.yml in the working directory', () => {
    writeFileSync(join(dir, 'metrics.catalog.yml'), 'version: 1\n')
    writeFileSync(join(dir, 'metrics.config.yaml'), 'catalog: elsewhere.yml\n')
    expect(locateCatalog({env: {}, cwd: dir})).toEqual({path: join(dir, 'metrics.catalog.yml'), display: 'metrics.catalog.yml'})
  })

  it('then the catalog: key of the metrics config, relative to the config file', () => {
    mkdirSync(join(dir, 'conf'))
    writeFileSync(join(dir, 'conf', 'metrics.config.yaml'), 'catalog: ../docs/metrics.yml\n')
    expect(locateCatalog({config: join(dir, 'conf', 'metrics.config.yaml'), env: {}, cwd: dir})).toEqual({path: join(dir, 'docs', 'metrics.yml'), display: join('docs', 'metrics.yml')})
    writeFileSync(join(dir, 'metrics.config.yml'), 'catalog: cat.yml\n')
    expect(locateCatalog({env: {}, cwd: dir}).path).toBe(join(dir, 'cat.yml'))
    expect(locateCatalog({env: {METRICS_CONFIG: join(dir, 'conf', 'metrics.config.yaml')}, cwd: dir}).path).toBe(join(dir, 'docs', 'metrics.yml'))
  })

  it('says where it looked when there is no catalogue (exit 2)', () => {
    expect(() => locateCatalog({env: {}, cwd: dir})).toThrow(UsageError)
    expect(() => locateCatalog({env: {}, cwd: dir})).toThrow(/no catalogue: there is no metrics\.catalog\.yml in /)
    writeFileSync(join(dir, 'metrics.config.yaml'), 'statsd: {port: 8125}\n')
    expect(() => locateCatalog({env: {}, cwd: dir})).toThrow(/metrics\.config\.yaml has no catalog: key/)
  })

  it('refuses a catalog: key that is not a path', () => {
    writeFileSync(join(dir, 'metrics.config.yaml'), 'catalog: [a, b]\n')
    expect(() => locateCatalog({env: {}, cwd: dir})).toThrow(/metrics\.config\.yaml:1:10: catalog: expected the path of the catalogue file, got \["a","b"\]$/)
  })

  it('gives import the file the other commands would read, else metrics.catalog.yml in the working directory', () => {
    expect(catalogTarget({env: {}, cwd: dir})).toEqual({path: join(dir, 'metrics.catalog.yml'), display: 'metrics.catalog.yml'})
    // The config's file need not exist yet: import writes it there, and check then finds it there.
    writeFileSync(join(dir, 'metrics.config.yaml'), 'catalog: docs/metrics.yml\n')
    expect(catalogTarget({env: {}, cwd: dir})).toEqual({path: join(dir, 'docs', 'metrics.yml'), display: join('docs', 'metrics.yml')})
    writeFileSync(join(dir, 'metrics.catalog.yml'), 'version: 1\n')
    expect(catalogTarget({env: {}, cwd: dir})).toEqual({path: join(dir, 'metrics.catalog.yml'), display: 'metrics.catalog.yml'})
    expect(catalogTarget({catalog: 'out.yml', env: {}, cwd: dir})).toEqual({path: 'out.yml', display: 'out.yml'})
  })
})
