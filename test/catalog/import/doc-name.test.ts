import {describe, expect, it} from 'vitest'
import {parseDocName, parseDocTags} from '../../../src/catalog/import/doc-name.js'

const shape = (raw: string, parse = parseDocName) => {
  const parsed = parse(raw)
  if (!parsed.ok) return {error: parsed.message}
  return {name: parsed.value.name?.text, tags: parsed.value.tags.map(tag => (tag.value === undefined ? tag.key : `${tag.key}=${tag.value.kind === 'literal' ? tag.value.text : `<${tag.value.name}>`}`)), repairs: parsed.value.repairs}
}

describe('parseDocName', () => {
  it.each([
    ['<PREFIX>.<FEED_CLASS>.fanout_latency', {name: '<PREFIX>.<FEED_CLASS>.fanout_latency', tags: [], repairs: []}],
    ['locate.request#path:v1.search,key:<apikey>', {name: 'locate.request', tags: ['path=v1.search', 'key=<apikey>'], repairs: []}],
    ['ti.finish.{dag_id}.{task_id}', {name: 'ti.finish.<dag_id>.<task_id>', tags: [], repairs: []}],
    ['task#name:{task_name}', {name: 'task', tags: ['name=<task_name>'], repairs: []}],
    ['api.limit#key:<apikey>,#path:<path>', {name: 'api.limit', tags: ['key=<apikey>', 'path=<path>'], repairs: []}],
    ['<api_type>.user#key<apikey>', {name: '<api_type>.user', tags: ['key=<apikey>'], repairs: ['read "key<apikey>" as "key:<apikey>" (no colon in the docs)']}],
    ['data.export#source', {name: 'data.export', tags: ['source'], repairs: []}],
    ['cache#ratio:a:b', {name: 'cache', tags: ['ratio=a:b'], repairs: []}],
    ['  padded.name  ', {name: 'padded.name', tags: [], repairs: []}],
  ])('reads %j', (raw, expected) => {
    expect(shape(raw)).toEqual(expected)
  })

  it.each([
    ['events bad', '"events bad" is not a metric name: " " cannot be part of a statsd name'],
    ['a..b', '"a..b" is not a metric name: empty segment (two dots, or a leading dot)'],
    ['pipeline.broken#kind:', '"pipeline.broken#kind:": "" is not a tag value'],
    ['a#', '"a#": "#" with no tags after it'],
    ['a#x:1,,y:2', '"a#x:1,,y:2": an empty tag (two commas, or a trailing comma)'],
    ['a#kind:celery_<queue>', '"a#kind:celery_<queue>": the value of tag "kind" is a literal or one whole <placeholder>, not "celery_<queue>"'],
    ['a#k y:1', '"a#k y:1": "k y" is not a tag key'],
    ['{dag id}.x', '"{dag id}.x" is not a metric name: {…} is a placeholder only around a name of letters, digits and _'],
    ['*.latency', '"*.latency" is not a metric name: "*" is not read as a placeholder: name it, <name>'],
  ])('refuses %j', (raw, error) => {
    expect(shape(raw)).toEqual({error})
  })
})

describe('parseDocTags', () => {
  it.each([
    ['#interval:1d', ['interval=1d']],
    ['interval:7d', ['interval=7d']],
    ['#accuracy:high,status:hit', ['accuracy=high', 'status=hit']],
    ['#source:<source_name>', ['source=<source_name>']],
  ])('reads %j', (raw, tags) => {
    expect(shape(raw, parseDocTags).tags).toEqual(tags)
  })
})
