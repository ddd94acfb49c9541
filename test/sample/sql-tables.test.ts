import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {sampleTables, tableAgeSamples, tableTimestampObservations, type DatabasePlan, type TableGroup, type TablesRound} from '../../src/sample/sql-tables.js'
import {parseTableRef} from '../../src/sql/identifiers.js'
import {openSession} from '../../src/sql/open.js'
import {UTC, parseTimeZone, type TimeZone} from '../../src/sql/time.js'
import {parseDatabaseUrl} from '../../src/sql/url.js'
import {deadTcpPort} from '../support/listeners.js'
import {scratchMysql, scratchPostgres, type ScratchDatabase} from '../tables/databases.js'

/**
 * The sampler against the real MariaDB and PostgreSQL of this machine: every column
 * type, shard groups, empty tables, future rows, naive times written under a
 * non-UTC session zone, and each way a table or a database can fail.
 */
interface Dialect {
  readonly name: string
  readonly scratch: () => Promise<ScratchDatabase>
  readonly types: {readonly naive: string; readonly aware: string; readonly date: string; readonly integer: string}
  /** Make the administrator's session write in UTC, or in India's +05:30. */
  readonly utcSession: string
  readonly indiaSession: string
  /** Makes sessions that do not choose a zone start in a non-UTC zone, where the server can do that per database. */
  readonly defaultZone?: (database: string) => string
  readonly now: string
  /** A view whose max() takes seconds. */
  readonly slowView: string
}

const dialects: Dialect[] = [
  {
    name: 'MariaDB',
    scratch: scratchMysql,
    types: {naive: 'DATETIME(6)', aware: 'TIMESTAMP(3) NULL', date: 'DATE', integer: 'INT'},
    utcSession: "SET time_zone = '+00:00'",
    indiaSession: "SET time_zone = '+05:30'",
    now: 'NOW(6)',
    slowView: 'CREATE VIEW slow AS SELECT NOW() AS created FROM (SELECT SLEEP(3) AS s) AS x',
  },
  {
    name: 'PostgreSQL',
    scratch: scratchPostgres,
    types: {naive: 'timestamp(6)', aware: 'timestamptz', date: 'date', integer: 'integer'},
    // A bare '+05:30' would be a POSIX zone spec here, with the sign turned.
    utcSession: "SET TIME ZONE 'UTC'",
    indiaSession: "SET TIME ZONE 'Asia/Kolkata'",
    defaultZone: database => `ALTER DATABASE "${database}" SET timezone TO 'America/Los_Angeles'`,
    now: 'now()',
    slowView: 'CREATE VIEW slow AS SELECT now() AS created FROM pg_sleep(3)',
  },
]

const NOW = Date.UTC(2026, 0, 2, 4, 4, 5, 678)
const HOUR = 3_600_000

function group(name: string, ...tables: string[]): TableGroup {
  return {name, tables: tables.map(text => {
    const [table, column = 'created'] = text.split(':')
    return {ref: parseTableRef(table, 'test'), column}
  })}
}

describe.each(dialects)('sampleTables on $name', dialect => {
  let db: ScratchDatabase

  const plan = (groups: TableGroup[], timeZone: TimeZone = UTC, url = db.url): DatabasePlan => ({target: parseDatabaseUrl(url, 'test'), timeZone, groups})
  const sample = (plans: DatabasePlan[], options: {timeoutMs?: number; now?: number} = {}): Promise<TablesRound> =>
    sampleTables(plans, {open: openSession, timeoutMs: options.timeoutMs ?? 5000, now: () => options.now ?? NOW})

  beforeAll(async () => {
    db = await dialect.scratch()
    await db.exec(dialect.utcSession)
    if (dialect.defaultZone) await db.exec(dialect.defaultZone(db.name))
    const {naive, aware, date, integer} = dialect.types
    await db.exec(`CREATE TABLE naive_t (created ${naive})`)
    await db.exec(`CREATE TABLE aware_t (created ${aware})`)
    await db.exec(`CREATE TABLE date_t (created ${date})`)
    await db.exec(`CREATE TABLE int_t (created ${integer})`)
    await db.exec(`CREATE TABLE empty_t (created ${naive})`)
    await db.exec(`CREATE TABLE nulls_t (created ${naive})`)
    await db.exec(`INSERT INTO naive_t VALUES ('2026-01-02 03:04:05.123456'), ('2025-12-31 23:00:00')`)
    await db.exec(`INSERT INTO aware_t VALUES ('2026-01-02 02:04:05.678'), ('2020-01-01 00:00:00')`)
    await db.exec(`INSERT INTO date_t VALUES ('2026-01-01'), ('2025-06-30')`)
    await db.exec('INSERT INTO int_t VALUES (1)')
    await db.exec('INSERT INTO nulls_t VALUES (NULL)')
    for (const [shard, newest] of [['gsm', '2026-01-01 00:00:00'], ['wcdma', '2026-01-02 00:00:00'], ['lte', '2025-12-01 00:00:00']]) {
      await db.exec(`CREATE TABLE cell_${shard}_ocid (id ${integer}, created ${naive})`)
      await db.exec(`INSERT INTO cell_${shard}_ocid VALUES (1, '2019-05-05 05:05:05'), (2, '${newest}')`)
    }
    await db.exec(`CREATE TABLE local_naive (created ${naive})`)
    await db.exec(`CREATE TABLE local_aware (created ${aware})`)
    await db.exec(`CREATE TABLE future_t (created ${naive})`)
    await db.exec(`INSERT INTO future_t VALUES ('2026-01-02 07:04:05')`)
    await db.exec(dialect.slowView)
  })

  afterAll(async () => {
    await db?.drop()
  })

  it('reads DATETIME/timestamp, TIMESTAMP/timestamptz and DATE columns as UTC ages in ms', async () => {
    const round = await sample([plan([group('naive', 'naive_t'), group('aware', 'aware_t'), group('day', 'date_t')])])
    expect(round.problems).toEqual([])
    expect(round.readings.map(r => [r.name, r.newestMs, r.ageMs])).toEqual([
      ['naive', Date.UTC(2026, 0, 2, 3, 4, 5, 123), HOUR + 555],
      ['aware', Date.UTC(2026, 0, 2, 2, 4, 5, 678), 2 * HOUR],
      ['day', Date.UTC(2026, 0, 1), NOW - Date.UTC(2026, 0, 1)],
    ])
  })

  it('takes the max over shard tables as one gauge, as monitor_ocid_import did', async () => {
    const round = await sample([plan([group('cell_ocid_age', 'cell_gsm_ocid', 'cell_wcdma_ocid', 'cell_lte_ocid')])])
    expect(round.problems).toEqual([])
    expect(round.readings).toEqual([{
      name: 'cell_ocid_age',
      database: db.url,
      tables: ['cell_gsm_ocid:created', 'cell_wcdma_ocid:created', 'cell_lte_ocid:created'],
      newestMs: Date.UTC(2026, 0, 2),
      ageMs: NOW - Date.UTC(2026, 0, 2),
    }])
    expect(tableAgeSamples(round.readings)).toEqual([{name: 'table', type: 'g', value: NOW - Date.UTC(2026, 0, 2), sampleRate: 1, tags: [{key: 'table', value: 'cell_ocid_age'}], relative: false}])
    expect(tableTimestampObservations(round.readings)[0]).toMatchObject({name: 'cell_ocid_age_last_timestamp_seconds', labels: {}, value: Date.UTC(2026, 0, 2) / 1000})
  })

  it('gives -1 for tables without rows (or without values), and ignores an empty shard', async () => {
    const round = await sample([plan([group('empty', 'empty_t'), group('nulls', 'nulls_t'), group('both', 'empty_t', 'cell_gsm_ocid:created')])])
    expect(round.problems).toEqual([])
    expect(round.readings.map(r => [r.name, r.newestMs, r.ageMs])).toEqual([
      ['empty', null, -1],
      ['nulls', null, -1],
      ['both', Date.UTC(2026, 0, 1), NOW - Date.UTC(2026, 0, 1)],
    ])
    expect(tableTimestampObservations(round.readings).map(o => o.value)).toEqual([0, 0, Date.UTC(2026, 0, 1) / 1000])
  })

  it('reports a newest value in the future instead of a negative age', async () => {
    const round = await sample([plan([group('future', 'future_t')])])
    expect(round.readings).toMatchObject([{name: 'future', ageMs: 0, futureMs: 3 * HOUR - 678}])
    expect(round.problems).toEqual([{
      message: expect.stringMatching(new RegExp(`^${db.url}: table future_t: max\\(created\\) 2026-01-02 07:04:05(\\.0+)? is 2h59m in the future$`)),
      hint: expect.stringContaining('--timezone'),
    }])
  })

  it('places naive values written under a non-UTC session zone with --timezone, and TIMESTAMP values need nothing', async () => {
    await db.exec(dialect.indiaSession)
    await db.exec(`INSERT INTO local_naive VALUES (${dialect.now})`)
    await db.exec(`INSERT INTO local_aware VALUES (${dialect.now})`)
    await db.exec(dialect.utcSession)
    const now = Date.now()
    const groups = [group('naive', 'local_naive'), group('aware', 'local_aware')]

    const asUtc = await sample([plan(groups)], {now})
    expect(asUtc.readings.find(r => r.name === 'aware')?.ageMs).toBeLessThan(5000)
    expect(asUtc.readings.find(r => r.name === 'naive')).toMatchObject({ageMs: 0, futureMs: expect.closeTo(5.5 * HOUR, -4)})
    expect(asUtc.problems).toHaveLength(1)

    for (const zone of ['+05:30', 'Asia/Kolkata']) {
      const inZone = await sample([plan(groups, parseTimeZone(zone, 'test'))], {now})
      expect(inZone.problems).toEqual([])
      for (const reading of inZone.readings) expect(reading.ageMs).toBeLessThan(5000)
    }
  })

  it('names a missing table, a missing column and a non-time column, and still reads the rest', async () => {
    const round = await sample([plan([group('ok', 'naive_t'), group('gone', 'no_such_table'), group('col', 'naive_t:no_such_column'), group('int', 'int_t'), group('shards', 'cell_gsm_ocid', 'no_such_table')])])
    expect(round.readings.map(r => [r.name, r.ageMs, r.partial])).toEqual([
      ['ok', HOUR + 555, undefined],
      ['shards', NOW - Date.UTC(2026, 0, 1), true],
    ])
    expect(round.problems.map(p => p.message)).toEqual([
      `${db.url}: table no_such_table does not exist`,
      `${db.url}: table naive_t has no column no_such_column`,
      expect.stringMatching(new RegExp(`^${db.url}: column created of table int_t is (INT|integer), not `)),
    ])
  })

  it('stops a slow table at --timeout on the server, and goes on with the next table on the same connection', async () => {
    const started = Date.now()
    const round = await sample([plan([group('slow', 'slow'), group('ok', 'naive_t')])], {timeoutMs: 500})
    expect(Date.now() - started).toBeLessThan(1400)
    expect(round.problems).toEqual([{message: `${db.url}: table slow: no answer within 0.5s`, hint: expect.any(String)}])
    expect(round.readings.map(r => r.name)).toEqual(['ok'])
  })

  it('names a dead port, and still reads the other database', async () => {
    const port = await deadTcpPort()
    const dead = db.url.replace(/:\d+\//, `:${port}/`)
    const round = await sample([plan([group('dead', 'naive_t')], UTC, dead), plan([group('alive', 'naive_t')])])
    expect(round.readings.map(r => r.name)).toEqual(['alive'])
    expect(round.problems).toEqual([{message: `${dead}: cannot connect: connection refused`, hint: expect.stringContaining('listening')}])
  })

  it('names a database that does not exist', async () => {
    const missing = db.url.replace(db.name, `${db.name}_missing`)
    const round = await sample([plan([group('x', 'naive_t')], UTC, missing)])
    expect(round.problems).toEqual([{message: `${missing}: database ${db.name}_missing does not exist`, hint: expect.any(String)}])
  })

  it('refuses to write: the session is read-only', async () => {
    // A table name cannot carry SQL (identifiers are validated), so this checks the session setting itself.
    const session = await openSession(parseDatabaseUrl(db.url, 'test'), {timeoutMs: 5000})
    const value = await session.newest(parseTableRef('naive_t', 'test'), 'created')
    expect(value).toEqual({sqlType: expect.any(String), naive: true, text: '2026-01-02 03:04:05.123456'})
    await session.close()
  })
})

describe('sampleTables login failures', () => {
  it('names a wrong MariaDB password, with the password redacted', async () => {
    const db = await scratchMysql()
    try {
      const url = await db.userWithPassword(`${db.name}_u`, 's3cret')
      const wrong = url.replace('s3cret', 'wrong-password')
      const round = await sampleTables([{target: parseDatabaseUrl(wrong, 'test'), timeZone: UTC, groups: [group('x', 't')]}], {open: openSession, timeoutMs: 5000, now: Date.now})
      expect(round.problems).toHaveLength(1)
      expect(round.problems[0].message).toMatch(new RegExp(`^mysql://${db.name}_u:\\*\\*\\*@127\\.0\\.0\\.1:3306/${db.name}: cannot log in: Access denied for user`))
      expect(round.problems[0].message).not.toContain('wrong-password')
      expect(round.problems[0].hint).toBe('check the user name and password')
    } finally {
      await db.drop()
    }
  })

  it('names a PostgreSQL role that does not exist (this server trusts 127.0.0.1, so passwords are not checked)', async () => {
    const db = await scratchPostgres()
    try {
      const url = db.url.replace(/^postgres:\/\/[^@]+@/, 'postgres://no_such_role:pw@')
      const round = await sampleTables([{target: parseDatabaseUrl(url, 'test'), timeZone: UTC, groups: [group('x', 't')]}], {open: openSession, timeoutMs: 5000, now: Date.now})
      expect(round.problems).toEqual([{message: `postgres://no_such_role:***@127.0.0.1:5432/${db.name}: cannot log in: role "no_such_role" does not exist`, hint: expect.any(String)}])
    } finally {
      await db.drop()
    }
  })

  it('says the server does not support TLS when --tls require meets a plain server', async () => {
    for (const url of ['mysql://root@127.0.0.1:3306/', 'postgres://postgres@127.0.0.1:5432/postgres']) {
      const target = parseDatabaseUrl(url, 'test', {}, {mode: 'require'})
      const round = await sampleTables([{target, timeZone: UTC, groups: [group('x', 't')]}], {open: openSession, timeoutMs: 5000, now: Date.now})
      expect(round.problems).toEqual([{message: `${url}: cannot connect: the server does not support TLS`, hint: expect.stringContaining('--tls disable')}])
    }
  })
})
