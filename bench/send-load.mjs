// Load: `metrics send incr foo --count 1000000` to a local UDP listener in another
// process; lines per second sent (from the command's own --json report) and the
// fraction of lines the listener received.
import {spawn, spawnSync} from 'node:child_process'
import {fileURLToPath} from 'node:url'

const cli = fileURLToPath(new URL('../bin/run.js', import.meta.url))
const count = Number(process.env.BENCH_COUNT ?? 1_000_000)

// The listener counts lines (newlines + 1 per datagram) and reports when asked.
const listenerCode = `
const s = require('node:dgram').createSocket({type: 'udp4', recvBufferSize: 32 << 20})
let lines = 0
s.on('message', m => { lines++; for (let i = m.indexOf(10); i !== -1; i = m.indexOf(10, i + 1)) lines++ })
s.bind(0, '127.0.0.1', () => process.stdout.write(s.address().port + '\\n'))
process.stdin.on('data', () => { process.stdout.write(lines + '\\n'); process.exit(0) })
`
for (let round = 1; round <= 3; round++) {
  const listener = spawn(process.execPath, ['-e', listenerCode], {stdio: ['pipe', 'pipe', 'inherit']})
  const port = await new Promise(resolve => listener.stdout.once('data', d => resolve(String(d).trim())))
  const result = spawnSync(process.execPath, [cli, 'send', 'incr', 'foo', '--count', String(count), '-p', port, '--json'], {encoding: 'utf8'})
  if (result.status !== 0) throw new Error(result.stderr)
  const report = JSON.parse(result.stdout)
  await new Promise(resolve => setTimeout(resolve, 300))
  listener.stdin.write('report\n')
  const received = Number(await new Promise(resolve => listener.stdout.once('data', d => resolve(String(d).trim()))))
  console.log(`round ${round}: sent ${report.lines} lines in ${report.payloads} datagrams, ${report.seconds.toFixed(3)} s = ${report.linesPerSecond.toLocaleString('en-US')} lines/s; received ${received} (${((100 * received) / report.lines).toFixed(2)}%)  (goal >= 500,000 lines/s)`)
}
