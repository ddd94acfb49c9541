import {BaseCommand} from '../../base-command.js'
import {checkFlags} from '../../catalog/flags.js'
import {toOclifFlags} from '../../flags/oclif.js'

export default class CatalogCheck extends BaseCommand {
  static override summary = 'Check the metric catalogue: what does not load, entries that overlap or are never matched, and its naming conventions.'

  static override description = `Reads the catalogue (--catalog FILE, else ./metrics.catalog.yml, else the catalog: key of the metrics config) and reports every problem with file:line:col, severity and rule id, through the same formats as metrics lint: what the loader refuses (unknown keys with the nearest known one, wrong types, bad name templates); entries that can match the same statsd name, entries never matched, one metric documented twice or with two types, placeholders used with two meanings, tag keys that differ only in case, closed values that look like identifiers or free text, deprecations without a (known) replacement; and the naming conventions the catalogue sets under conventions:.

Exit codes: 0 no errors (warnings allowed); 1 errors, or more warnings than --max-warnings; 2 could not run (no catalogue found, unreadable file, bad flag).`

  static override examples = [
    '<%= config.bin %> catalog check',
    '<%= config.bin %> catalog check --catalog docs/metrics.catalog.yml --max-warnings 0',
    '<%= config.bin %> catalog check --format sarif > catalog.sarif',
  ]

  static override flags = toOclifFlags(checkFlags)

  async run(): Promise<void> {
    const {flags} = await this.parse(CatalogCheck)
    const {executeCheck} = await import('../../catalog/check-run.js')
    await executeCheck(flags, this.io())
  }
}
