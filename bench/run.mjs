#!/usr/bin/env node
// Runs the benchmarks: every bench/*.mjs but this one, or those named on the command line
// (`npm run bench -- startup send-load`). Each prints its own figures.
import {spawnSync} from 'node:child_process'
import {readdirSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const wanted = process.argv.slice(2)
const all = readdirSync(here).filter(f => f.endsWith('.mjs') && f !== 'run.mjs' && !f.startsWith('_')).map(f => f.slice(0, -4)).sort()
const chosen = wanted.length ? wanted : all
let failed = 0
for (const name of chosen) {
  if (!all.includes(name)) {
    console.error(`bench: no bench/${name}.mjs (have: ${all.join(', ')})`)
    process.exitCode = 2
    continue
  }
  console.log(`\n## ${name}`)
  const result = spawnSync(process.execPath, [join(here, `${name}.mjs`)], {stdio: 'inherit'})
  if (result.status !== 0) failed++
}
if (failed) process.exitCode = 1
