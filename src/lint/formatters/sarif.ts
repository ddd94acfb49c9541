/**
 * SARIF 2.1.0, the format GitHub code scanning uploads. Every rule that could report is
 * listed in the driver so results can refer to it by index; rule ids are stable.
 */
import type {FormatterContext} from './context.js'
import type {LintResult, MessageSeverity} from '../result.js'

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json'
const LEVEL: Record<MessageSeverity, string> = {error: 'error', warning: 'warning', info: 'note'}

export function sarif(results: readonly LintResult[], {rules, tool = 'metrics lint'}: Pick<FormatterContext, 'rules' | 'tool'>): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]))
  return JSON.stringify({
    version: '2.1.0',
    $schema: SCHEMA,
    runs: [{
      tool: {
        driver: {
          name: tool,
          rules: rules.map((rule) => ({
            id: rule.id,
            shortDescription: {text: rule.docs.description},
            defaultConfiguration: {level: LEVEL[rule.severity]},
            properties: {tags: [rule.kind]},
          })),
        },
      },
      results: results.flatMap((result) => result.messages.map((m) => ({
        ruleId: m.ruleId,
        ...(ruleIndex.has(m.ruleId) ? {ruleIndex: ruleIndex.get(m.ruleId)} : {}),
        level: LEVEL[m.severity],
        message: {text: m.message},
        locations: [{
          physicalLocation: {
            artifactLocation: {uri: artifactUri(result.filePath)},
            region: {
              startLine: m.line,
              startColumn: m.column,
              ...(m.endLine === undefined ? {} : {endLine: m.endLine}),
              ...(m.endColumn === undefined ? {} : {endColumn: m.endColumn}),
            },
          },
        }],
      }))),
    }],
  }, null, 2)
}

/** SARIF wants a URI reference: forward slashes, percent-encoded. */
function artifactUri(filePath: string): string {
  return encodeURI(filePath.replaceAll('\\', '/'))
}
