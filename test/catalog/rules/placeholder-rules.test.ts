import placeholderMeaning from '../../../src/catalog/rules/placeholder-meaning.js'
import unusedPlaceholder from '../../../src/catalog/rules/unused-placeholder.js'
import {catalog, testCatalogRule} from './rule-tester.js'

const PREFIX = ['placeholders:', '  PREFIX: {segments: [system, environment]}']

testCatalogRule(placeholderMeaning, {
  valid: [
    catalog(...PREFIX, 'metrics:', '  - name: <PREFIX>.feed.reads'),
    catalog('prefix: <PREFIX>', ...PREFIX, 'metrics:', '  - name: feed.reads'),
    // Per-tag descriptions, detectors and budgets say what the tag holds there.
    catalog('placeholders:', '  apikey: {sensitive: true}', 'metrics:', '  - name: a', '    tags:', '      key: {values: <apikey>, cardinality: 10, description: here}', '  - name: b', '    tags:', '      k: {values: <apikey>, sensitive: true, allow: [uuid]}'),
    // A placeholder used only in tags may have dotted values (v1.search).
    catalog('placeholders:', '  path: {values: [v1.search]}', 'metrics:', '  - name: a', '    tags:', '      path: <path>'),
  ],
  invalid: [
    {
      code: catalog(...PREFIX, 'metrics:', '  - name: x_<PREFIX>.reads'),
      errors: [{messageId: 'wholeSegments', line: 5, column: 11, severity: 'error', data: {placeholder: 'PREFIX', count: 2, segments: 'system, environment', name: 'x_<PREFIX>.reads'}}],
    },
    {
      code: catalog(...PREFIX, 'metrics:', '  - name: a', '    tags:', '      env: <PREFIX>'),
      errors: [{messageId: 'tagValue', line: 7, column: 12, severity: 'error'}],
    },
    {
      code: catalog('placeholders:', '  apikey: {sensitive: true}', 'metrics:', '  - name: a', '    tags:', '      key: {values: <apikey>, sensitive: false}'),
      errors: [{messageId: 'sensitive', line: 7, severity: 'warning', data: {tag: 'key', placeholder: 'apikey', this: 'not sensitive', where: 'its declaration (line 3)', that: 'sensitive'}}],
    },
    {
      code: catalog('metrics:', '  - name: a', '    tags:', '      k1: {values: <id>, sensitive: true}', '  - name: b', '    tags:', '      k2: {values: <id>, sensitive: false}'),
      errors: [{messageId: 'sensitive', line: 8, data: {tag: 'k2', placeholder: 'id', this: 'not sensitive', where: 'tag k1 (line 5)', that: 'sensitive'}}],
    },
    {
      code: catalog('placeholders:', '  FEED_CLASS: {}', 'metrics:', '  - name: a.<FEED_CLASS>', '  - name: b.<feed_class>'),
      errors: [{messageId: 'case', line: 6, data: {placeholder: 'feed_class', other: 'FEED_CLASS', line: 'line 3'}}],
    },
    {
      code: catalog('placeholders:', '  env:', '    examples: [lego.production]', 'metrics:', '  - name: <env>.reads'),
      errors: [{messageId: 'dotted', line: 4, column: 15, data: {placeholder: 'env', key: 'examples', value: '"lego.production"'}}],
    },
  ],
})

testCatalogRule(unusedPlaceholder, {
  valid: [
    catalog('prefix: <P>', 'placeholders:', '  P: {}', '  tagged: {}', '  named: {}', 'metrics:', '  - name: a.<named>', '    tags:', '      k: <tagged>'),
  ],
  invalid: [{code: catalog('placeholders:', '  FEED: {}', 'metrics:', '  - name: a.<FEEDS>'), errors: [{messageId: 'unused', line: 3, column: 3, data: {placeholder: 'FEED'}}]}],
})
