/** The rules built on the matcher's analysis: which entries can claim the same names. */
import duplicateMetric from '../../../src/catalog/rules/duplicate-metric.js'
import overlappingTemplates from '../../../src/catalog/rules/overlapping-templates.js'
import shadowedEntry from '../../../src/catalog/rules/shadowed-entry.js'
import typeConflict from '../../../src/catalog/rules/type-conflict.js'
import {catalog, metrics, testCatalogRule} from './rule-tester.js'

testCatalogRule(overlappingTemplates, {
  valid: [
    metrics('  - name: feed.reads', '  - name: feed.writes'),
    // One within the other: the narrower wins its names, wherever it is written.
    metrics('  - name: feed.<x>', '  - name: feed.reads'),
    metrics('  - name: a.<x>_start', '  - name: a.<y>_stop'),
  ],
  invalid: [
    {
      code: metrics('  - name: <a>.reads', '  - name: feed.<b>'),
      errors: [{messageId: 'overlap', line: 4, column: 11, data: {name: 'feed.<b>', other: '<a>.reads', line: 'line 3', example: 'feed.reads', winner: 'the one on line 3'}}],
    },
    {
      code: catalog('prefix: <P>', 'placeholders:', '  P: {segments: [s, e]}', 'metrics:', '  - name: a.<x>_start', '  - name: a.job_<y>'),
      errors: [{messageId: 'overlap', line: 7, data: {name: 'a.job_<y>', other: 'a.<x>_start', line: 'line 6', example: 'x.x.a.job_start', winner: 'the one on line 6'}}],
    },
  ],
})

testCatalogRule(duplicateMetric, {
  valid: [
    metrics('  - name: a.b', '    type: counter', '  - name: a.b', '    type: gauge'),
    metrics('  - name: a.<x>', '  - name: a.<x>.b'),
  ],
  invalid: [
    {code: metrics('  - name: a.b', '  - name: a.b'), errors: [{messageId: 'duplicate', line: 4, column: 11, data: {name: 'a.b', other: 'a.b', line: 'line 3'}}]},
    {code: metrics('  - name: a.<x>', '    type: timer', '  - name: a.<y>', '    type: timer'), errors: [{messageId: 'duplicate', line: 5, data: {name: 'a.<y>', other: 'a.<x>', line: 'line 3'}}]},
    {code: metrics('  - name: a.b', '    type: counter', '  - name: a.b'), errors: [{messageId: 'duplicate', line: 5}]},
  ],
})

testCatalogRule(typeConflict, {
  valid: [metrics('  - name: a.b', '    type: counter', '  - name: a.b'), metrics('  - name: a.b', '    type: gauge', '  - name: a.c', '    type: counter')],
  invalid: [{
    code: metrics('  - name: a.b', '    type: counter', '  - name: a.b', '    type: gauge'),
    errors: [{messageId: 'conflict', line: 5, data: {name: 'a.b', type: 'gauge', otherType: 'counter', line: 'line 3'}}],
  }],
})

testCatalogRule(shadowedEntry, {
  valid: [
    catalog('placeholders:', '  region: {values: [de, fr]}', 'metrics:', '  - name: geo.de', '  - name: geo.<region>'),
    metrics('  - name: a.<x>', '  - name: a.b'),
  ],
  invalid: [{
    code: catalog('placeholders:', '  region: {values: [de, fr]}', 'metrics:', '  - name: geo.<region>', '  - name: geo.de', '  - name: geo.fr'),
    errors: [{messageId: 'shadowed', line: 5, column: 11, data: {name: 'geo.<region>', by: 'geo.de (line 6), geo.fr (line 7)'}}],
  }],
})
