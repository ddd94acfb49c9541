import {readdirSync, readFileSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'

/** Every file under a directory, by relative path, with its bytes. */
export function readTree(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  const walk = (directory: string): void => {
    for (const name of readdirSync(directory).sort()) {
      const path = join(directory, name)
      if (statSync(path).isDirectory()) walk(path)
      else files.set(relative(root, path), readFileSync(path))
    }
  }
  walk(root)
  return files
}

/** The tile paths of a tree, sorted. */
export const tilePaths = (tree: Map<string, Buffer>): string[] => [...tree.keys()].filter(path => path.endsWith('.png')).sort()
