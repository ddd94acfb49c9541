#!/usr/bin/env node
// The cron and one-shot commands take a fast path that does not load oclif (see
// src/cli/fast.ts); everything else, and anything a fast path declines, goes to oclif.
const FAST = {send: '../dist/cli/fast-send.js', queues: '../dist/cli/fast-queues.js', tables: '../dist/cli/fast-tables.js', lint: '../dist/cli/fast-lint.js'}

const [id, ...rest] = process.argv.slice(2)
const exitCode = Object.hasOwn(FAST, id) ? await (await import(FAST[id])).run(rest) : false
if (exitCode === false) {
  const {execute} = await import('@oclif/core')
  await execute({dir: import.meta.url})
} else {
  process.exitCode = exitCode
}
