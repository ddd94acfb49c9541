/**
 * The catalogue's JSON Schema ships as a file next to this module (the build copies
 * src/catalog/catalog.schema.json into dist/catalog/), so editors can be pointed at it.
 * Found through ../catalog/ so that the fast path's bundle, in dist/cli/, finds it too.
 */
import {readFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'

export const SCHEMA_PATH = fileURLToPath(new URL('../catalog/catalog.schema.json', import.meta.url))

export async function readSchema(): Promise<string> {
  return readFile(SCHEMA_PATH, 'utf8')
}
