/**
 * How many more files this process may open: the soft open-file limit (`ulimit -n`,
 * RLIMIT_NOFILE, from /proc/self/limits) less the descriptors open now (/proc/self/fd).
 * Undefined where Linux does not report it, or when there is no limit.
 */
import {readdir, readFile} from 'node:fs/promises'

export interface OpenFiles {
  /** The soft limit. */
  readonly limit: number
  /** Descriptors open now. */
  readonly open: number
}

export async function openFiles(): Promise<OpenFiles | undefined> {
  const limits = await readFile('/proc/self/limits', 'utf8').catch(() => undefined)
  const limit = limits === undefined ? undefined : softOpenFileLimit(limits)
  if (limit === undefined) return undefined
  const open = await readdir('/proc/self/fd').catch(() => undefined)
  return open === undefined ? undefined : {limit, open: open.length}
}

/** The soft limit from the `Max open files` row of /proc/<pid>/limits; undefined when unlimited or absent. */
export function softOpenFileLimit(limits: string): number | undefined {
  const match = /^Max open files\s+(\d+|unlimited)\s/m.exec(limits)
  return match === null || match[1] === 'unlimited' ? undefined : Number(match[1])
}
