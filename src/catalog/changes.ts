/**
 * What `catalog diff` reports, as rule metadata: one id per kind of change, its
 * severity (error: breaks dashboards and alerts built on the old catalogue; warning:
 * breaks nothing yet but needs a look; info: harmless) and its message. The comparison
 * itself is diff.ts.
 */
import type {RuleMeta} from '../lint/rule.js'

const breaking = (id: string, description: string, message: string): RuleMeta<'change'> =>
  ({id, kind: 'breaking', severity: 'error', docs: {description}, messages: {change: message}})
const notice = (id: string, description: string, message: string): RuleMeta<'change'> =>
  ({id, kind: 'change', severity: 'warning', docs: {description}, messages: {change: message}})
const harmless = (id: string, description: string, message: string): RuleMeta<'change'> =>
  ({id, kind: 'change', severity: 'info', docs: {description}, messages: {change: message}})

export const CHANGES = {
  metricRemoved: breaking('metric-removed', 'A metric is no longer documented: what is built on it loses its data.', '{{name}} ({{type}}) was removed{{note}}'),
  metricRenamed: breaking('metric-renamed', 'A metric has a new name (same type and description): queries on the old name find nothing.', '{{old}} was renamed to {{name}}'),
  placeholderMoved: breaking('placeholder-moved', 'A placeholder moved to another segment: the same names now mean something else.', '{{old}} became {{name}}: {{placeholders}} moved'),
  typeChanged: breaking('type-changed', 'A metric has another statsd type: it becomes another kind of series.', '{{name}} was a {{old}}, now a {{new}}'),
  tagRemoved: breaking('tag-removed', 'A metric no longer has a tag: queries and alerts that group or filter by it break.', '{{name}} no longer has tag {{tag}}'),
  tagValueRemoved: breaking('tag-value-removed', 'A tag takes fewer values than before: filters on the others find nothing.', 'tag {{tag}} of {{name}} {{what}}'),
  placeholderValueRemoved: breaking('placeholder-value-removed', 'A placeholder takes fewer values than before: names with the others are no longer documented.', 'placeholder {{placeholder}} {{what}}'),
  placeholderSegmentsChanged: breaking('placeholder-segments-changed', 'A placeholder stands for another number of segments: every name that uses it changes.', 'placeholder {{placeholder}} stood for {{old}} segments, now {{new}}'),
  prefixChanged: breaking('prefix-changed', "The file's prefix changed: every name on the wire changes.", 'the prefix was {{old}}, now {{new}}'),
  prometheusChanged: breaking('prometheus-changed', 'The Prometheus series a metric (or every metric) becomes changed: its name, labels, observer or buckets.', '{{what}} changed: {{old}} → {{new}}'),
  metricDeprecated: notice('metric-deprecated', 'A metric is newly deprecated: plan the move to its replacement.', '{{name}} is now deprecated{{replacement}}'),
  tagOptionalChanged: notice('tag-optional-changed', 'A tag is now sent on some samples only (a warning: filters and groupings by it miss the others), or on every sample again (info).', 'tag {{tag}} of {{name}} is now {{now}}'),
  unitChanged: notice('unit-changed', "A metric's unit changed: the numbers now mean something else, though the name is the same.", 'the unit of {{name}} was {{old}}, now {{new}}'),
  metricAdded: harmless('metric-added', 'A metric is newly documented.', '{{name}} ({{type}}) was added'),
  tagAdded: harmless('tag-added', 'A metric has a new tag.', '{{name}} has a new tag {{tag}}'),
  tagValueAdded: harmless('tag-value-added', 'A tag takes more values than before.', 'tag {{tag}} of {{name}} {{what}}'),
  placeholderValueAdded: harmless('placeholder-value-added', 'A placeholder takes more values than before.', 'placeholder {{placeholder}} {{what}}'),
  placeholderRenamed: harmless('placeholder-renamed', 'A placeholder has a new name in the same place: the names on the wire are the same.', '{{where}}: placeholder {{old}} is now {{new}}'),
  typeDocumented: harmless('type-documented', 'A metric of unknown type now says its type.', '{{name}} is now documented as a {{type}}'),
  textChanged: harmless('text-changed', "A metric's description, owner or other text changed.", 'the {{field}} of {{name}} changed'),
  tagChanged: harmless('tag-changed', "A tag's description, sensitivity, detectors or budget changed.", 'the {{field}} of tag {{tag}} of {{name}} changed: {{old}} → {{new}}'),
} as const satisfies Record<string, RuleMeta<'change'>>

export type ChangeKind = keyof typeof CHANGES

export const CHANGE_METAS: readonly RuleMeta[] = Object.values(CHANGES)
