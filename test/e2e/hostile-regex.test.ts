/**
 * Regex rules and globs against hostile names, through the built CLI: one packet must not
 * stall map, lint, or a running tail. With JavaScript's backtracking RegExp the rule
 * `(a+)+$` took forever on the 40-byte packet below, and `*a*a*a*a*b` on 300 a's.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startTail, type TailProcess} from '../listen/tail-process.js'
import {sendUdp} from '../support/listeners.js'
import type {CliResult} from '../support/run-cli.js'
import {runCli} from '../support/run-cli.js'

const PATHOLOGICAL = `${'a'.repeat(37)}!`
/** 60 KB of dots that `^(.*)\.(.*)\.(.*)\.count$` tries three ways each: 32 s for 8 KB of it with a backtracking engine. */
const LONG_NAME = `${'host.'.repeat(12_000)}count.x`
const MAPPING = `mappings:
- match: '(a+)+$'
  match_type: regex
  name: backtracked
- match: '^(.*)\\.(.*)\\.(.*)\\.count$'
  match_type: regex
  name: \${3}_count
  labels: {first: "$1"}
- match: 'web\\.(\\w+)'
  match_type: regex
  name: web_hits_total
  labels: {page: "$1"}
`
/** Seconds a command gets before the test gives up on it and kills it. */
const DEADLINE_MS = 20_000

let dir: string
let mapping: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'metrics-hostile-regex-'))
  mapping = file('mapping.yml', MAPPING)
})
afterAll(() => rmSync(dir, {recursive: true, force: true}))

function file(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

/** The tail's exit, or a failure once `ms` have passed (the tail is then killed). */
async function exitWithin(tail: TailProcess, ms: number): Promise<CliResult> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`tail still running after ${ms} ms: ${tail.stderr()}`)), ms)
  })
  try {
    return await Promise.race([tail.exited, late])
  } finally {
    clearTimeout(timer)
  }
}

describe('regex rules against a pathological name', () => {
  it('metrics map answers at once', async () => {
    const result = await runCli(['map', '--config', mapping, '--json', '--', `${'a'.repeat(5000)}!`, 'web.home'], {timeoutMs: DEADLINE_MS})
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout).map((entry: {matched: boolean; name: string}) => [entry.matched, entry.name])).toEqual([[false, `${'a'.repeat(5000)}_`], [true, 'web_hits_total']])
  })

  it('metrics map answers at once for a 60 KB name read from stdin', async () => {
    const result = await runCli(['map', '--config', mapping, '--json'], {input: `${LONG_NAME}\nweb.x.y.count\n`, timeoutMs: DEADLINE_MS})
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout).map((entry: {matched: boolean; name: string}) => [entry.matched, entry.name])).toEqual([[false, LONG_NAME.replaceAll('.', '_')], [true, 'y_count']])
  })

  it('metrics lint --samples checks the case and finishes', async () => {
    const samples = file('samples.yml', `- statsd: "${'a'.repeat(5000)}!"\n  expect: unmapped\n- statsd: web.home\n  expect: {name: web_hits_total, labels: {page: home}}\n`)
    const result = await runCli(['lint', mapping, '--samples', samples, '--format', 'json'], {timeoutMs: DEADLINE_MS})
    expect(result.code, result.stdout + result.stderr).toBe(0)
  })

  it('tail --mapping --count 2 over UDP shows the pathological packet and the next, then exits', async () => {
    const tail = await startTail(['--port', '0', '--format', 'json', '--mapping', mapping, '--count', '2'])
    try {
      await sendUdp(tail.port, `${PATHOLOGICAL}:1|c`)
      await sendUdp(tail.port, 'web.home:1|c')
      const result = await exitWithin(tail, DEADLINE_MS)
      expect(result.code, result.stderr).toBe(0)
      const records = result.stdout.trim().split('\n').map(line => JSON.parse(line) as {name: string; prometheus: {status: string; name?: string}})
      expect(records.map(record => [record.name, record.prometheus.status, record.prometheus.name])).toEqual([
        [PATHOLOGICAL, 'unmapped', `${'a'.repeat(37)}_`],
        ['web.home', 'mapped', 'web_hits_total'],
      ])
    } finally {
      await tail.stop('SIGKILL')
    }
  })

  it('tail --expose keeps answering /metrics after the pathological packet, and stops on Ctrl-C', async () => {
    const tail = await startTail(['--port', '0', '--quiet', '--mapping', mapping, '--expose', '0'])
    try {
      const [, url] = await tail.waitForStderr(/serving (\S+)/)
      await sendUdp(tail.port, `${PATHOLOGICAL}:1|c`)
      await sendUdp(tail.port, `${LONG_NAME}:1|c`)
      await sendUdp(tail.port, 'web.home:1|c')
      let text = ''
      for (const until = Date.now() + 10_000; !text.includes('web_hits_total{page="home"} 1') && Date.now() < until;) {
        const response = await fetch(url, {signal: AbortSignal.timeout(5000)})
        expect(response.status).toBe(200)
        text = await response.text()
      }
      expect(text).toContain('web_hits_total{page="home"} 1')
      expect(text).toMatch(/^statsd_exporter_events_unmapped_total 2$/m)
      tail.kill('SIGINT')
      expect((await exitWithin(tail, 5000)).code).toBe(0)
    } finally {
      await tail.stop('SIGKILL')
    }
  })
})

describe('tail --filter against a pathological name', () => {
  it('shows the lines that match and finishes', async () => {
    const input = `${'a'.repeat(5000)}:1|c\naaab:1|c\n`
    const result = await runCli(['tail', '--input', '-', '--format', 'raw', '--filter', '*a*a*a*a*a*a*b'], {input, timeoutMs: DEADLINE_MS})
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toBe('')
    const matching = await runCli(['tail', '--input', '-', '--format', 'raw', '--filter', '*a*b'], {input, timeoutMs: DEADLINE_MS})
    expect(matching.stdout).toBe('aaab:1|c\n')
  })
})
