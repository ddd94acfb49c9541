import deprecatedWithoutReplacement from '../../../src/catalog/rules/deprecated-without-replacement.js'
import unknownReplacement from '../../../src/catalog/rules/unknown-replacement.js'
import {catalog, metrics, testCatalogRule} from './rule-tester.js'

testCatalogRule(deprecatedWithoutReplacement, {
  valid: [
    metrics('  - name: a.old', '    deprecated: {replacement: a.new}', '  - name: a.new'),
    metrics('  - name: a.old', '    deprecated: {note: Nothing replaces it; removed in June.}'),
    metrics('  - name: a.old', '    deprecated: false'),
  ],
  invalid: [
    {code: metrics('  - name: a.old', '    deprecated: true'), errors: [{messageId: 'missing', line: 4, column: 17, data: {name: 'a.old'}}]},
    {code: metrics('  - name: a.old', '    deprecated: {}'), errors: [{messageId: 'missing', line: 4}]},
  ],
})

testCatalogRule(unknownReplacement, {
  valid: [
    metrics('  - name: feed.fanout_latency', '    deprecated: {replacement: feed.fanout_seconds}', '  - name: feed.fanout_seconds'),
    // The same template with the placeholder named otherwise.
    metrics('  - name: <FEED>.latency', '    deprecated: {replacement: <feed_class>.seconds}', '  - name: <F>.seconds'),
    // A name an entry with a placeholder matches, written without the file's prefix.
    catalog('prefix: <P>', 'placeholders:', '  P: {segments: [a, b]}', 'metrics:', '  - name: old', '    deprecated: {replacement: jobs.backfill_start}', '  - name: jobs.<job>_start'),
  ],
  invalid: [
    {code: metrics('  - name: a.old', '    deprecated: {replacement: a.nwe}', '  - name: a.new'), errors: [{messageId: 'unknown', line: 4, column: 17, data: {name: 'a.old', replacement: 'a.nwe'}}]},
    {code: metrics('  - name: a.<x>', '    deprecated: {replacement: a.<y>}'), errors: [{messageId: 'itself', line: 4, data: {name: 'a.<x>'}}]},
  ],
})
