// Line parsing for `metrics tail`: lines per second through StatsdParser.parsePacket for a
// realistic mix of formats, packed into 1432-byte datagrams as statsd clients send them;
// then the same with each record turned into the JSON line `tail --format json` prints.
// Needs `npm run build` first (imports dist/). Upstream statsd_exporter parses about
// 1.3M lines/s (LineToEventsMixed1, Go, 2 vCPUs).
// Two figures per run: by wall time, and by the process's CPU time, which does not count
// the time a shared machine gives to other processes.
import {StatsdParser} from '../dist/statsd/parse.js'
import {toJsonRecord} from '../dist/statsd/json-record.js'
import {median} from './_stats.mjs'

const DATAGRAM_BYTES = 1432
const LINES = 200_000
const ROUNDS = 15
/** Rounds run first and not counted: the JIT settles over the first few hundred thousand lines. */
const WARMUP_ROUNDS = 3
const GOAL = 3_000_000

// Share of each kind of line, in percent, and how to write the i-th one.
const MIX = [
  [28, i => `app.web.requests.count.${i % 50}:1|c`],
  [14, i => `app.db.query.duration:${(i % 997) / 10}|ms|@0.1`],
  [20, i => `http.request.duration:${i % 500}|ms|#env:prod,service:checkout,method:GET,status:${200 + (i % 5)}`],
  [5, i => `http.response.size:${i * 7 % 9000}|h|#env:prod|c:3a88c225dbeb${i % 10}`],
  [4, i => `queue.depth.${i % 20}:${i % 2 ? '+' : '-'}${i % 9}|g`],
  [4, i => `memory.used:${1_048_576 + i}|g`],
  [7, i => `cpu.load,host=web-${i % 30},dc=eu-west:${(i % 100) / 100}|g`],
  [4, i => `disk.free#mount=/data,host=db-${i % 8}:7.5e9|g`],
  [4, i => `jvm.[host=api-${i % 12},pool=heap]used:${512 + (i % 64)}|g`],
  [3, i => `users.unique:u${i % 5000}|s`],
  [3, i => `render.time:${i % 40}:${i % 17}:9:30|ms|#route:/home`],
  [2, i => `batch.items:${i % 300}|ms:${i % 200}|ms`],
  [1, i => (i % 2 ? `broken line ${i}` : `bad.value:1o|c`)],
  [1, i => `sampled.hits:${i % 10}|c|@0.25|#region:us-${i % 3}`],
]

function makeLines() {
  const makers = MIX.flatMap(([share, make]) => Array(share).fill(make))
  const lines = []
  for (let i = 0; i < LINES; i++) lines.push(makers[(i * 7919) % makers.length](i))
  return lines
}

function packDatagrams(lines) {
  const datagrams = []
  let current = []
  let bytes = 0
  for (const line of lines) {
    const size = Buffer.byteLength(line) + 1
    if (bytes + size > DATAGRAM_BYTES && current.length > 0) {
      datagrams.push(Buffer.from(current.join('\n')))
      current = []
      bytes = 0
    }
    current.push(line)
    bytes += size
  }
  if (current.length > 0) datagrams.push(Buffer.from(current.join('\n')))
  return datagrams
}

/** Median lines per second over ROUNDS rounds, by wall time and by CPU time. */
function linesPerSecond(datagrams, handle) {
  const wall = []
  const cpu = []
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    const parser = new StatsdParser()
    let lines = 0
    const started = process.hrtime.bigint()
    const cpuStarted = process.cpuUsage()
    for (const datagram of datagrams) lines += handle(parser, datagram, lines + 1)
    const {user, system} = process.cpuUsage(cpuStarted)
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    if (round < WARMUP_ROUNDS) continue
    wall.push(lines / seconds)
    cpu.push(lines / ((user + system) / 1e6))
  }
  return {wall: median(wall), cpu: median(cpu)}
}

const datagrams = packDatagrams(makeLines())
const parseOnly = linesPerSecond(datagrams, (parser, datagram, lineNo) => parser.parsePacket(datagram, lineNo).lines)
let sink = 0
const withJson = linesPerSecond(datagrams, (parser, datagram, lineNo) => {
  const {records, lines} = parser.parsePacket(datagram, lineNo)
  for (const record of records) sink += JSON.stringify(toJsonRecord(record)).length
  return lines
})
const format = n => Math.round(n).toLocaleString('en-US').padStart(9)
const rates = ({wall, cpu}) => `${format(wall)} lines/s wall, ${format(cpu)} lines/s CPU`
console.log(`${LINES.toLocaleString('en-US')} lines of ${MIX.length} kinds in ${datagrams.length} datagrams of <= ${DATAGRAM_BYTES} bytes, median of ${ROUNDS} rounds`)
console.log(`parse:         ${rates(parseOnly)}  (goal >= ${format(GOAL).trim()})`)
console.log(`parse + JSON:  ${rates(withJson)}  (${Math.round(sink / (WARMUP_ROUNDS + ROUNDS) / 1e6)} MB of JSON per round)`)
