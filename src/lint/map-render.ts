/**
 * The human form of `metrics map`: one line per name, `name → series`, and with
 * --explain the rule that decided or the nearest misses, as `file:line:col`.
 */
import {Chalk} from 'chalk'
import {formatSeries} from './resolve.js'
import {terminalText} from '../text/visible.js'
import type {MapRow, RuleRef} from './map-names.js'

export function renderMapRows(rows: readonly MapRow[], options: {readonly explain: boolean; readonly color: boolean; readonly configPath: string}): string {
  const chalk = new Chalk({level: options.color ? 1 : 0})
  const where = (rule: RuleRef) => `mappings[${rule.index}] at ${terminalText(options.configPath)}:${rule.line}:${rule.column} (${rule.matchType} '${terminalText(rule.match)}')`
  const lines: string[] = []
  for (const row of rows) {
    const outcome = row.action === 'drop' ? chalk.yellow('drop')
      : row.error !== undefined ? `${chalk.red(row.error)} ${chalk.dim(row.matched ? "(the rule's name is empty: statsd_exporter drops the event)" : '(no name: statsd_exporter drops the event)')}`
      : row.matched ? chalk.green(terminalText(formatSeries(row.name, row.labels)))
        : `${chalk.red('unmapped')} ${chalk.dim(terminalText(formatSeries(row.name, row.labels)))}`
    lines.push(`${terminalText(row.input)} → ${outcome}`)
    if (!options.explain) continue
    if (row.rule) {
      lines.push(chalk.dim(`  matched ${where(row.rule)}`))
    } else if (row.nearest === undefined || row.nearest.length === 0) {
      lines.push(chalk.dim('  no rule matched: the config has no mappings'))
    } else {
      lines.push(chalk.dim('  no rule matched; nearest:'))
      for (const miss of row.nearest) lines.push(chalk.dim(`    ${where(miss)}: ${terminalText(miss.reason)}`))
    }
  }
  return lines.join('\n') + '\n'
}
