// `metrics tables` over 100 tables of 1,000,000 rows each, with an index on the time
// column: median wall time of the whole command (goal < 1 s, which only holds when
// max() is answered from the index). The data is made once, on the server, in a
// bench database per server (metrics_bench_tables), and kept for later runs.
//
// BENCH_TABLES, BENCH_ROWS and BENCH_RUNS change the sizes; BENCH_SERVERS=mysql or
// postgres picks one server; METRICS_CLI points at another build of the CLI.
import {spawnSync} from 'node:child_process'
import dgram from 'node:dgram'
import {cpus, loadavg} from 'node:os'
import {fileURLToPath} from 'node:url'
import mysql from 'mysql2/promise'
import pg from 'pg'
import {median, wallMs} from './_stats.mjs'

const TABLES = Number(process.env.BENCH_TABLES ?? 100)
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 7)
const SERVERS = (process.env.BENCH_SERVERS ?? 'mysql,postgres').split(',')
const DATABASE = 'metrics_bench_tables'
const cli = process.env.METRICS_CLI ?? fileURLToPath(new URL('../bin/run.js', import.meta.url))
const tableName = i => `t${String(i).padStart(3, '0')}`

/** Each server's way to make one table: rows from a server-side sequence, then the index, built by sorting. */
const servers = {
  mysql: {
    url: `mysql://root@127.0.0.1:3306/${DATABASE}`,
    async connect() {
      const admin = await mysql.createConnection({host: '127.0.0.1', port: 3306, user: 'root'})
      await admin.query(`CREATE DATABASE IF NOT EXISTS ${DATABASE}`)
      await admin.query(`USE ${DATABASE}`)
      await admin.query("SET SESSION time_zone = '+00:00', unique_checks = 0")
      return {query: async sql => (await admin.query(sql))[0], end: () => admin.end()}
    },
    meta: 'CREATE TABLE IF NOT EXISTS bench_meta (name VARCHAR(64) PRIMARY KEY, row_count BIGINT NOT NULL)',
    made: name => `SELECT row_count FROM bench_meta WHERE name = '${name}'`,
    make: (name, offset) => [
      `DROP TABLE IF EXISTS ${name}`,
      `CREATE TABLE ${name} (id INT UNSIGNED NOT NULL PRIMARY KEY, created DATETIME NOT NULL)`,
      `INSERT INTO ${name} SELECT seq, UTC_TIMESTAMP() - INTERVAL (${ROWS} - seq + ${offset}) SECOND FROM seq_1_to_${ROWS}`,
      `ALTER TABLE ${name} ADD INDEX (created)`,
      `REPLACE INTO bench_meta VALUES ('${name}', ${ROWS})`,
    ],
    explain: name => `EXPLAIN SELECT max(created) FROM ${name}`,
  },
  postgres: {
    url: `postgres://postgres@127.0.0.1:5432/${DATABASE}`,
    async connect() {
      const root = new pg.Client({host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres'})
      await root.connect()
      const exists = await root.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE])
      if (exists.rowCount === 0) await root.query(`CREATE DATABASE ${DATABASE}`)
      await root.end()
      const admin = new pg.Client({host: '127.0.0.1', port: 5432, user: 'postgres', database: DATABASE})
      await admin.connect()
      await admin.query("SET synchronous_commit = off; SET TIME ZONE 'UTC'; SET maintenance_work_mem = '256MB'")
      return {query: async sql => (await admin.query(sql)).rows, end: () => admin.end()}
    },
    meta: 'CREATE TABLE IF NOT EXISTS bench_meta (name text PRIMARY KEY, row_count bigint NOT NULL)',
    made: name => `SELECT row_count FROM bench_meta WHERE name = '${name}'`,
    make: (name, offset) => [
      `DROP TABLE IF EXISTS ${name}`,
      `CREATE TABLE ${name} (id integer NOT NULL PRIMARY KEY, created timestamp NOT NULL)`,
      `INSERT INTO ${name} SELECT i, (now() at time zone 'UTC') - make_interval(secs => ${ROWS} - i + ${offset}) FROM generate_series(1, ${ROWS}) AS i`,
      `CREATE INDEX ON ${name} (created)`,
      `VACUUM ANALYZE ${name}`,
      `INSERT INTO bench_meta VALUES ('${name}', ${ROWS}) ON CONFLICT (name) DO UPDATE SET row_count = EXCLUDED.row_count`,
    ],
    explain: name => `EXPLAIN SELECT max(created) FROM ${name}`,
  },
}

async function ensureData(server) {
  const db = await server.connect()
  try {
    await db.query(server.meta)
    let made = 0
    const started = Date.now()
    for (let i = 0; i < TABLES; i++) {
      const name = tableName(i)
      const [row] = await db.query(server.made(name))
      if (row && Number(row.row_count) === ROWS) continue
      for (const sql of server.make(name, i * 60)) await db.query(sql)
      made++
      process.stderr.write(`\r  made ${name} (${made} tables, ${((Date.now() - started) / 1000).toFixed(0)} s)`)
    }
    if (made > 0) process.stderr.write('\n')
    const plan = await db.query(server.explain(tableName(0)))
    // The SQL part alone, over an open connection: what the index makes of 100 x max().
    const sql = []
    for (let run = 0; run < 3; run++) {
      const started = performance.now()
      for (let i = 0; i < TABLES; i++) await db.query(`SELECT max(created) FROM ${tableName(i)}`)
      sql.push(performance.now() - started)
    }
    return {plan: plan.map(row => Object.values(row).filter(value => value !== null).join(' ')).join(' / '), sqlMs: median(sql)}
  } finally {
    await db.end()
  }
}

/** Runs the CLI once against a real UDP listener and checks that every gauge arrived. */
async function timedRun(args) {
  const socket = dgram.createSocket('udp4')
  let lines = 0
  socket.on('message', message => (lines += String(message).split('\n').length))
  await new Promise(resolve => socket.bind(0, '127.0.0.1', resolve))
  const started = process.hrtime.bigint()
  const result = spawnSync(process.execPath, [cli, 'tables', ...args, '--port', String(socket.address().port)], {encoding: 'utf8'})
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  await new Promise(resolve => setTimeout(resolve, 100))
  socket.close()
  if (result.status !== 0) throw new Error(`metrics tables exited ${result.status}: ${result.stderr}`)
  if (lines !== TABLES) throw new Error(`expected ${TABLES} gauges, got ${lines}`)
  return ms
}

for (const name of SERVERS) {
  const server = servers[name]
  console.log(`${name}: ${TABLES} tables x ${ROWS.toLocaleString('en')} rows, index on created`)
  const {plan, sqlMs} = await ensureData(server)
  console.log(`  EXPLAIN SELECT max(created): ${plan}`)
  console.log(`  ${TABLES} x SELECT max(created) on one open connection: median ${sqlMs.toFixed(0)} ms`)
  const args = ['--db', server.url, ...Array.from({length: TABLES}, (_, i) => ['--table', tableName(i)]).flat()]
  await timedRun(args)
  const times = []
  for (let i = 0; i < RUNS; i++) times.push(await timedRun(args))
  console.log(`  metrics tables (${TABLES} gauges to statsd): median ${median(times).toFixed(0)} ms, min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)} (${RUNS} runs; goal < 1000 ms)`)
  // Wall times on a shared machine move with its load; say what it was.
  console.log(`  load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs`)
}
const startup = Array.from({length: 5}, () => wallMs(process.execPath, [cli, '--version']))
console.log(`metrics --version (start-up alone, for comparison): median ${median(startup).toFixed(0)} ms`)
