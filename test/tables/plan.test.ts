import {describe, expect, it} from 'vitest'
import {fileURLToPath} from 'node:url'
import {readConfigFile, type ConfigFile} from '../../src/config/file.js'
import {resolveSinks} from '../../src/config/sinks.js'
import {UsageError} from '../../src/errors.js'
import {TABLES_JOB, type TablesFlags} from '../../src/tables/flags.js'
import {DEFAULT_TIMEOUT_MS, planTables} from '../../src/tables/plan.js'
import {redact} from '../../src/text/redact.js'

const noConfig: ConfigFile = {document: {}}
const config = (tables: unknown): ConfigFile => ({path: 'metrics.config.yaml', document: {tables}})

/** The plan's groups as `name=table:column,…` per database, easy to compare. */
function shape(flags: TablesFlags, env: NodeJS.ProcessEnv = {}, file: ConfigFile = noConfig): string[] {
  return planTables(flags, env, file).databases.map(db => `${db.target.label} [${db.timeZone.name}] ` + db.groups.map(g => `${g.name}=${g.tables.map(t => `${t.ref.schema ? t.ref.schema + '.' : ''}${t.ref.table}:${t.column}`).join('+')}`).join(' '))
}

describe('planTables from flags', () => {
  it('makes one gauge per --table, named after the table, column created by default', () => {
    expect(shape({db: 'mysql://root@db/x', table: ['a', 'b:modified', 'loc.c-d']})).toEqual(['mysql://root@db/x [UTC] a=a:created b=b:modified loc_c_d=loc.c-d:created'])
  })

  it('makes one gauge of every --table with --as', () => {
    expect(shape({db: 'mysql://root@db/x', table: ['cell_gsm_ocid', 'cell_wcdma_ocid', 'cell_lte_ocid'], as: 'cell_ocid_age'})).toEqual([
      'mysql://root@db/x [UTC] cell_ocid_age=cell_gsm_ocid:created+cell_wcdma_ocid:created+cell_lte_ocid:created',
    ])
  })

  it('takes the URL from --db, then DATABASE_URL, then the config file', () => {
    const file = config({url: 'postgres://file/x'})
    expect(shape({db: 'postgres://flag/x', table: ['t']}, {DATABASE_URL: 'postgres://env/x'}, file)[0]).toMatch(/^postgres:\/\/flag\/x/)
    expect(shape({table: ['t']}, {DATABASE_URL: 'postgres://env/x'}, file)[0]).toMatch(/^postgres:\/\/env\/x/)
    expect(shape({table: ['t']}, {}, file)[0]).toMatch(/^postgres:\/\/file\/x/)
    expect(shape({table: ['t']}, {DB_URL: 'postgres://named/x'}, config({url_env: 'DB_URL'}))[0]).toMatch(/^postgres:\/\/named\/x/)
  })

  it('takes the time zone from --timezone over the config file', () => {
    expect(shape({db: 'mysql://db/x', table: ['t'], timezone: 'Europe/Berlin'}, {}, config({timezone: '+05:30'}))[0]).toContain('[Europe/Berlin]')
    expect(shape({db: 'mysql://db/x', table: ['t']}, {}, config({timezone: '+05:30'}))[0]).toContain('[+05:30]')
  })

  it('reads durations, with the timeout 10s by default', () => {
    expect(planTables({db: 'mysql://db/x', table: ['t']}, {}, noConfig)).toMatchObject({timeoutMs: DEFAULT_TIMEOUT_MS})
    expect(planTables({db: 'mysql://db/x', table: ['t'], timeout: '2s', interval: '1m', count: '3'}, {}, noConfig)).toMatchObject({timeoutMs: 2000, intervalMs: 60_000, count: 3})
  })
})

describe('planTables and secrets outside the URL', () => {
  it("remembers PGPASSWORD, which pg reads itself, so that no message shows it", () => {
    planTables({db: 'postgres://metrics@db/x', table: ['t']}, {PGPASSWORD: 'pg-env-secret'}, noConfig)
    expect(redact('connection to db failed for pg-env-secret')).toBe('connection to db failed for ***')
  })
})

describe('planTables from the config file', () => {
  it('reads groups for one database, as strings or mappings', () => {
    const file = config({
      url: 'mysql://root@db/location',
      groups: ['api_key:modified', {name: 'cell_ocid_age', tables: ['cell_gsm_ocid', 'cell_wcdma_ocid', 'cell_lte_ocid:imported'], column: 'created'}, {table: 'blue_shard_0'}],
    })
    expect(shape({}, {}, file)).toEqual(['mysql://root@db/location [UTC] api_key=api_key:modified cell_ocid_age=cell_gsm_ocid:created+cell_wcdma_ocid:created+cell_lte_ocid:imported blue_shard_0=blue_shard_0:created'])
  })

  it('reads several databases, each with its URL, zone and TLS', () => {
    const file = config({
      timezone: 'UTC',
      tls: {mode: 'require'},
      databases: [
        {url: 'mysql://root@one/a', groups: ['t1'], timezone: 'Europe/Berlin'},
        {url_env: 'ETL_URL', groups: [{name: 'loads', tables: ['l1', 'l2']}], tls: {mode: 'verify-full', ca: '/ca.pem'}},
      ],
    })
    const plan = planTables({}, {ETL_URL: 'postgres://etl:pw@two/b'}, file)
    expect(shape({}, {ETL_URL: 'postgres://etl:pw@two/b'}, file)).toEqual(['mysql://root@one/a [Europe/Berlin] t1=t1:created', 'postgres://etl:***@two/b [UTC] loads=l1:created+l2:created'])
    expect(plan.databases.map(db => db.target.tls)).toMatchObject([{mode: 'require'}, {mode: 'verify-full', ca: '/ca.pem'}])
  })

  it('lets --db stand in for the one database of the config file', () => {
    expect(shape({db: 'mysql://flag/x'}, {}, config({url: 'mysql://file/x', groups: ['t']}))[0]).toMatch(/^mysql:\/\/flag\/x/)
  })

  it('uses --db or DATABASE_URL for listed databases without their own URL', () => {
    expect(shape({}, {DATABASE_URL: 'mysql://env/x'}, config({databases: [{groups: ['t']}, {url: 'mysql://own/y', groups: ['u']}]}))).toEqual([
      'mysql://env/x [UTC] t=t:created',
      'mysql://own/y [UTC] u=u:created',
    ])
  })
})

describe('planTables refuses', () => {
  it.each([
    [{}, noConfig, 'nothing to read'],
    [{table: ['t']}, noConfig, 'no database to read'],
    [{db: 'mysql://db/x', as: 'x'}, noConfig, '--as names the gauge of the --table tables'],
    [{db: 'mysql://db/x', table: ['t'], as: 'bad-name'}, noConfig, '--as: "bad-name" is not a valid gauge name'],
    [{db: 'mysql://db/x', table: ['t:bad col']}, noConfig, '--table: "bad col" is not a valid column name'],
    [{db: 'mysql://db/x', table: ['a', 'a']}, noConfig, 'two gauges are named a'],
    [{db: 'mysql://db/x', table: ['t'], count: '3'}, noConfig, '--count applies only with --interval'],
    [{db: 'mysql://db/x', table: ['t'], timeout: 'soon'}, noConfig, '--timeout: expected a duration'],
    [{db: 'mysql://db/x', table: ['t'], tls: 'prefer'}, noConfig, '--tls: expected one of'],
    [{}, config({groups: ['t'], databases: []}), 'not both'],
    [{}, config({url: 'mysql://db/x', groups: [{tables: ['a', 'b']}]}), 'tables.groups[0]: a group of several tables needs a name'],
    [{}, config({url: 'mysql://db/x', groups: [{table: 'a', tables: ['b']}]}), 'give table or tables'],
    [{}, config({url: 'mysql://db/x', groups: [{name: 'x', tables: 'a'}]}), 'tables.groups[0].tables must be a non-empty list'],
    [{}, config({url: 'mysql://db/x', groups: 'a'}), 'tables.groups must be a list'],
    [{}, config({databases: [{groups: ['a']}]}), 'tables.databases[0]: no database URL'],
    [{}, config({databases: [{url_env: 'NOPE', groups: ['a']}]}), 'environment variable NOPE is not set'],
    [{db: 'mysql://db/x'}, config({databases: [{url: 'mysql://a/x', groups: ['a']}, {url: 'mysql://b/x', groups: ['b']}]}), '--db is ambiguous'],
    [{}, config({databases: [{url: 'mysql://a/x', groups: ['a']}, {url: 'mysql://b/x', groups: ['a']}]}), 'two gauges are named a (mysql://a/x and mysql://b/x)'],
  ] as Array<[TablesFlags, ConfigFile, string]>)('%j with %j: %s', (flags, file, message) => {
    expect(() => planTables(flags, {}, file)).toThrow(UsageError)
    expect(() => planTables(flags, {}, file)).toThrow(message)
  })
})

describe('the example configs', () => {
  const env = {LOCATION_DATABASE_URL: 'mysql://location:pw@db/location', WAREHOUSE_DATABASE_URL: 'postgres://metrics@warehouse/dw', SHOP_DATABASE_URL: 'mariadb://metrics:pw@shop/shop'}

  it.each([
    ['ichnaea.yaml', ['mysql://location:***@db/location [UTC] cell_ocid_age=cell_gsm_ocid:created+cell_wcdma_ocid:created+cell_lte_ocid:created']],
    ['etl.yaml', [
      'postgres://metrics@warehouse/dw [UTC] orders=orders:loaded_at events=events_2026_q1:received_at+events_2026_q2:received_at fx_rates=reporting.fx_rates:rate_date',
      'mariadb://metrics:***@shop/shop [Europe/Berlin] shop_orders=orders:created_at',
    ]],
  ])('examples/tables/%s plans as documented', (name, expected) => {
    const file = readConfigFile(fileURLToPath(new URL(`../../examples/tables/${name}`, import.meta.url)))
    expect(shape({}, env, file)).toEqual(expected)
    expect(() => resolveSinks({}, env, file, file.document.tables as Record<string, unknown>, 'tables', {defaultJob: TABLES_JOB, method: 'post', pushTimeoutMs: 10_000})).not.toThrow()
  })
})
