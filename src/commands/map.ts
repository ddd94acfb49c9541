import {Args} from '@oclif/core'
import {BaseCommand} from '../base-command.js'
import {toOclifFlags} from '../flags/oclif.js'
import {mapFlags} from '../lint/flags.js'
import type {MapRow} from '../lint/map-names.js'

export default class Map extends BaseCommand {
  static override summary = 'Show what statsd names become under a statsd_exporter mapping config, and which rule decided.'

  static override description = `Prints the Prometheus series each name maps to (name and labels, after statsd_exporter's name escaping), "drop" for a drop rule, or "unmapped" with the fallback name. With --explain it names the rule that matched (its index in mappings:, file:line:col and pattern); for an unmatched name it shows the nearest rules and the segment where each one failed.

Names come from the arguments, or from stdin one per line when there are none (or -): one answer per name, in the order given, repeats included; no names at all (an empty stdin) is an error. A name that starts with - goes after --. A config without mappings loads, as in statsd_exporter: every name is unmapped, and stderr says so.

Exit codes: 0 mapped (whatever the outcome); 2 the config does not load, no names were given, or bad flags.`

  static override examples = [
    '<%= config.bin %> map --config statsd_mapping.yml test.dispatcher.FooProcessor.send.success',
    '<%= config.bin %> map -c statsd_mapping.yml --type ms api.request.get --explain',
    '<%= config.bin %> map -c statsd_mapping.yml -- -leading-dash.name',
    'cut -d: -f1 captured.txt | sort -u | <%= config.bin %> map -c statsd_mapping.yml --json',
  ]

  static override args = {
    // Variadic, not `strict = false`: oclif sorts a non-strict argv by first occurrence, which moves repeated names.
    name: Args.string({description: 'statsd metric name(s); none or - reads names from stdin, one per line', multiple: true, ignoreStdin: true}),
  }

  static override flags = toOclifFlags(mapFlags)

  static override enableJsonFlag = true

  async run(): Promise<MapRow[]> {
    const {args, flags} = await this.parse(Map)
    const [{runMap}, {renderMapRows}, {readInput}] = await Promise.all([import('../lint/map-run.js'), import('../lint/map-render.js'), import('../io/files.js')])
    const {rows, warnings} = await runMap(args.name ?? [], flags, (path) => readInput(path, process.stdin))
    for (const warning of warnings) process.stderr.write(warning)
    if (!this.jsonEnabled()) {
      const color = process.stdout.isTTY === true && process.env.NO_COLOR === undefined
      process.stdout.write(renderMapRows(rows, {explain: flags.explain === true, color, configPath: flags.config ?? ''}))
    }
    return rows
  }
}
