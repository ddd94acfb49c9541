import {BaseCommand} from '../../base-command.js'
import {schemaFlags} from '../../catalog/flags.js'
import {toOclifFlags} from '../../flags/oclif.js'

export default class CatalogSchema extends BaseCommand {
  static override summary = 'Print the JSON Schema of the catalogue file, for editors to complete and check it.'

  static override description = `The schema describes metrics.catalog.yml (draft-07). Point an editor at it with a first line such as
  # yaml-language-server: $schema=./metrics.catalog.schema.json
after saving it there, or at the installed file that --path prints.

Exit codes: 0 printed; 2 bad flags.`

  static override examples = [
    '<%= config.bin %> catalog schema > metrics.catalog.schema.json',
    '<%= config.bin %> catalog schema --path',
  ]

  static override flags = toOclifFlags(schemaFlags)

  async run(): Promise<void> {
    const {flags} = await this.parse(CatalogSchema)
    const {SCHEMA_PATH, readSchema} = await import('../../catalog/schema.js')
    process.stdout.write(flags.path ? `${SCHEMA_PATH}\n` : await readSchema())
  }
}
