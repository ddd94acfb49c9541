import {describe, expect, it} from 'vitest'
import {json} from '../../../src/lint/formatters/json.js'
import {changes, clean, mixed} from './fixtures.js'

describe('json formatter', () => {
  it('writes an info as severity 0, counted as neither error nor warning', () => {
    expect(JSON.parse(json([changes]))).toEqual([{filePath: 'new.catalog.yml', errorCount: 1, warningCount: 0, messages: [
      expect.objectContaining({ruleId: 'metric-added', severity: 0}),
      expect.objectContaining({ruleId: 'type-changed', severity: 2}),
    ]}])
  })

  it("writes ESLint's shape with numeric severities", () => {
    expect(JSON.parse(json([clean, mixed]))).toEqual([
      {filePath: 'ok.yml', messages: [], errorCount: 0, warningCount: 0},
      {
        filePath: 'mapping.yml',
        messages: [
          {ruleId: 'invalid-match', severity: 2, message: 'invalid match: a.b*.', line: 3, column: 10, endLine: 3, endColumn: 15},
          {ruleId: 'counter-total', severity: 1, message: 'counter metrics should have "_total" suffix', line: 12, column: 9},
        ],
        errorCount: 1,
        warningCount: 1,
      },
    ])
  })
})
