import {mkdir, stat} from 'node:fs/promises'
import {dirname, resolve} from 'node:path'

/**
 * `mkdir -p`, in a bounded number of steps. Node's `mkdir(path, {recursive: true})`
 * never returns when a parent exists but refuses the child with ENOENT, as /proc and
 * a dangling symlink do: it makes the parent (EEXIST), retries the child (ENOENT),
 * and so on forever, at full CPU on a thread-pool thread that no signal reaches.
 * Here the missing directories are found first, then made once each, top down; the
 * first failure is thrown as it is (ENOENT, EACCES, EROFS...), with its path; a file in
 * the way is an ENOTDIR whose path is that file.
 */
export async function makeDirectory(path: string): Promise<void> {
  const missing: string[] = []
  for (let at = resolve(path); ; at = dirname(at)) {
    const found = await stat(at).catch((error: NodeJS.ErrnoException) => {
      // Under a file, ENOTDIR: go on up to name that file. The root always exists, so the walk ends.
      if ((error.code !== 'ENOENT' && error.code !== 'ENOTDIR') || dirname(at) === at) throw error
      return undefined
    })
    if (found === undefined) {
      missing.push(at)
      continue
    }
    if (!found.isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${at}'`), {code: 'ENOTDIR', path: at})
    break
  }
  for (const directory of missing.reverse()) {
    // EEXIST: made meanwhile, or a dangling symlink, whose child then fails with ENOENT.
    await mkdir(directory).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error
    })
  }
}
