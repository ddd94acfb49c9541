/**
 * Every command whose stdout cannot be written (a full disk, `> /dev/full`) says so in one
 * line and exits 1, on the fast paths as through oclif; a reader that goes away (`| head`)
 * is no error. tail, which stops on it, has its own tests (tail-stop.test.ts).
 */
import {spawn} from 'node:child_process'
import {closeSync, mkdtempSync, openSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {CLI} from '../support/run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'metrics-stdout-full-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))
const mapping = join(dir, 'mapping.yml')
writeFileSync(mapping, 'mappings:\n- match: "a.*"\n  name: "a_total"\n  labels:\n    leaf: "$1"\n')

/** Runs the CLI with stdout on `stdout` (a file descriptor, or a pipe read for its first line only); resolves with the exit code and stderr. */
function run(args: readonly string[], stdout: number | 'first-line'): Promise<{code: number | null; stderr: string}> {
  return new Promise(resolve => {
    const child = spawn(process.execPath, [CLI, ...args], {env: {...process.env, NO_COLOR: '1'}, stdio: ['ignore', stdout === 'first-line' ? 'pipe' : stdout, 'pipe']})
    let stderr = ''
    child.stderr?.on('data', chunk => (stderr += chunk))
    child.stdout?.once('data', () => child.stdout?.destroy())
    child.on('close', code => resolve({code, stderr}))
  })
}

const MANY_NAMES = Array.from({length: 5000}, (_, i) => `a.n${i}`)

describe('a stdout that cannot be written', () => {
  it.each([
    ['map (oclif)', ['map', '-c', mapping, 'a.b']],
    ['map --json (oclif)', ['map', '-c', mapping, '--json', 'a.b']],
    ['lint (fast path)', ['lint', mapping, '--format', 'json']],
    ['send --dry-run (fast path)', ['send', 'incr', 'a.b', '--dry-run']],
  ])('%s: one line, exit 1, no stack trace', async (_, args) => {
    const full = openSync('/dev/full', 'w')
    try {
      const {code, stderr} = await run(args, full)
      expect(code, stderr).toBe(1)
      expect(stderr).toBe('Error: cannot write to stdout: no space left on the device\n')
    } finally {
      closeSync(full)
    }
  })

  it('map | head -1: a reader that went away is no error', async () => {
    const {code, stderr} = await run(['map', '-c', mapping, ...MANY_NAMES], 'first-line')
    expect(code, stderr).toBe(0)
    expect(stderr).toBe('')
  })
})
