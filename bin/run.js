#!/usr/bin/env node
// The cron and one-shot commands take a fast path that does not load oclif (see
// src/cli/fast.ts); everything else, and anything a fast path declines, goes to oclif.
// The fast paths are CommonJS bundles (scripts/build-fast-paths.mjs), and this file is
// CommonJS too (bin/package.json): a cron run then never starts Node's ES module
// loader, which costs it several milliseconds before any of its own work.
'use strict'

const path = require('node:path')

const FAST = {send: '../dist/cli/fast-send.cjs', queues: '../dist/cli/fast-queues.cjs', tables: '../dist/cli/fast-tables.cjs', lint: '../dist/cli/fast-lint.cjs', catalog: '../dist/cli/fast-catalog.cjs'}

async function main() {
  const [id, ...rest] = process.argv.slice(2)
  const exitCode = Object.hasOwn(FAST, id) ? await require(FAST[id]).run(rest) : false
  if (exitCode === false) {
    const {execute} = await import('@oclif/core')
    // The project's root, not bin/, whose package.json only makes this file CommonJS.
    await execute({dir: path.join(__dirname, '..')})
  } else {
    process.exitCode = exitCode
  }
}

main()
