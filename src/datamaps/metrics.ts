import type {GaugeObservation} from '../emit/prometheus.js'
import type {Sample} from '../statsd/sample.js'
import type {JobReport, StageName} from './job.js'

/** The statsd name of every timer and count, as Ichnaea's statsd-era job sent them. */
export const STATSD_NAME = 'datamaps'

const TILE_CHANGES = ['tile_changed', 'tile_deleted', 'tile_new', 'tile_unchanged'] as const

/**
 * The seeds' metric table (ICHNAEA.md §2.4), in the order Ichnaea sent it: one
 * `datamaps` timer per stage tagged `func:<stage>`, and counts sent as timings
 * ("pseudo-timers") tagged `count:<what>`. `--tag-style flat` turns
 * `datamaps#func:export` into `datamaps.func_export`.
 */
export function jobSamples(report: JobReport): Sample[] {
  const timer = (stage: StageName): Sample => timing(Math.round(report.seconds[stage] * 1000), 'func', stage)
  return [
    timer('export'),
    timing(report.points, 'count', 'csv_rows'),
    timer('encode'),
    timing(report.quadtrees, 'count', 'quadtrees'),
    timer('merge'),
    timer('render'),
    timer('upload'),
    ...TILE_CHANGES.map(change => timing(report.sync[change], 'count', change)),
    timer('main'),
  ]
}

/** The same run for Prometheus: gauges of the last run, for a Pushgateway or a textfile. */
export function jobObservations(report: JobReport, finished: Date): GaugeObservation[] {
  const stages = Object.entries(report.seconds) as Array<[StageName, number]>
  return [
    ...stages.map(([stage, seconds]) => gauge('datamaps_stage_duration_seconds', 'Wall time of each stage of the last datamaps run.', {stage}, seconds)),
    gauge('datamaps_source_rows', 'Rows (or CSV lines) the last run read, valid or not.', {}, report.rows),
    gauge('datamaps_invalid_rows', 'Rows the last run skipped as malformed or out of range.', {}, report.invalid.count),
    gauge('datamaps_exported_points', "Points exported (Ichnaea's csv_rows).", {}, report.points),
    gauge('datamaps_quadtrees', 'Encode jobs (shards sorted) in the last run.', {}, report.quadtrees),
    gauge('datamaps_distinct_points', 'Points left after merging, one per zoom-13 pixel.', {}, report.uniquePoints),
    gauge('datamaps_rendered_tiles', 'Tiles the last run wrote (those with a visible pixel).', {}, report.tiles.written),
    ...[...TILE_CHANGES, 'tile_failed' as const].map(change =>
      gauge('datamaps_synced_tiles', 'Tiles of the last sync, by what happened to them.', {change: change.replace(/^tile_/, '')}, report.sync[change]),
    ),
    // A run with failed tiles is not a success: an alert on this gauge's age should fire.
    ...(report.sync.tile_failed === 0 ? [gauge('datamaps_last_success_timestamp_seconds', 'When the last fully synced datamaps run finished, in Unix seconds.', {}, Math.floor(finished.getTime() / 1000))] : []),
  ]
}

function timing(value: number, key: 'func' | 'count', what: string): Sample {
  return {name: STATSD_NAME, type: 'ms', value, sampleRate: 1, tags: [{key, value: what}], relative: false}
}

function gauge(name: string, help: string, labels: Record<string, string>, value: number): GaugeObservation {
  return {name, help, labels, value}
}
