// Small helpers shared by the benchmarks: medians and whole-process wall times.
import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {loadavg} from 'node:os'

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

/**
 * CPU milliseconds the finished children of this process used (Linux /proc): on a shared
 * machine wall time includes waiting for a core, CPU time does not.
 */
export function childCpuMs() {
  const stat = readFileSync('/proc/self/stat', 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // cutime and cstime, fields 16 and 17 of proc(5), in clock ticks of 10 ms.
  return (Number(fields[13]) + Number(fields[14])) * 10
}

/**
 * Runs `node args…` once to warm the caches, then `runs` times: the wall and CPU
 * milliseconds of each run, and the load average over the runs.
 */
export function timeRuns(args, runs) {
  wallMs(process.execPath, args)
  const times = []
  const cpu = []
  const load = []
  for (let i = 0; i < runs; i++) {
    const before = childCpuMs()
    times.push(wallMs(process.execPath, args))
    cpu.push(childCpuMs() - before)
    load.push(loadavg()[0])
  }
  return {times, cpu, load}
}

/**
 * One line of a whole-command bench: the median wall and CPU time against a wall-time
 * goal, with the load average beside them, since on a shared machine wall time is
 * CPU time plus the wait for a core.
 */
export function timingLine(label, {times, cpu, load}, goalMs) {
  const average = load.reduce((sum, value) => sum + value, 0) / load.length
  return `${label}  median ${median(times).toFixed(0)} ms wall, ${median(cpu).toFixed(0)} ms CPU  min ${Math.min(...times).toFixed(0)} ms  (${times.length} runs, load ${average.toFixed(1)})  goal < ${goalMs} ms wall`
}
