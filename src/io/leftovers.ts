/**
 * What a run that was killed (SIGKILL, a power cut) leaves behind: a staging directory,
 * a temporary file. Each is named after the process that made it, so that the next
 * run can tell a leftover from the work of a run still going, and remove it.
 */
import {mkdir, readdir, rm} from 'node:fs/promises'
import {hostname} from 'node:os'
import {join} from 'node:path'

/** Whether a process with that pid runs on this machine (EPERM: it runs, as another user). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * A staging directory of this run, `PARENT/<prefix><host>-<pid>`, made fresh; those of
 * runs on this host that no longer run are removed first. The host is in the name
 * because PARENT may be shared (NFS, a volume), and a pid means nothing on another host.
 */
export async function freshStagingDirectory(parent: string, prefix: string): Promise<string> {
  const owner = `${prefix}${hostname().replace(/[^\w.-]/g, '_')}-`
  for (const name of await readdir(parent)) {
    if (!name.startsWith(owner)) continue
    const pid = Number(name.slice(owner.length))
    if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid)) await rm(join(parent, name), {recursive: true, force: true})
  }
  const staging = join(parent, `${owner}${process.pid}`)
  await rm(staging, {recursive: true, force: true})
  await mkdir(staging)
  return staging
}
