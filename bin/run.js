#!/usr/bin/env node
// `metrics send` takes a fast path that does not load oclif (see src/cli/fast-send.ts);
// everything else, and anything the fast path declines, goes through oclif.
const argv = process.argv.slice(2)
if (argv[0] === 'send') {
  const {runSendFast} = await import('../dist/cli/fast-send.js')
  const exitCode = await runSendFast(argv.slice(1))
  if (exitCode !== false) {
    process.exitCode = exitCode
  } else {
    await runOclif()
  }
} else {
  await runOclif()
}

async function runOclif() {
  const {execute} = await import('@oclif/core')
  await execute({dir: import.meta.url})
}
