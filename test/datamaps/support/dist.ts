import {existsSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

/**
 * The built datamaps modules. The job runs its stages on worker threads, which load
 * compiled JavaScript (dist/datamaps/workers/*.js), so tests of the whole job use
 * the build, as the CLI does: `npm run build` first (`npm test` does).
 */
export async function builtModule<Module>(name: string): Promise<Module> {
  const url = new URL(`../../../dist/datamaps/${name}`, import.meta.url)
  if (!existsSync(fileURLToPath(url))) throw new Error(`${fileURLToPath(url)} is missing: run npm run build first`)
  return (await import(url.href)) as Module
}
