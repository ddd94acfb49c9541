/**
 * GitHub Actions workflow commands (`::error file=…::message`), which GitHub shows as
 * annotations on the changed lines. GitHub keeps only the first 10 annotations of each
 * type per step, so the complete stylish report follows them.
 */
import type {FormatterContext} from './context.js'
import type {LintResult, MessageSeverity} from '../result.js'
import {stylish} from './stylish.js'
import {terminalText} from '../terminal-text.js'

export function github(results: readonly LintResult[], context: Pick<FormatterContext, 'color'>): string {
  let output = ''
  for (const result of results) {
    for (const m of result.messages) {
      const properties = [
        `file=${escapeProperty(result.filePath)}`,
        `line=${m.line}`,
        `col=${m.column}`,
        ...(m.endLine === undefined ? [] : [`endLine=${m.endLine}`]),
        ...(m.endColumn === undefined ? [] : [`endColumn=${m.endColumn}`]),
        `title=${escapeProperty(m.ruleId)}`,
      ]
      output += `::${COMMAND[m.severity]} ${properties.join(',')}::${escapeData(terminalText(m.message))}\n`
    }
  }
  return output + stylish(results, context)
}

const COMMAND: Record<MessageSeverity, string> = {error: 'error', warning: 'warning', info: 'notice'}

// The escaping @actions/core applies (toolkit packages/core/src/command.ts).
function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C')
}
