import {BaseCommand} from '../base-command.js'
import {outputIo} from '../cli/io.js'
import {redactStderr} from '../cli/redact-stderr.js'
import {toOclifFlags} from '../flags/oclif.js'
import {tablesFlags} from '../tables/flags.js'
import type {TablesReport} from '../tables/run.js'

export default class Tables extends BaseCommand {
  static override summary = 'Report how fresh tables are: now − max(created), from MySQL/MariaDB or PostgreSQL.'

  static override description = `Emits gauge "table" tagged table:<name> = the age of the newest row in ms (-1 when there are no rows) to statsd, and <name>_last_timestamp_seconds (Unix time of the newest row, 0 for none) to the Prometheus sinks. Several --table flags with --as NAME report the max over shard tables as one gauge.

DATETIME, DATE and timestamp-without-time-zone values are read in --timezone (UTC by default); TIMESTAMP and timestamptz values carry their zone. A newest value in the future is reported, not turned into a negative age.

Ctrl-C or SIGTERM stops at once, even while a database never answers: a round in progress sends nothing. A loop (--interval) then exits as for any stop; a single run exits 1.

Exit codes: 0 every gauge was read and sent; 1 a database, table or sink failed (the other gauges are still sent), a value is in the future, or a single run was interrupted; 2 bad flags or config.`

  static override examples = [
    '<%= config.bin %> tables --db mysql://metrics:secret@db/location --table cell_gsm_ocid --table cell_wcdma_ocid --table cell_lte_ocid --as cell_ocid_age',
    'DATABASE_URL=postgres://metrics@db/etl <%= config.bin %> tables --table imports:loaded_at --timezone Europe/Berlin',
    '<%= config.bin %> tables --config metrics.config.yaml --pushgateway http://pushgateway:9091',
    '<%= config.bin %> tables --table events --textfile /var/lib/node_exporter/textfile/tables.prom',
    '<%= config.bin %> tables --table events --print --interval 60s',
  ]

  static override flags = toOclifFlags(tablesFlags)

  static override enableJsonFlag = true

  async run(): Promise<TablesReport> {
    redactStderr()
    const {flags} = await this.parse(Tables)
    const [{runTables}, {openSession}] = await Promise.all([import('../tables/run.js'), import('../sql/open.js')])
    return runTables(flags, {
      ...outputIo(this.io()),
      open: openSession,
      summary: process.stdout.isTTY === true && !flags.quiet && !this.jsonEnabled(),
    })
  }
}
