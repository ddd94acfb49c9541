/**
 * A YAML config file as a tree with positions (yaml's Document), for what the plain
 * values of toJS() cannot tell: where a key or value is, and whether a key is repeated.
 * yaml is loaded only when a YAML file is read, or a JSON file's error is placed: it
 * costs more start-up time than all of `metrics send`.
 */
import {createRequire} from 'node:module'
import type {Document, LineCounter} from 'yaml'
import type {ConfigPath} from './schema.js'

/** 1-based, as editors count. */
export interface Position {
  readonly line: number
  readonly col: number
}

/**
 * Where a value is in the file: the value at `path` or, when the file has none there,
 * the nearest one enclosing it; with 'key', the key that names it.
 */
export type Locate = (path: ConfigPath, what?: 'key' | 'value') => Position | undefined

export interface YamlTree {
  readonly yaml: typeof import('yaml')
  readonly document: Document.Parsed
  readonly lines: LineCounter
}

export function parseYamlTree(text: string): YamlTree {
  const require = createRequire(import.meta.url)
  const yaml = require('yaml') as typeof import('yaml')
  const lines = new yaml.LineCounter()
  // yaml's own check for repeated keys compares each key with every other: half a minute for 60,000. findDuplicateKey uses a Set.
  return {yaml, document: yaml.parseDocument(text, {lineCounter: lines, uniqueKeys: false}), lines}
}

const positionOf = ({yaml, lines}: YamlTree, node: unknown): Position | undefined => {
  const offset = yaml.isNode(node) ? node.range?.[0] : undefined
  return offset === undefined ? undefined : lines.linePos(offset)
}

export interface DuplicateKey {
  readonly mapping: ConfigPath
  readonly key: string
  readonly position?: Position
}

/** The first key repeated in its mapping, in the file's order; the tree is walked without recursion, however deep. */
export function findDuplicateKey(tree: YamlTree): DuplicateKey | undefined {
  const {yaml, document} = tree
  interface Visit {
    readonly node: unknown
    readonly parent?: Visit
    readonly part?: string | number
  }
  const pathOf = (visit: Visit): ConfigPath => (visit.parent === undefined ? [] : [...pathOf(visit.parent), visit.part ?? ''])
  const stack: Visit[] = [{node: document.contents}]
  for (let visit = stack.pop(); visit !== undefined; visit = stack.pop()) {
    const {node} = visit
    const children: Visit[] = []
    if (yaml.isMap(node)) {
      const seen = new Set<string>()
      for (const {key, value} of node.items) {
        const name = yaml.isScalar(key) ? String(key.value) : undefined
        if (name !== undefined) {
          if (seen.has(name)) return {mapping: pathOf(visit), key: name, position: positionOf(tree, key)}
          seen.add(name)
        }
        children.push({node: value, parent: visit, part: name})
      }
    } else if (yaml.isSeq(node)) {
      node.items.forEach((item, index) => children.push({node: item, parent: visit, part: index}))
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i])
  }
  return undefined
}

export function yamlLocator(tree: YamlTree): Locate {
  const {yaml, document} = tree
  // An alias is placed where its anchor is.
  const resolve = (node: unknown): unknown => (yaml.isAlias(node) ? node.resolve(document) : node)
  return (path, what = 'value') => {
    let value = resolve(document.contents)
    let key: unknown
    let found = 0
    for (const part of path) {
      const pair = yaml.isMap(value) && typeof part === 'string' ? value.items.findLast(item => yaml.isScalar(item.key) && String(item.key.value) === part) : undefined
      const item = yaml.isSeq(value) && typeof part === 'number' ? value.items[part] : undefined
      if (pair === undefined && item === undefined) break
      key = pair?.key
      value = resolve(pair === undefined ? item : pair.value)
      found++
    }
    // A key with no value (`host:`) has only the key to point at.
    const wanted = found === path.length && what === 'key' && key !== undefined ? key : yaml.isNode(value) ? value : key
    return positionOf(tree, wanted)
  }
}
