import {yaml} from '../rule-tester.js'

/** One mapping named `name`, of a known type when `type` is given (observer: `counter|gauge|summary|histogram`). */
export function named(name: string, type?: 'counter' | 'gauge' | 'summary' | 'histogram', labels: readonly string[] = []): string {
  const typeLines = type === undefined ? []
    : type === 'counter' || type === 'gauge' ? [`  match_metric_type: ${type}`]
      : ['  match_metric_type: observer', `  observer_type: ${type}`]
  const labelLines = labels.length === 0 ? [] : ['  labels:', ...labels.map((l) => `    ${l}: x`)]
  return yaml('mappings:', '- match: a.*', `  name: ${name}`, ...typeLines, ...labelLines)
}
