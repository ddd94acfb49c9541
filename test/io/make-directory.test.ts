import {existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {makeDirectory} from '../../src/io/make-directory.js'

let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'make-directory-'))
})
afterEach(() => rmSync(root, {recursive: true, force: true}))

describe('makeDirectory', () => {
  it('makes every missing directory of the path, and accepts one that exists', async () => {
    await makeDirectory(join(root, 'a', 'b', 'c'))
    expect(statSync(join(root, 'a', 'b', 'c')).isDirectory()).toBe(true)
    await makeDirectory(join(root, 'a', 'b', 'c'))
    await makeDirectory(root)
  })

  it('makes a relative path from the working directory', async () => {
    const cwd = process.cwd()
    process.chdir(root)
    try {
      await makeDirectory('x/y')
    } finally {
      process.chdir(cwd)
    }
    expect(statSync(join(root, 'x', 'y')).isDirectory()).toBe(true)
  })

  // Node's recursive mkdir spins forever on each of these (the parent says EEXIST, the child ENOENT).
  it.runIf(existsSync('/proc/self'))('fails at once under /proc, which takes no new directories', async () => {
    await expect(makeDirectory('/proc/metrics-test/tiles')).rejects.toMatchObject({code: 'ENOENT', path: '/proc/metrics-test'})
  }, 2000)

  it('fails at once under a dangling symlink', async () => {
    symlinkSync(join(root, 'gone'), join(root, 'dangling'))
    await expect(makeDirectory(join(root, 'dangling', 'tiles'))).rejects.toMatchObject({code: 'ENOENT', path: join(root, 'dangling', 'tiles')})
    expect(existsSync(join(root, 'gone'))).toBe(false)
  }, 2000)

  it.each([
    ['the path itself', ['file']],
    ['a directory in the path', ['file', 'a', 'b']],
  ])('names the file in the way when it is %s (ENOTDIR)', async (_, parts) => {
    writeFileSync(join(root, 'file'), '')
    await expect(makeDirectory(join(root, ...parts))).rejects.toMatchObject({code: 'ENOTDIR', path: join(root, 'file')})
  })

  // root may write anywhere; test/e2e/signals.test.ts runs the CLI as another user for this.
  it.skipIf(process.getuid?.() === 0)('passes on a refusal to write, with the path it could not make', async () => {
    mkdirSync(join(root, 'sealed'), {mode: 0o555})
    await expect(makeDirectory(join(root, 'sealed', 'tiles'))).rejects.toMatchObject({code: 'EACCES', path: join(root, 'sealed', 'tiles')})
  })
})
