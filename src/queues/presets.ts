/**
 * Known systems' queues, so that `--preset NAME` needs no list. Each preset is data:
 * queue names with the tags the system's own monitor task sends.
 */
import type {QueueSpec} from './plan.js'

export interface Preset {
  readonly summary: string
  readonly queues: readonly QueueSpec[]
}

const HEX_DIGITS = [...'0123456789abcdef']

/** Ichnaea's data queues (plain lists) by the data_type tag its monitor gives them. */
const ICHNAEA_DATA_QUEUES: Readonly<Record<string, readonly string[]>> = {
  report: ['update_incoming'],
  cellarea: ['update_cellarea'],
  bluetooth: HEX_DIGITS.map(digit => `update_blue_${digit}`),
  cell: ['gsm', 'wcdma', 'lte'].map(radio => `update_cell_${radio}`),
  datamap: ['ne', 'nw', 'se', 'sw'].map(quadrant => `update_datamap_${quadrant}`),
  wifi: HEX_DIGITS.map(digit => `update_wifi_${digit}`),
}

const ICHNAEA_TASK_QUEUES = ['celery_blue', 'celery_cell', 'celery_content', 'celery_default', 'celery_export', 'celery_monitor', 'celery_reports', 'celery_wifi']

export const PRESETS: Readonly<Record<string, Preset>> = {
  ichnaea: {
    summary: "Mozilla Ichnaea's Celery task queues and update_* data queues, tagged queue_type and data_type as its monitor_queue_size task does",
    queues: [
      ...ICHNAEA_TASK_QUEUES.map(name => ({name, celery: true, tags: [{key: 'queue_type', value: 'task'}]})),
      ...Object.entries(ICHNAEA_DATA_QUEUES).flatMap(([dataType, names]) =>
        names.map(name => ({name, celery: false, tags: [{key: 'queue_type', value: 'data'}, {key: 'data_type', value: dataType}]})),
      ),
    ],
  },
}

export const PRESET_NAMES = Object.keys(PRESETS)
