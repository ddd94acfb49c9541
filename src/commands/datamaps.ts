import {BaseCommand} from '../base-command.js'
import {redactStderr} from '../cli/redact-stderr.js'
import {datamapsFlags} from '../datamaps/flags.js'
import type {JobReport} from '../datamaps/job.js'
import {toOclifFlags} from '../flags/oclif.js'

export default class Datamaps extends BaseCommand {
  static override summary = "Render Ichnaea's coverage-map tiles in process, timing every stage."

  static override description = `Exports grid cells (Ichnaea's datamap_ne|nw|se|sw tables, or CSV of lat,lon points), encodes them into quadkey order, merges the shards, renders 256-px tiles for zooms 0..--max-zoom plus 0/0/0@2x.png, and syncs them to a directory or S3: only new and changed tiles are written, stale ones deleted.
Each stage is sent as a statsd timer datamaps#func:<stage> (export, encode, merge, render, upload, main), counts as timings datamaps#count:<what> (csv_rows, quadtrees, tile_new, tile_changed, tile_deleted, tile_unchanged); or as Prometheus gauges (datamaps_stage_duration_seconds{stage=…}, …) with --pushgateway, --textfile or --print.
--shard i/n splits the tiles over n machines by a hash of each tile's path.
The database and --output are checked before any work: an output that cannot be made or written (/proc/x, a path under a file, a read-only directory) fails at once, naming the cause. Ctrl-C or SIGTERM stops any stage within a second or two: every tile written is whole, and temporary files are removed.

Exit codes: 0 done; 1 the database or output is unreachable or unwritable, no points, tiles or metrics failed to sync, or interrupted (Ctrl-C, SIGTERM); 2 bad flags or config, or an unreadable CSV source.`

  static override examples = [
    '<%= config.bin %> datamaps --source csv:examples/datamaps/sample.csv --output /tmp/tiles',
    '<%= config.bin %> datamaps --source mysql://ro:secret@db/location --output s3://my-bucket/tiles',
    '<%= config.bin %> datamaps --source csv:points/ --max-zoom 9 --tag-style flat --prefix location',
    '<%= config.bin %> datamaps --source "$DATABASE_URL" --output s3://my-bucket/tiles --shard "$JOB_COMPLETION_INDEX/4"',
    '<%= config.bin %> datamaps --source csv:points.csv --print --quiet',
  ]

  static override flags = toOclifFlags(datamapsFlags)

  static override enableJsonFlag = true

  async run(): Promise<JobReport> {
    redactStderr()
    const {flags} = await this.parse(Datamaps)
    const {runDatamaps} = await import('../datamaps/run.js')
    return runDatamaps(flags, {...this.io(), json: this.jsonEnabled()})
  }
}
