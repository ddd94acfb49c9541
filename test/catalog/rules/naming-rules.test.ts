import eventName from '../../../src/catalog/rules/event-name.js'
import nameCharacters from '../../../src/catalog/rules/name-characters.js'
import namePrefix from '../../../src/catalog/rules/name-prefix.js'
import segmentCount from '../../../src/catalog/rules/segment-count.js'
import snakeCase from '../../../src/catalog/rules/snake-case.js'
import {catalog, metrics, testCatalogRule} from './rule-tester.js'

const conventions = (...lines: string[]) => (...metricLines: string[]) => catalog('conventions:', ...lines.map((line) => `  ${line}`), 'metrics:', ...metricLines)

const segments = conventions('segments: {min: 2, max: 3}')
testCatalogRule(segmentCount, {
  valid: [
    metrics('  - name: a'),
    segments('  - name: a.b', '  - name: a.<x>.c'),
    // The file's prefix does not count; a multi-segment placeholder counts as its segments.
    catalog('prefix: <P>', 'placeholders:', '  P: {segments: [s, e]}', '  Q: {segments: [s, e]}', 'conventions:', '  segments: {max: 3}', 'metrics:', '  - name: <Q>.c'),
  ],
  invalid: [
    {code: segments('  - name: a'), errors: [{messageId: 'tooFew', line: 5, column: 11, data: {name: 'a', count: 1, min: 2, max: 3}}]},
    {code: segments('  - name: a.b.c.d'), errors: [{messageId: 'tooMany', data: {name: 'a.b.c.d', count: 4, min: 2, max: 3}}]},
    {code: catalog('placeholders:', '  Q: {segments: [s, e, f]}', 'conventions:', '  segments: {max: 3}', 'metrics:', '  - name: <Q>.c'), errors: [{messageId: 'tooMany', data: {name: '<Q>.c', count: 4, min: '', max: 3}}]},
  ],
})

const characters = conventions('characters: a-z0-9_')
testCatalogRule(nameCharacters, {
  valid: [metrics('  - name: A-b'), characters('  - name: feed_1.<FEED_CLASS>.reads')],
  invalid: [{code: characters('  - name: feed.Reads-total'), errors: [{messageId: 'character', line: 5, column: 11, data: {name: 'feed.Reads-total', character: '"R"', allowed: 'a-z0-9_'}}]}],
})

const snake = conventions('case: snake')
testCatalogRule(snakeCase, {
  valid: [metrics('  - name: fanOut'), snake('  - name: feed.fan_out_2.<FEED_CLASS>')],
  invalid: [
    {code: snake('  - name: feed.fanOut'), errors: [{messageId: 'notSnake', line: 5, data: {name: 'feed.fanOut', text: '"fanOut"'}}]},
    {code: snake('  - name: feed.<x>-total'), errors: [{messageId: 'notSnake', data: {name: 'feed.<x>-total', text: '"-total"'}}]},
  ],
})

const prefix = conventions('prefix: location')
testCatalogRule(namePrefix, {
  valid: [metrics('  - name: other.x'), prefix('  - name: location.request'), catalog('prefix: app', 'conventions:', '  prefix: location', 'metrics:', '  - name: location.x')],
  invalid: [
    {code: prefix('  - name: locate.request'), errors: [{messageId: 'prefix', line: 5, data: {name: 'locate.request', first: '"locate"', prefix: '"location"'}}]},
    {code: prefix('  - name: <x>.request'), errors: [{messageId: 'prefix', data: {name: '<x>.request', first: '"<x>"', prefix: '"location"'}}]},
  ],
})

const events = conventions('events: {types: [counter], verbs: [publish_ok]}')
testCatalogRule(eventName, {
  valid: [
    metrics('  - name: x', '    type: counter'),
    events(
      '  - name: orders.order.placed', '    type: counter',
      '  - name: mail.message.sent', '    type: counter',
      '  - name: auth.login.failed', '    type: counter',
      '  - name: jobs.<job>.built', '    type: counter',
      '  - name: api.key.agreed', '    type: counter',
      '  - name: feed.item.publish_ok', '    type: counter',
      '  - name: cache.size', '    type: gauge',
    ),
    catalog('conventions:', '  events: {}', 'metrics:', '  - name: a.b.dropped', '    type: counter', '  - name: a.b', '    type: timer'),
  ],
  invalid: [
    {code: events('  - name: orders.placed', '    type: counter'), errors: [{messageId: 'shape', line: 5, data: {name: 'orders.placed', type: 'counter', count: 2}}]},
    {code: events('  - name: orders.order.place', '    type: counter'), errors: [{messageId: 'tense', data: {name: 'orders.order.place', type: 'counter', action: '"place"', example: 'publish_ok'}}]},
    {code: events('  - name: feed.user.feed', '    type: counter'), errors: [{messageId: 'tense', data: {name: 'feed.user.feed', type: 'counter', action: '"feed"', example: 'publish_ok'}}]},
    {code: events('  - name: a.b.<action>', '    type: counter'), errors: [{messageId: 'placeholder', data: {name: 'a.b.<action>', type: 'counter'}}]},
  ],
})
