/**
 * ESLint's default format: one block per file with an underlined path, aligned
 * `line:col  severity  message  rule` rows, and a summary line. Clean input gives ''.
 * Messages are padded to MAX_MESSAGE_PAD at most: a message quoting a megabyte-long
 * pattern runs long on its own row instead of padding every other row to its length.
 */
import {Chalk} from 'chalk'
import type {FormatterContext} from './context.js'
import type {LintResult, MessageSeverity} from '../result.js'
import {infoCount, plural, totals} from '../result.js'
import {terminalText} from '../../text/visible.js'

const MAX_MESSAGE_PAD = 100

export function stylish(results: readonly LintResult[], {color}: Pick<FormatterContext, 'color'>): string {
  const chalk = new Chalk({level: color ? 1 : 0})
  const {errorCount, warningCount} = totals(results)
  const infos = infoCount(results)
  const problems = errorCount + warningCount
  if (problems + infos === 0) return ''
  const label: Record<MessageSeverity, string> = {error: chalk.red('error  '), warning: chalk.yellow('warning'), info: chalk.blue('info   ')}

  let output = '\n'
  for (const result of results) {
    if (result.messages.length === 0) continue
    // Lines right-aligned, columns left-aligned, so the colons line up (as ESLint does).
    const lineWidth = widest(result.messages.map((m) => String(m.line)))
    const columnWidth = widest(result.messages.map((m) => String(m.column)))
    const rows = result.messages.map((m) => ({
      position: `${String(m.line).padStart(lineWidth)}:${String(m.column).padEnd(columnWidth)}`,
      severity: m.severity,
      message: terminalText(m.message).replace(/([^ ])\.$/u, '$1'),
      ruleId: m.ruleId,
    }))
    const messageWidth = Math.min(MAX_MESSAGE_PAD, widest(rows.map((r) => r.message)))
    output += `${chalk.underline(terminalText(result.filePath))}\n`
    for (const row of rows) {
      output += `  ${chalk.dim(row.position)}  ${label[row.severity]}  ${row.message.padEnd(messageWidth)}  ${chalk.dim(row.ruleId)}\n`
    }
    output += '\n'
  }

  // Lint reports no infos, so its summary line is the ESLint one; catalog diff adds its harmless changes.
  const counts = `${plural(errorCount, 'error')}, ${plural(warningCount, 'warning')}${infos > 0 ? `, ${plural(infos, 'info')}` : ''}`
  if (problems === 0) return output + chalk.blue.bold(`ℹ ${plural(infos, 'info')}`) + '\n'
  const paint = errorCount > 0 ? chalk.red.bold : chalk.yellow.bold
  return output + paint(`✖ ${plural(problems, 'problem')} (${counts})`) + '\n'
}

/** The longest length; not Math.max(...lengths), which overflows the stack past about 100,000 problems. */
function widest(texts: readonly string[]): number {
  return texts.reduce((width, text) => Math.max(width, text.length), 0)
}
