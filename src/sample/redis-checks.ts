/**
 * Checks: gauges read from keys that a template describes, such as Ichnaea's
 * `apilimit:<api_key>:<path>:<YYYYMMDD>` request counters and
 * `apiuser:<api_type>:<api_key>:<YYYY-MM-DD>` HyperLogLogs of client IPs. The parts
 * of each key become tags (or, when a name uses them, part of the name); keys with
 * a date are read for today, or summed (PFCOUNT: united) over day windows such as
 * 1d and 7d, each tagged `interval:<label>`.
 */
import type {Tag} from '../statsd/sample.js'
import {tagsAsLabels, type PlannedGauge} from './gauge.js'
import {formatDate, nameFields, renderName, type KeyTemplate} from './key-template.js'
import type {ReadKind} from './redis-queues.js'

export interface DayWindow {
  /** The `interval` tag value, e.g. `7d`. */
  readonly label: string
  /** How many days it covers, today included. */
  readonly days: number
}

export interface CheckSpec {
  /** statsd name template, e.g. `api.limit` or `{api_type}.user`. */
  readonly statsd: string
  /** Prometheus name template, e.g. `api_limit` or `{api_type}_user`. */
  readonly prometheus: string
  readonly help: string
  readonly key: KeyTemplate
  readonly read: ReadKind
  /** Empty: a dated key is read for today only, with no interval tag. */
  readonly windows: readonly DayWindow[]
  /** Tags added to every gauge of the check. */
  readonly tags: readonly Tag[]
}

const DAY_MS = 86_400_000

/** The dates a check reads, as its keys write them: today (UTC) first, then each day before. */
export function checkDates(check: CheckSpec, now: Date): string[] {
  const format = check.key.dateFormat
  if (format === undefined) return []
  const days = Math.max(1, ...check.windows.map(window => window.days))
  return Array.from({length: days}, (_, ago) => formatDate(new Date(now.getTime() - ago * DAY_MS), format))
}

/** The SCAN pattern for a check: today's date is written in when it is the only day read. */
export function checkScanPattern(check: CheckSpec, now: Date): string {
  const dates = checkDates(check, now)
  return check.key.scanPattern(dates.length === 1 ? dates[0] : undefined)
}

/** Groups the keys SCAN found into the check's gauges, in a stable order. */
export function planCheckGauges(check: CheckSpec, keys: readonly string[], now: Date): PlannedGauge[] {
  const dates = checkDates(check, now)
  const windows: ReadonlyArray<DayWindow | undefined> = check.windows.length > 0 ? check.windows : [undefined]
  const groups = new Map<string, {fields: Readonly<Record<string, string>>; keys: string[][]}>()
  for (const key of [...keys].sort()) {
    const parts = check.key.match(key)
    if (parts === undefined) continue
    const age = parts.date === undefined ? 0 : dates.indexOf(parts.date)
    if (age === -1) continue
    const id = JSON.stringify(check.key.fields.map(field => parts.fields[field]))
    let group = groups.get(id)
    if (!group) groups.set(id, (group = {fields: parts.fields, keys: windows.map(() => [])}))
    windows.forEach((window, index) => {
      if (age < (window?.days ?? 1)) group.keys[index].push(key)
    })
  }
  const inStatsdName = new Set(nameFields(check.statsd))
  const inPrometheusName = new Set(nameFields(check.prometheus))
  return [...groups.values()].flatMap(group =>
    windows.flatMap((window, index) => {
      if (group.keys[index].length === 0) return []
      const fieldTags = check.key.fields.map(field => ({key: field, value: group.fields[field]}))
      const intervalTag = window === undefined ? [] : [{key: 'interval', value: window.label}]
      return [
        {
          statsd: renderName(check.statsd, group.fields),
          tags: [...fieldTags.filter(tag => !inStatsdName.has(tag.key)), ...intervalTag, ...check.tags],
          prometheus: renderName(check.prometheus, group.fields).replace(/[^A-Za-z0-9_:]/g, '_'),
          labels: tagsAsLabels([...fieldTags.filter(tag => !inPrometheusName.has(tag.key)), ...intervalTag, ...check.tags]),
          help: check.help,
          read: {kind: check.read, keys: group.keys[index]},
        },
      ]
    }),
  )
}
