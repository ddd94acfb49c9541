import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {isMap, isPair, isScalar, isSeq, parseAllDocuments} from 'yaml'
import {readBlockYaml} from '../../src/mapping/yaml-block.js'
import type {DocNode, DocTree} from '../../src/mapping/yaml-decode.js'

/** What the decoders read from a yaml package node: kind, value, style, tag, anchor and range, recursively. */
function yamlShape(node: unknown): unknown {
  if (node === null || node === undefined) return null
  if (isScalar(node)) return {scalar: node.value, type: node.type, tag: node.tag, anchor: node.anchor, range: node.range?.slice(0, 2)}
  if (isPair(node)) return {key: yamlShape(node.key), value: yamlShape(node.value)}
  if (isMap(node) || isSeq(node)) return {kind: isMap(node) ? 'map' : 'seq', anchor: node.anchor, range: node.range?.slice(0, 2), items: node.items.map(yamlShape)}
  return {other: String(node)}
}

/** The same for a node the block reader built. */
function shape(tree: DocTree, node: DocNode | null): unknown {
  if (node === null) return null
  const range = [tree.start(node), tree.end(node)]
  const anchor = tree.anchors.get(node)
  switch (tree.kind(node)) {
    case 'scalar': return {scalar: tree.value(node), type: tree.style(node), tag: tree.tag(node), anchor, range}
    case 'map': {
      const items = Array.from({length: tree.size(node)}, (_, i) => ({key: shape(tree, tree.key(node, i)), value: shape(tree, tree.pairValue(node, i))}))
      return {kind: 'map', anchor, range, items}
    }
    case 'seq': return {kind: 'seq', anchor, range, items: tree.items(node).map((item) => shape(tree, item))}
    case 'alias': return {alias: tree.value(node)}
  }
}

/** The yaml package's answer, when it reads the text without an error. */
function reference(text: string): unknown {
  const [document, ...rest] = parseAllDocuments(text, {schema: 'failsafe', uniqueKeys: false, prettyErrors: false})
  if (document === undefined || rest.length > 0 || document.errors.length > 0) return 'error'
  return yamlShape(document.contents)
}

function expectSameAsYaml(text: string): DocNode | undefined {
  const fast = readBlockYaml(text)
  if (fast !== undefined) expect(shape(fast.tree, fast.root)).toEqual(reference(text))
  return fast?.root
}

const lines = (...all: string[]): string => all.join('\n') + '\n'

describe('readBlockYaml: the block subset, node for node as the yaml package reads it', () => {
  it.each([
    lines('defaults:', '  observer_type: histogram', '  ttl: 10m', 'mappings:', '- match: "a.*.b"', '  name: "x_$1"', '  labels:', '    job: "$1"', '    team: t'),
    lines('mappings:', '  - match: a.b', '    name: x', '    histogram_options:', '      buckets: [0.005, 0.05 , 5]', '  - match: c', '    name: y'),
    lines('# header', '', 'mappings:', '# first', '- match: a # trailing', '  name: x   ', '', '# second', '- match: b', '  name: y'),
    lines('mappings:', '- match: \'a\\.(\\w+)\'', '  match_type: regex', "  name: 'it''s'", '  help: "say \\"hi\\" \\\\ bye"'),
    lines('mappings:', '-', '  match: a', '  name:', '  labels: []', '- match: b', '  name: -1'),
    'mappings:\n- match: a\n  name: x',
    lines('a: x:y', 'b: http://h/p', 'c: a #b', '"d": "q"'),
    lines('tags:', '  source: {}', '  other: { }  # open', 'b: 1'),
    lines('values: ["false", \'1.0\', x, "a\\"b"]', 'empty: [ ]'),
    lines('metrics:', '  - description: |', '      First: line.', '', '      # not a comment', '        deeper', '    type: x', '', '  - d: |-', '      a', 'b: 1'),
    lines('a: |', '  x', '', '', 'b: 1'),
    'a: |-\n  last',
  ])('reads %j as the yaml package does', (text) => {
    expect(expectSameAsYaml(text)).toBeDefined()
  })

  it.each([
    ['an anchor and alias', lines('a: &x 1', 'b: *x')],
    ['a tag', lines('a: !!str 1')],
    ['a folded block scalar', lines('a: >', '  x')],
    ['a literal block that keeps trailing lines', lines('a: |+', '  x')],
    ['a literal block with an indentation indicator', lines('a: |2', '   x')],
    ['a literal block with a comment after the indicator', lines('a: | # c', '  x')],
    ['a literal block with a line of spaces longer than its indentation', lines('a: |', '  x', '     ', '  y')],
    ['a literal block in a list', lines('- |', '  x')],
    ['a literal block less indented after its first line', lines('a:', '  b: |', '      x', '    y')],
    ['a multi-line plain scalar', lines('a: x', '  y')],
    ['a flow map', lines('a: {b: 1}')],
    ['an empty flow map in a list', lines('a:', '- {}')],
    ['a nested flow list', lines('a: [[1]]')],
    ['a second document', lines('a: 1', '---', 'b: 2')],
    ['a tab', 'a:\t1\n'],
    ['CRLF line ends', 'a: 1\r\nb: 2\r\n'],
    ['a comment indented unlike the next line', lines('a:', '  b: 1', '  # c', 'd: 2')],
    ['a comment after the last value', lines('a: 1', '# end')],
    ['a comment between a list and the next key at its column', lines('a:', '  - b: 1', '  # c', '  d: 2')],
    ['an escape other than \\\\ and \\"', lines('a: "x\\ty"')],
    ['a key without a value on the same line as a list', lines('a: - b')],
    ['a value with ": " inside', lines('a: b: c')],
    ['an empty document', ''],
  ])('leaves %s to the yaml package', (_what, text) => {
    expect(readBlockYaml(text)).toBeUndefined()
  })

  it('agrees with the yaml package on generated documents whenever it reads them', () => {
    const word = fc.constantFrom('a', 'match', 'name', 'x_1', '0.5', '-1', 'a.*.b', 'y', 'true', '~', '')
    const scalar = fc.oneof(
      word,
      word.map((w) => `"${w}"`),
      word.map((w) => `'${w}'`),
      fc.constantFrom('[1, 2]', '[ ]', '[a,b ]', '["a", \'b\']', '[ "x" ,y]', '["a"b]', '["a",]', '[\'it\'\'s\', "q\\"r"]', '["a" # c]', 'x # c', '"q"  # c', '#c', 'a #b', "'it''s'", '"a\\"b"', 'a: b', '*a', '&a b', '[a', '{}', '{ }', '{ } # c', '{}x', '{a}', '|', '|-', '|- ', '|+', '|1', '| # c', '>'),
    )
    const indent = fc.constantFrom('', ' ', '  ', '    ')
    const line = fc.oneof(
      fc.tuple(indent, word, scalar).map(([i, k, v]) => `${i}${k}: ${v}`),
      fc.tuple(indent, word).map(([i, k]) => `${i}${k}:`),
      fc.tuple(indent, scalar).map(([i, v]) => `${i}- ${v}`),
      fc.tuple(indent, word, scalar).map(([i, k, v]) => `${i}- ${k}: ${v}`),
      fc.tuple(indent, word).map(([i, k]) => `${i}- ${k}:`),
      indent.map((i) => `${i}-`),
      indent.map((i) => `${i}# note`),
      fc.constantFrom('', '  '),
    )
    const document = fc.tuple(fc.array(line, {minLength: 1, maxLength: 12}), fc.boolean()).map(([all, newline]) => all.join('\n') + (newline ? '\n' : ''))
    let read = 0
    fc.assert(fc.property(document, (text) => {
      if (expectSameAsYaml(text) !== undefined) read++
    }), {numRuns: 20_000})
    // The generator must reach the fast path often enough for this test to mean something.
    expect(read).toBeGreaterThan(1000)
  })
})
