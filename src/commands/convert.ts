import {Args} from '@oclif/core'
import {BaseCommand} from '../base-command.js'
import {OperationError} from '../errors.js'
import {toOclifFlags} from '../flags/oclif.js'
import {convertFlags} from '../lint/flags.js'

export default class Convert extends BaseCommand {
  static override summary = 'Convert a legacy (pre-0.5.0) statsd_exporter mapping file to YAML.'

  static override description = `The legacy format is a glob line followed by name="…" and label="…" lines, blocks separated by blank lines. Comments are kept next to what they described, and every value is quoted so that a glob such as *.signup.* never becomes a YAML alias. Problems are reported on stderr the way metrics lint reports them. The input passes lint's checks first: a file over 4 MiB, not UTF-8 or holding control characters is refused. A file without a single block converts to "mappings: []", with lint's no-mappings warning.

Exit codes: 0 converted (warnings allowed); 1 the file is refused or has lines that are not legacy syntax (nothing is written either way), or the result is something statsd_exporter would refuse (it is still written); 2 unreadable file (missing, a directory), the file is YAML already, or the metrics config file (--config) does not load.`

  static override examples = [
    '<%= config.bin %> convert statsd_mapping.conf > statsd_mapping.yml',
    '<%= config.bin %> convert statsd_mapping.conf -o statsd_mapping.yml',
  ]

  static override args = {
    file: Args.string({description: 'legacy mapping file; - reads stdin', required: true, ignoreStdin: true}),
  }

  static override flags = toOclifFlags(convertFlags)

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Convert)
    const [{runConvert}, {readInput, writeFileAtomic}, {locateConfigFile, readConfigFile}] = await Promise.all([import('../lint/convert-run.js'), import('../io/files.js'), import('../config/file.js')])
    // The metrics config file is checked as every command checks it, though convert reads nothing from it.
    readConfigFile(locateConfigFile(flags.config, process.env, process.cwd()))
    const color = process.stderr.isTTY === true && process.env.NO_COLOR === undefined
    const {yaml, report, failure} = runConvert(args.file, await readInput(args.file, process.stdin), color)
    if (yaml !== undefined) {
      if (flags.output === undefined) process.stdout.write(yaml)
      else await writeFileAtomic(flags.output, yaml)
    }
    if (report !== '') process.stderr.write(report)
    if (failure !== undefined) throw new OperationError(failure)
  }
}
