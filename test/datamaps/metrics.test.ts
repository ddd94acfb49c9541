import {afterEach, describe, expect, it} from 'vitest'
import type {StatsdTarget} from '../../src/config/statsd-target.js'
import type {JobReport} from '../../src/datamaps/job.js'
import {jobObservations, jobSamples} from '../../src/datamaps/metrics.js'
import {toPrometheusText} from '../../src/emit/prometheus.js'
import {StatsdSink} from '../../src/emit/statsd.js'
import type {TagStyle} from '../../src/statsd/tags.js'
import {udpListener, type Listener} from '../support/listeners.js'

const report: JobReport = {
  source: 'csv:points.csv',
  output: 'tiles',
  shard: '0/1',
  maxZoom: 11,
  seconds: {export: 1.2344, encode: 0.5, merge: 0.0996, render: 12, upload: 2.5, main: 16.4},
  rows: 1_000_100,
  points: 1_000_000,
  invalid: {count: 100, examples: []},
  quadtrees: 1,
  uniquePoints: 991_475,
  tiles: {drawn: 18_700, written: 18_655},
  sync: {tile_new: 10, tile_changed: 20, tile_deleted: 3, tile_unchanged: 18_625, tile_failed: 0},
  summaryWritten: true,
}

let listener: Listener | undefined
afterEach(async () => {
  await listener?.close()
  listener = undefined
})

async function send(tagStyle: TagStyle, prefix: string): Promise<string[]> {
  listener = await udpListener()
  const target: StatsdTarget = {protocol: 'udp', host: '127.0.0.1', port: listener.port, prefix, tags: [], tagStyle}
  const sink = await StatsdSink.open(target)
  sink.write(jobSamples(report))
  await sink.close()
  return listener.waitForLines(12)
}

describe('the seeds’ datamaps metrics', () => {
  it('are datamaps timers tagged func:<stage> and counts sent as timings tagged count:<what>, in Ichnaea’s order', async () => {
    expect(await send('dogstatsd', 'location')).toEqual([
      'location.datamaps:1234|ms|#func:export',
      'location.datamaps:1000000|ms|#count:csv_rows',
      'location.datamaps:500|ms|#func:encode',
      'location.datamaps:1|ms|#count:quadtrees',
      'location.datamaps:100|ms|#func:merge',
      'location.datamaps:12000|ms|#func:render',
      'location.datamaps:2500|ms|#func:upload',
      'location.datamaps:20|ms|#count:tile_changed',
      'location.datamaps:3|ms|#count:tile_deleted',
      'location.datamaps:10|ms|#count:tile_new',
      'location.datamaps:18625|ms|#count:tile_unchanged',
      'location.datamaps:16400|ms|#func:main',
    ])
  })

  it('fold into the name with --tag-style flat, as tag_support = false did', async () => {
    const lines = await send('flat', 'location')
    expect(lines[0]).toBe('location.datamaps.func_export:1234|ms')
    expect(lines[1]).toBe('location.datamaps.count_csv_rows:1000000|ms')
    expect(lines[11]).toBe('location.datamaps.func_main:16400|ms')
  })

  it('are gauges for Prometheus: stage durations, counts, sync results and the time of the last success', async () => {
    const text = await toPrometheusText(jobObservations(report, new Date('2024-01-12T00:00:00Z')))
    expect(text).toContain('datamaps_stage_duration_seconds{stage="render"} 12\n')
    expect(text).toContain('datamaps_stage_duration_seconds{stage="main"} 16.4\n')
    expect(text).toContain('datamaps_exported_points 1000000\n')
    expect(text).toContain('datamaps_invalid_rows 100\n')
    expect(text).toContain('datamaps_synced_tiles{change="unchanged"} 18625\n')
    expect(text).toContain('datamaps_synced_tiles{change="failed"} 0\n')
    expect(text).toContain('datamaps_last_success_timestamp_seconds 1705017600\n')
  })

  it('leave the success time out when tiles failed, so that its age alerts', async () => {
    const failed = {...report, sync: {...report.sync, tile_failed: 2}}
    expect(jobObservations(failed, new Date()).map(observation => observation.name)).not.toContain('datamaps_last_success_timestamp_seconds')
  })
})
