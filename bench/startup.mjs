// Start-up: median wall time of `metrics send incr foo` against bare `node -e 0`,
// alternating the two so that machine drift hits both alike.
import {fileURLToPath} from 'node:url'
import {median, wallMs} from './_stats.mjs'

const cli = fileURLToPath(new URL('../bin/run.js', import.meta.url))
const runs = Number(process.env.BENCH_RUNS ?? 30)
const node = []
const send = []
const help = []
for (let i = 0; i < 3; i++) wallMs(process.execPath, [cli, 'send', 'incr', 'foo', '-q'])
for (let i = 0; i < runs; i++) {
  node.push(wallMs(process.execPath, ['-e', '0']))
  send.push(wallMs(process.execPath, [cli, 'send', 'incr', 'foo', '-q']))
  if (i < 10) help.push(wallMs(process.execPath, [cli, '--version']))
}
const ratio = median(send) / median(node)
console.log(`node -e 0                 median ${median(node).toFixed(1)} ms  (${runs} runs)`)
console.log(`metrics send incr foo     median ${median(send).toFixed(1)} ms  (${runs} runs)`)
console.log(`metrics --version (oclif) median ${median(help).toFixed(1)} ms  (10 runs)`)
console.log(`ratio send / node: ${ratio.toFixed(2)}x  (goal <= 1.5x)`)
