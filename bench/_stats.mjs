// Small helpers shared by the benchmarks: medians and whole-process wall times.
import {spawnSync} from 'node:child_process'

export const median = values => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Wall time of one whole process, in milliseconds. */
export function wallMs(command, args, options = {}) {
  const started = process.hrtime.bigint()
  const result = spawnSync(command, args, {stdio: ['ignore', 'ignore', 'pipe'], ...options})
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`)
  return ms
}
