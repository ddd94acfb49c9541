import {Args} from '@oclif/core'
import {BaseCommand} from '../base-command.js'
import {toOclifFlags} from '../flags/oclif.js'
import {lintFlags} from '../lint/flags.js'

export default class Lint extends BaseCommand {
  static override summary = 'Check statsd_exporter mapping configs: what it rejects, what it gets wrong, and Prometheus naming.'

  static override description = `Reads YAML and the legacy (pre-0.5.0) text format, and reports every problem with file:line:col, severity and rule id: everything statsd_exporter refuses to load; what it loads but gets wrong (shadowed and duplicate rules, regex rules placed before globs that win anyway, $n references that expand to nothing, one name with two types or label sets, unsorted buckets, quantiles outside (0, 1)); and promlint's naming rules. --samples checks golden cases like tests. A file with errors is still checked as far as it can be: the mappings without errors are still checked for shadowing, conflicts and naming.

Exit codes: 0 no errors (warnings allowed); 1 errors, or more warnings than --max-warnings; 2 could not run (unreadable file, bad flag, a metrics config file (--config) that does not load).`

  static override examples = [
    '<%= config.bin %> lint statsd_mapping.yml',
    '<%= config.bin %> lint statsd_mapping.yml --samples mapping_samples.yml --max-warnings 0',
    '<%= config.bin %> lint mappings/*.yml --format sarif > lint.sarif',
    'cat statsd_mapping.yml | <%= config.bin %> lint - --format json',
  ]

  static override args = {
    // Variadic, not `strict = false`: oclif sorts a non-strict argv by first occurrence, which moves repeated files.
    file: Args.string({description: 'mapping config(s), YAML or legacy text; - reads stdin', multiple: true, ignoreStdin: true}),
  }

  static override flags = toOclifFlags(lintFlags)

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Lint)
    const {executeLint} = await import('../lint/execute.js')
    await executeLint(args.file ?? [], flags, {env: process.env, cwd: process.cwd(), stdin: process.stdin, stdout: process.stdout})
  }
}
