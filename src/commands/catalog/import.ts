import {Args} from '@oclif/core'
import {BaseCommand} from '../../base-command.js'
import {importFlags} from '../../catalog/flags.js'
import {toOclifFlags} from '../../flags/oclif.js'

export default class CatalogImport extends BaseCommand {
  static override summary = 'Write a metric catalogue from the docs you keep: RST and Markdown tables and reference lists.'

  static override description = `Reads reStructuredText grid and simple tables, Markdown pipe tables, and reference lists in both (\`\`name#tag:value\`\`, … : counters, with an indented description; ": tags" items add tags to the metrics above them). The section a table or list sits under ("Counters", "HTTP Timers") gives the type; failing that, a description or name that suggests one is a guess, marked under guessed:. Names that differ only by tag values become one metric with those values; a tag some names lack is optional. A common <PREFIX> placeholder on every name becomes the file's prefix. Every entry records source: file:line. Every line that documents something but cannot be read is reported on stderr with its position.

It writes the catalogue the other catalog commands read (./metrics.catalog.yml, else the catalog: key of the metrics config, else a new ./metrics.catalog.yml), unless -o names another.

Exit codes: 0 every documented line was read; 1 some could not be (they are listed, and the catalogue is still written with the rest), or no metric was found (nothing is written); 2 could not run (unreadable or binary doc, the output exists without --force or --merge, a catalogue to merge into that does not load).`

  static override examples = [
    '<%= config.bin %> catalog import docs/stats.rst',
    '<%= config.bin %> catalog import docs/metrics.md docs/queues.md -o metrics.catalog.yml --force',
    '<%= config.bin %> catalog import docs/stats.rst --merge',
    'curl -s https://example.org/metrics.rst | <%= config.bin %> catalog import - --format rst -o -',
  ]

  static override strict = false

  static override args = {
    doc: Args.string({description: 'metric docs (.rst, .md; - reads stdin)', required: true, ignoreStdin: true}),
  }

  static override flags = toOclifFlags(importFlags)

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(CatalogImport)
    const {executeImport} = await import('../../catalog/import/run.js')
    await executeImport(argv as string[], flags, this.io())
  }
}
