#!/usr/bin/env node
// The cron and one-shot commands take a fast path that does not load oclif (see
// src/cli/fast.ts); everything else, and anything a fast path declines, goes to oclif.
// They are CommonJS bundles (scripts/build-fast-paths.mjs), so they are required, not imported.
import {createRequire} from 'node:module'

const FAST = {send: '../dist/cli/fast-send.cjs', queues: '../dist/cli/fast-queues.cjs', tables: '../dist/cli/fast-tables.cjs', lint: '../dist/cli/fast-lint.cjs'}

const [id, ...rest] = process.argv.slice(2)
const exitCode = Object.hasOwn(FAST, id) ? await createRequire(import.meta.url)(FAST[id]).run(rest) : false
if (exitCode === false) {
  const {execute} = await import('@oclif/core')
  await execute({dir: import.meta.url})
} else {
  process.exitCode = exitCode
}
