import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll} from 'vitest'

export interface TempFiles {
  readonly dir: string
  /** Writes `text` to `name` in the directory; its path. */
  file(name: string, text: string | Uint8Array): string
  /** A new empty directory in it, for a test that wants one of its own (a working directory). */
  fresh(): string
}

/** A temporary directory for the files a test file runs the CLI on, removed after its tests. */
export function tempFiles(prefix: string): TempFiles {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  afterAll(() => rmSync(dir, {recursive: true, force: true}))
  return {
    dir,
    file(name, text) {
      const path = join(dir, name)
      writeFileSync(path, text)
      return path
    },
    fresh: () => mkdtempSync(join(dir, 'case-')),
  }
}
