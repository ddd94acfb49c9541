import {BaseCommand} from '../../base-command.js'
import {docsFlags} from '../../catalog/flags.js'
import {toOclifFlags} from '../../flags/oclif.js'

export default class CatalogDocs extends BaseCommand {
  static override summary = 'Write the catalogue as Markdown or RST tables, or keep a marked region of a docs page in step with it.'

  static override description = `Writes one section per type (Counters, Gauges, Timers, …; --group-by segment: per first name segment) with a table each: name, tags, unit, owner, description, and the file's prefix and placeholders first. What it writes imports back to the same catalogue.

--update PAGE rewrites only the region between the markers <!-- metrics-catalog:start --> and <!-- metrics-catalog:end --> (Markdown) or .. metrics-catalog:start and .. metrics-catalog:end (reStructuredText), atomically; the rest of the page stays byte for byte. With --check nothing is written: a stale region is shown as a diff, for CI.

Exit codes: 0 written, or (--check) the page is current; 1 (--check) the page is out of date; 2 could not run (no catalogue, a catalogue with errors, missing, repeated or misordered markers, an unreadable page).`

  static override examples = [
    '<%= config.bin %> catalog docs > docs/metrics.md',
    '<%= config.bin %> catalog docs --format rst --group-by segment -o docs/metrics.rst',
    '<%= config.bin %> catalog docs --update docs/metrics.md',
    '<%= config.bin %> catalog docs --update docs/metrics.md --check',
  ]

  static override flags = toOclifFlags(docsFlags)

  async run(): Promise<void> {
    const {flags} = await this.parse(CatalogDocs)
    const {executeDocs} = await import('../../catalog/render/run.js')
    await executeDocs(flags, this.io())
  }
}
