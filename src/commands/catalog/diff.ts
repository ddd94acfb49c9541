import {Args} from '@oclif/core'
import {BaseCommand} from '../../base-command.js'
import {diffFlags} from '../../catalog/flags.js'
import {toOclifFlags} from '../../flags/oclif.js'

export default class CatalogDiff extends BaseCommand {
  static override summary = 'What changed between two versions of the catalogue, and whether it breaks dashboards and alerts.'

  static override description = `NEW is, unless given, the catalogue every catalog command finds (./metrics.catalog.yml, else the catalog: key of the metrics config). Pairs the metrics of OLD and NEW (by name and type; a placeholder renamed is the same metric) and reports each change through the same formats as metrics lint, in NEW, or in OLD for what was removed. Breaking changes are errors: a metric removed or renamed, a changed type, a placeholder moved to another segment, a tag removed, fewer tag or placeholder values, another prefix, another Prometheus series. A newly deprecated metric, a changed unit and a tag now optional are warnings; the rest (metrics, tags and values added, descriptions, placeholders renamed) is info.

Exit codes: 0 no breaking change (or --allow-breaking); 1 breaking changes, or a catalogue that does not load; 2 could not run (no catalogue found, unreadable file, bad flag).`

  static override examples = [
    'git show main:metrics.catalog.yml > /tmp/old.yml && <%= config.bin %> catalog diff /tmp/old.yml',
    '<%= config.bin %> catalog diff old.yml new.yml --format github',
    '<%= config.bin %> catalog diff old.yml new.yml --allow-breaking --format json',
  ]

  static override args = {
    old: Args.string({description: 'the catalogue before; - reads stdin', required: true}),
    new: Args.string({description: 'the catalogue after; - reads stdin [default: the one the catalog commands find, as catalog check does]'}),
  }

  static override flags = toOclifFlags(diffFlags)

  async run(): Promise<void> {
    const {args, flags} = await this.parse(CatalogDiff)
    const {executeDiff} = await import('../../catalog/diff-run.js')
    await executeDiff(args.old, args.new, flags, this.io())
  }
}
