import {createHash, randomBytes} from 'node:crypto'
import {readdir, readFile, rename, rm, rmdir, stat, unlink, writeFile} from 'node:fs/promises'
import {dirname, join} from 'node:path'
import {OperationError} from '../errors.js'
import {freshStagingDirectory} from '../io/leftovers.js'
import {makeDirectory} from '../io/make-directory.js'
import {describeError} from '../text/system-error.js'
import {terminalText} from '../text/visible.js'
import type {TileStore} from './sync.js'
import {isTilePath} from './tile-path.js'

const STAGING_PREFIX = '.datamaps-staging-'

/**
 * A directory of tiles, `DIR/z/x/y.png`. Tiles are rendered into a hidden staging
 * directory inside DIR and renamed into place, so a reader (or an interrupted run)
 * sees a whole old tile or a whole new one, never half of one.
 */
export class LocalTileStore implements TileStore {
  readonly parallelism = 8
  private readonly made = new Set<string>()

  private constructor(
    private readonly root: string,
    readonly stagingDir: string,
  ) {}

  get location(): string {
    return this.root
  }

  /** Creates DIR and the staging directory, which proves DIR writable before any work. */
  static async open(root: string): Promise<LocalTileStore> {
    try {
      await makeDirectory(root)
      return new LocalTileStore(root, await freshStagingDirectory(root, STAGING_PREFIX))
    } catch (error) {
      throw new OperationError(`cannot write to output directory ${terminalText(root)}: ${whyUnwritable(error as NodeJS.ErrnoException)}`, 'check --output and its permissions')
    }
  }

  async list(): Promise<ReadonlyMap<string, number>> {
    const tiles = new Map<string, number>()
    for (const z of await numericDirectories(this.root)) {
      for (const x of await numericDirectories(join(this.root, z))) {
        const names = (await readdir(join(this.root, z, x))).filter(name => isTilePath(`${z}/${x}/${name}`))
        const sizes = await Promise.all(names.map(name => stat(join(this.root, z, x, name))))
        names.forEach((name, i) => {
          if (sizes[i].isFile()) tiles.set(`${z}/${x}/${name}`, sizes[i].size)
        })
      }
    }
    return tiles
  }

  async md5(path: string): Promise<string> {
    return createHash('md5')
      .update(await readFile(join(this.root, path)))
      .digest('hex')
  }

  async put(path: string, stagedFile: string): Promise<void> {
    const target = join(this.root, path)
    const directory = dirname(target)
    if (!this.made.has(directory)) {
      await makeDirectory(directory)
      this.made.add(directory)
    }
    await rename(stagedFile, target)
  }

  async remove(paths: readonly string[]): Promise<Array<{path: string; reason: string}>> {
    const failed: Array<{path: string; reason: string}> = []
    const emptied = new Set<string>()
    for (const path of paths) {
      try {
        await unlink(join(this.root, path))
        emptied.add(dirname(path))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') failed.push({path, reason: describeError(error)})
      }
    }
    // Tidy the z/x directories that deletes emptied; a directory with anything else in it stays.
    for (const directory of [...emptied].sort().reverse()) {
      await rmdir(join(this.root, directory)).catch(() => undefined)
      await rmdir(join(this.root, dirname(directory))).catch(() => undefined)
    }
    return failed
  }

  async hasSummary(name: string): Promise<boolean> {
    return stat(join(this.root, name)).then(
      () => true,
      () => false,
    )
  }

  async putSummary(name: string, json: string): Promise<void> {
    const temporary = join(this.stagingDir, `${name}.${randomBytes(4).toString('hex')}`)
    await writeFile(temporary, json)
    await rename(temporary, join(this.root, name))
  }

  async close(): Promise<void> {
    await rm(this.stagingDir, {recursive: true, force: true})
  }
}

/** The cause, naming the directory at fault: `/proc takes no new directories (ENOENT)`; else the error in words, its code after them. */
function whyUnwritable(error: NodeJS.ErrnoException): string {
  const {code, path} = error
  if (code === undefined) return describeError(error)
  if (path === undefined) return `${describeError(error)} (${code})`
  const parent = terminalText(dirname(path))
  switch (code) {
    case 'ENOENT': return `${parent} takes no new directories (ENOENT)`
    case 'ENOTDIR': return `${terminalText(path)} is not a directory (ENOTDIR)`
    case 'EACCES':
    case 'EPERM': return `no permission to write in ${parent} (${code})`
    case 'EROFS': return `${parent} is on a read-only file system (EROFS)`
    default: return `${describeError(error)} (${code})`
  }
}

async function numericDirectories(path: string): Promise<string[]> {
  const entries = await readdir(path, {withFileTypes: true}).catch(() => [])
  return entries.filter(entry => entry.isDirectory() && /^\d{1,5}$/.test(entry.name)).map(entry => entry.name)
}

/** Staging directories of this host's earlier runs that were killed: their process is gone. */
