/**
 * Which catalogue entry a statsd name belongs to, and which entries can claim the same
 * names. Pure; shared by `catalog check` (overlap and shadowing rules), `tail --catalog`
 * and the traffic checks.
 *
 * Semantics (the catalogue spec's): a literal matches itself; a placeholder part matches
 * one or more characters other than `.` (only its `values`, when it declares them); a
 * placeholder declared with `segments: [a, b]` matches exactly that many whole segments
 * (only its `values`, when it declares them). Inside a segment, each placeholder takes
 * the shortest text that lets the rest of the segment match, left to right. The same
 * placeholder written twice in one name is not required to match the same text twice.
 *
 * When several entries match, the most specific wins: an entry whose names are all
 * names of another (and not the other way round) goes first; otherwise file order
 * decides. Entries that match exactly the same names are told apart by type when the
 * caller knows it (an entry of that type, else one of unknown type, else the first).
 *
 * Speed: entries are kept in a trie of segments, literal segments in a hash map, so a
 * name costs one lookup per segment plus a test per placeholder segment at that depth,
 * not a regex per entry. Segment tests never backtrack exponentially: a placeholder is
 * always followed by literal text or the end of its segment (two placeholders cannot be
 * written side by side), so each is tried at the places that text occurs, and failed
 * positions are remembered.
 */
import type {Catalog, MetricEntry, Placeholder, StatsdType} from './model.js'
import type {TemplateSegment} from './template.js'
import {formatSegment} from './template.js'

/** Where a placeholder's text goes: its name, and for one spanning segments, which of them. */
interface Capture {
  readonly name: string
  readonly index: number
  readonly of: number
}

type Part =
  | {readonly kind: 'literal'; readonly text: string}
  | {readonly kind: 'hole'; readonly capture: Capture; readonly values?: readonly string[]}

/** Closed values of a multi-segment placeholder are tried one by one, up to this many combinations per entry. */
const MAX_VARIANTS = 64
/** A segment with more combinations of closed values than this is judged as if they were open. */
const MAX_INSTANCES = 256
/** Names of an entry with closed values only are listed, up to this many, to find whether any reaches it… */
const MAX_LISTED_NAMES = 1000
/** …and up to this many for the whole catalogue; entries past it are not judged. */
const MAX_LISTED_IN_ALL = 100_000
/** Past this many states, two segments of long closed lists are taken to share a text, unnamed (''). */
const MAX_PRODUCT_STATES = 100_000
/** Overlapping pairs kept for the rules; a catalogue with more has one problem many times over. */
export const MAX_OVERLAPS = 10_000
/**
 * Pairs of entries that can match one name are examined up to this many. Past it (a
 * catalogue of thousands of entries that all overlap) the rest are matched in file
 * order rather than most specific first, and the analysis stops: time and memory stay
 * bounded, and overlapsTruncated says so.
 */
const MAX_PAIRS = 50_000

/** One segment of a name pattern. */
class SegmentPattern {
  /** The same for patterns that match the same texts the same way, whatever their placeholders are called. */
  readonly key: string
  /** Set when the segment is literal text only. */
  readonly literal: string | undefined
  private readonly valueSets: (ReadonlySet<string> | undefined)[]

  constructor(readonly parts: readonly Part[]) {
    this.key = parts.map((part) => (part.kind === 'literal' ? part.text : part.values ? `<${[...part.values].sort().join('\u0000')}>` : '<>')).join('\u0001')
    this.literal = parts.length === 1 && parts[0].kind === 'literal' ? parts[0].text : undefined
    this.valueSets = parts.map((part) => (part.kind === 'hole' && part.values ? new Set(part.values) : undefined))
  }

  /** Whether the segment matches, without collecting what the placeholders took: asked for every segment of every name. */
  test(text: string): boolean {
    if (this.literal !== undefined) return text === this.literal
    if (this.parts.length === 1) {
      const values = this.valueSets[0]
      return text !== '' && (values === undefined || values.has(text))
    }
    return this.matchFrom(0, 0, text, [], new Set())
  }

  /** The text each placeholder part took, in order, or undefined when the segment does not match. */
  match(text: string): string[] | undefined {
    if (this.literal !== undefined) return text === this.literal ? [] : undefined
    if (this.parts.length === 1) {
      const values = this.valueSets[0]
      return text !== '' && (values === undefined || values.has(text)) ? [text] : undefined
    }
    const captured: string[] = []
    return this.matchFrom(0, 0, text, captured, new Set()) ? captured : undefined
  }

  private matchFrom(index: number, at: number, text: string, captured: string[], failed: Set<number>): boolean {
    const parts = this.parts
    if (index === parts.length) return at === text.length
    const state = index * (text.length + 1) + at
    if (failed.has(state)) return false
    const part = parts[index]
    const attempt = (taken: number): boolean => {
      if (part.kind === 'hole') captured.push(text.slice(at, at + taken))
      if (this.matchFrom(index + 1, at + taken, text, captured, failed)) return true
      if (part.kind === 'hole') captured.pop()
      return false
    }
    let matched = false
    if (part.kind === 'literal') {
      matched = text.startsWith(part.text, at) && attempt(part.text.length)
    } else if (part.values) {
      matched = part.values.some((value) => value !== '' && text.startsWith(value, at) && attempt(value.length))
    } else {
      const next = parts[index + 1]
      if (next === undefined) {
        matched = at < text.length && attempt(text.length - at)
      } else if (next.kind === 'literal') {
        // A placeholder is followed by literal text: try each place it occurs, nearest first.
        for (let found = text.indexOf(next.text, at + 1); found !== -1 && !matched; found = text.indexOf(next.text, found + 1)) {
          matched = attempt(found - at)
        }
      }
    }
    if (!matched) failed.add(state)
    return matched
  }

  /** The pattern as a small automaton over characters (`null`: any character but `.`), for intersections. */
  automaton(): Automaton {
    const edges: Edge[][] = [[]]
    const add = () => edges.push([]) - 1
    let state = 0
    for (const part of this.parts) {
      if (part.kind === 'literal') {
        for (const char of part.text) {
          const next = add()
          edges[state].push({on: char, to: next})
          state = next
        }
      } else if (part.values) {
        const end = add()
        for (const value of part.values) {
          let at = state
          const chars = [...value]
          chars.forEach((char, i) => {
            const next = i === chars.length - 1 ? end : add()
            edges[at].push({on: char, to: next})
            at = next
          })
        }
        state = end
      } else {
        const loop = add()
        edges[state].push({on: null, to: loop})
        edges[loop].push({on: null, to: loop})
        state = loop
      }
    }
    return {edges, accept: state}
  }

  /**
   * Some texts this pattern matches, standing for all of them: each combination of its
   * closed values (all of them as open, past MAX_INSTANCES), each open placeholder as the
   * one character `fresh`. When another pattern without `fresh` in it matches every one,
   * it matches everything this one does: the fresh character can only have been taken
   * by an open placeholder there, which takes any other text as well.
   */
  instances(fresh: string): string[] {
    const combinations = this.parts.reduce((count, part) => count * (part.kind === 'hole' && part.values ? part.values.length : 1), 1)
    const expand = combinations <= MAX_INSTANCES
    let texts = ['']
    for (const part of this.parts) {
      const options = part.kind === 'literal' ? [part.text] : part.values && expand ? part.values.filter((value) => value !== '') : [fresh]
      texts = texts.flatMap((text) => options.map((option) => text + option))
    }
    return texts
  }

  /** Every text it matches, when its placeholders all have closed values and there are not too many; else undefined. */
  texts(): string[] | undefined {
    if (this.parts.some((part) => part.kind === 'hole' && part.values === undefined)) return undefined
    const combinations = this.parts.reduce((count, part) => count * (part.kind === 'hole' && part.values ? part.values.length : 1), 1)
    return combinations <= MAX_INSTANCES ? this.instances('') : undefined
  }

  /** The characters of its literal text and values. */
  characters(): string {
    return this.parts.map((part) => (part.kind === 'literal' ? part.text : (part.values ?? []).join(''))).join('')
  }
}

interface Edge {
  readonly on: string | null
  readonly to: number
}

interface Automaton {
  readonly edges: readonly (readonly Edge[])[]
  readonly accept: number
}

/** A text both patterns match, or undefined when they share none ('' when they may, but it took too long to say). */
function commonText(a: SegmentPattern, b: SegmentPattern): string | undefined {
  if (a.literal !== undefined) return b.test(a.literal) ? a.literal : undefined
  if (b.literal !== undefined) return a.test(b.literal) ? b.literal : undefined
  const left = a.automaton()
  const right = b.automaton()
  const width = right.edges.length
  const seen = new Map<number, {from: number; char: string}>([[0, {from: -1, char: ''}]])
  const queue = [0]
  for (let head = 0; head < queue.length; head++) {
    if (seen.size > MAX_PRODUCT_STATES) return ''
    const state = queue[head]
    const [l, r] = [Math.floor(state / width), state % width]
    if (l === left.accept && r === right.accept) {
      let text = ''
      for (let at = state; at !== 0;) {
        const step = seen.get(at) as {from: number; char: string}
        text = step.char + text
        at = step.from
      }
      return text
    }
    for (const x of left.edges[l]) {
      for (const y of right.edges[r]) {
        const char = x.on === null ? (y.on ?? 'x') : y.on === null || y.on === x.on ? x.on : undefined
        const next = x.to * width + y.to
        if (char === undefined || seen.has(next)) continue
        seen.set(next, {from: state, char})
        queue.push(next)
      }
    }
  }
  return undefined
}

/** Whether every text `a` matches, `b` matches too. */
function within(a: SegmentPattern, b: SegmentPattern): boolean {
  if (a.key === b.key) return true
  const taken = new Set(b.characters())
  let code = 0x4e00
  while (taken.has(String.fromCodePoint(code))) code++
  return a.instances(String.fromCodePoint(code)).every((text) => b.test(text))
}

/** Two slots that can match one name, and whether either's names are all the other's. */
interface SlotPair {
  readonly a: Slot
  readonly b: Slot
  readonly aWithin: boolean
  readonly bWithin: boolean
}

/** A whole-name pattern: one variant of an entry (closed multi-segment placeholders give several). */
interface Shape {
  readonly entry: number
  readonly segments: readonly SegmentPattern[]
  /** Placeholders fixed by the variant (a closed multi-segment placeholder's value). */
  readonly fixed: Readonly<Record<string, string>>
}

/** Entries matching exactly the same names the same way, in file order, and their place in the order of matching. */
interface Slot {
  readonly shapes: Shape[]
  rank: number
  readonly id: number
}

/**
 * A trie node; most are leaves, so their collections are made only when needed. The
 * path to a node spells one pattern key per segment, so the shapes that end at a node
 * match exactly the same names: they share its slot.
 */
class TrieNode {
  literal: Map<string, TrieNode> | undefined
  patterns: {readonly pattern: SegmentPattern; readonly node: TrieNode}[] | undefined
  slot: Slot | undefined
  /** The best rank below this node, so that a search can skip what cannot win. */
  minRank = Number.POSITIVE_INFINITY

  constructor(readonly id: number) {}
}

interface Variant {
  readonly segments: readonly SegmentPattern[]
  readonly fixed: Readonly<Record<string, string>>
}

const NONE_FIXED: Readonly<Record<string, string>> = Object.freeze({})

/**
 * The patterns of written segments. Segments repeat across a catalogue (`feed`,
 * `<FEED_CLASS>`, the file's prefix in every name), and one written segment always means
 * the same, so each is made once.
 */
class SegmentPatterns {
  private readonly made = new Map<string, readonly Variant[]>()

  constructor(private readonly placeholders: ReadonlyMap<string, Placeholder>) {}

  /**
   * What one written segment stands for: one pattern; for a multi-segment placeholder
   * one per segment; for one with closed values, one literal variant per value, with the
   * open form last (used when there are too many variants).
   */
  of(segment: TemplateSegment): readonly Variant[] {
    const [only] = segment.parts
    const text = segment.parts.length === 1 && only.kind === 'literal' ? only.text : formatSegment(segment)
    let variants = this.made.get(text)
    if (variants === undefined) this.made.set(text, variants = this.make(segment))
    return variants
  }

  private literal(text: string): SegmentPattern {
    return (this.of({parts: [{kind: 'literal', text}]})[0]).segments[0]
  }

  private make(segment: TemplateSegment): Variant[] {
    const [only] = segment.parts
    if (segment.parts.length === 1 && only.kind === 'literal') return [{segments: [new SegmentPattern([only])], fixed: NONE_FIXED}]
    const declared = segment.parts.length === 1 && only.kind === 'placeholder' ? this.placeholders.get(only.name) : undefined
    const names = declared?.segments
    if (declared && names) {
      const open = {segments: names.map((_, index) => new SegmentPattern([{kind: 'hole', capture: {name: declared.name, index, of: names.length}}])), fixed: NONE_FIXED}
      const values = declared.values?.filter((value) => value.split('.').length === names.length && !value.split('.').includes('')) ?? []
      if (values.length === 0) return [open]
      return [...values.map((value) => ({segments: value.split('.').map((text) => this.literal(text)), fixed: {[declared.name]: value}})), open]
    }
    const parts: Part[] = segment.parts.map((part) => {
      if (part.kind === 'literal') return part
      const placeholder = this.placeholders.get(part.name)
      const values = placeholder?.segments ? undefined : placeholder?.values
      return {kind: 'hole', capture: {name: part.name, index: 0, of: 1}, ...(values ? {values} : {})}
    })
    return [{segments: [new SegmentPattern(parts)], fixed: NONE_FIXED}]
  }
}

function shapesOf(catalog: Catalog, metric: MetricEntry, entry: number, patterns: SegmentPatterns): Shape[] {
  const written = catalog.prefix ? [...catalog.prefix.segments, ...metric.name.segments] : metric.name.segments
  const options = written.map((segment) => patterns.of(segment))
  let variants: readonly Variant[]
  if (options.every((option) => option.length === 1)) {
    const segments: SegmentPattern[] = []
    let fixed = NONE_FIXED
    for (const [option] of options) {
      segments.push(...option.segments)
      if (option.fixed !== NONE_FIXED) fixed = {...fixed, ...option.fixed}
    }
    variants = [{segments, fixed}]
  } else {
    variants = [{segments: [], fixed: NONE_FIXED}]
    for (const option of options) {
      // Past MAX_VARIANTS a closed multi-segment placeholder counts as open, which matches a superset.
      const closed = option.length === 1 ? option : option.slice(0, -1)
      const choices = variants.length * closed.length <= MAX_VARIANTS ? closed : option.slice(-1)
      variants = variants.flatMap((variant) => choices.map((choice) => ({segments: [...variant.segments, ...choice.segments], fixed: {...variant.fixed, ...choice.fixed}})))
    }
  }
  return variants.map(({segments, fixed}) => ({entry, segments, fixed}))
}

export interface Match {
  readonly entry: MetricEntry
  /** The entry's index in `catalog.metrics`. */
  readonly index: number
  /** Placeholder name → the text it matched; a multi-segment one's segments joined with `.`. */
  readonly values: Readonly<Record<string, string>>
}

/** Two entries that can claim the same statsd name. */
export interface Overlap {
  /** Indexes in `catalog.metrics`; `first` is the earlier in the file, except for `within`. */
  readonly first: number
  readonly second: number
  /**
   * `same`: they match exactly the same names. `within`: every name `first` matches,
   * `second` matches too (so `first` wins those). `partial`: each matches names the
   * other does not.
   */
  readonly relation: 'same' | 'within' | 'partial'
  /** A statsd name both match (a placeholder's open text shown as `x`). */
  readonly example: string
}

/** An entry no statsd name reaches: each of its names belongs to a more specific or earlier entry. */
export interface Unreachable {
  readonly entry: number
  /** The entries that take its names. */
  readonly by: readonly number[]
}

export interface CatalogIndex {
  /** The entry a statsd name (with the file's prefix) belongs to; `type` decides among entries of the same names. */
  match(name: string, type?: StatsdType): Match | undefined
  /** Pairs of entries that can claim the same name, up to MAX_OVERLAPS. */
  readonly overlaps: readonly Overlap[]
  /** Whether overlaps stopped at MAX_OVERLAPS. */
  readonly overlapsTruncated: boolean
  /**
   * Entries with only closed values (a list of names, up to MAX_LISTED_NAMES each and
   * MAX_LISTED_IN_ALL in all) none of which reaches them.
   */
  readonly unreachable: readonly Unreachable[]
}

export function indexCatalog(catalog: Catalog): CatalogIndex {
  return new Index(catalog)
}

class Index implements CatalogIndex {
  private readonly root: TrieNode
  private nodeCount = 0
  private readonly slots: Slot[] = []
  private readonly shapesByEntry: Shape[][]
  readonly overlaps: Overlap[] = []
  overlapsTruncated = false
  readonly unreachable: Unreachable[] = []

  constructor(private readonly catalog: Catalog) {
    this.root = this.node()
    const patterns = new SegmentPatterns(new Map(catalog.placeholders.map((placeholder) => [placeholder.name, placeholder])))
    this.shapesByEntry = catalog.metrics.map((metric, entry) => shapesOf(catalog, metric, entry, patterns))
    for (const shapes of this.shapesByEntry) {
      for (const shape of shapes) {
        const leaf = this.insert(shape.segments)
        if (leaf.slot === undefined) this.slots.push(leaf.slot = {shapes: [], rank: 0, id: this.slots.length})
        leaf.slot.shapes.push(shape)
      }
    }
    const pairs = this.intersectingPairs()
    this.rank(pairs)
    this.setMinRanks(this.root)
    this.collectOverlaps(pairs)
    this.findUnreachable()
  }

  private node(): TrieNode {
    return new TrieNode(this.nodeCount++)
  }

  /** The node a shape's segments lead to, made as needed. */
  private insert(segments: readonly SegmentPattern[]): TrieNode {
    let node = this.root
    for (const pattern of segments) {
      if (pattern.literal !== undefined) {
        const literal = (node.literal ??= new Map())
        let child = literal.get(pattern.literal)
        if (child === undefined) literal.set(pattern.literal, child = this.node())
        node = child
      } else {
        const patterns = (node.patterns ??= [])
        let edge = patterns.find((candidate) => candidate.pattern.key === pattern.key)
        if (edge === undefined) patterns.push(edge = {pattern, node: this.node()})
        node = edge.node
      }
    }
    return node
  }

  /** Slots whose names intersect: trie nodes walked in pairs, only along segments that can be the same text. */
  private intersectingPairs(): SlotPair[] {
    const pairs: SlotPair[] = []
    const visited = new Set<number>()
    const walk = (u: TrieNode, v: TrieNode): void => {
      const key = u.id < v.id ? u.id * this.nodeCount + v.id : v.id * this.nodeCount + u.id
      if (visited.has(key) || pairs.length >= MAX_PAIRS) return
      visited.add(key)
      if (u !== v && u.slot && v.slot) {
        const [a, b] = [u.slot.shapes[0], v.slot.shapes[0]]
        pairs.push({a: u.slot, b: v.slot, aWithin: this.shapeWithin(a, b), bWithin: this.shapeWithin(b, a)})
      }
      const full = () => pairs.length >= MAX_PAIRS
      if (u.literal) {
        for (const [text, child] of u.literal) {
          if (full()) return
          const same = v.literal?.get(text)
          if (same) walk(child, same)
          if (v.patterns) for (const edge of v.patterns) if (edge.pattern.test(text)) walk(child, edge.node)
        }
      }
      for (const edge of u.patterns ?? []) {
        if (v.literal) {
          for (const [text, child] of v.literal) {
            if (full()) return
            if (edge.pattern.test(text)) walk(edge.node, child)
          }
        }
        if (v.patterns) for (const other of v.patterns) if (edge.pattern.key === other.pattern.key || commonText(edge.pattern, other.pattern) !== undefined) walk(edge.node, other.node)
      }
    }
    walk(this.root, this.root)
    if (pairs.length >= MAX_PAIRS) this.overlapsTruncated = true
    return pairs
  }

  /** Orders slots so that a slot whose names are all another's comes first; otherwise by file order. */
  private rank(pairs: readonly SlotPair[]): void {
    const after = this.slots.map(() => [] as Slot[])
    const waiting = this.slots.map(() => 0)
    for (const {a, b, aWithin, bWithin} of pairs) {
      if (aWithin === bWithin) continue
      const [first, second] = aWithin ? [a, b] : [b, a]
      after[first.id].push(second)
      waiting[second.id]++
    }
    const ready = new ReadySlots()
    for (const slot of this.slots) if (waiting[slot.id] === 0) ready.push(slot)
    let rank = 0
    while (ready.size > 0) {
      const slot = ready.pop()
      slot.rank = rank++
      for (const next of after[slot.id]) if (--waiting[next.id] === 0) ready.push(next)
    }
  }

  private setMinRanks(node: TrieNode): number {
    let min = node.slot?.rank ?? Number.POSITIVE_INFINITY
    node.literal?.forEach((child) => {
      min = Math.min(min, this.setMinRanks(child))
    })
    for (const edge of node.patterns ?? []) min = Math.min(min, this.setMinRanks(edge.node))
    node.minRank = min
    return min
  }

  private shapeWithin(a: Shape, b: Shape): boolean {
    return a.segments.every((segment, i) => within(segment, b.segments[i]))
  }

  private collectOverlaps(pairs: readonly SlotPair[]): void {
    const seen = new Set<string>()
    /** False once MAX_OVERLAPS are kept: the caller stops. */
    const add = (relation: Overlap['relation'], first: Shape, second: Shape): boolean => {
      if (first.entry === second.entry) return true
      if (this.overlaps.length >= MAX_OVERLAPS) {
        this.overlapsTruncated = true
        return false
      }
      const key = `${first.entry},${second.entry}`
      if (seen.has(key)) return true
      seen.add(key)
      const example = first.segments.map((segment, i) => commonText(segment, second.segments[i]) ?? '').join('.')
      this.overlaps.push({first: first.entry, second: second.entry, relation, example})
      return true
    }
    const inFileOrder = (a: Shape, b: Shape): [Shape, Shape] => (a.entry < b.entry ? [a, b] : [b, a])
    for (const slot of this.slots) {
      for (let i = 0; i < slot.shapes.length; i++) {
        for (let j = i + 1; j < slot.shapes.length; j++) if (!add('same', slot.shapes[i], slot.shapes[j])) return
      }
    }
    for (const {a, b, aWithin, bWithin} of pairs) {
      for (const left of a.shapes) {
        for (const right of b.shapes) {
          const kept = aWithin && bWithin ? add('same', ...inFileOrder(left, right))
            : aWithin ? add('within', left, right)
              : bWithin ? add('within', right, left)
                : add('partial', ...inFileOrder(left, right))
          if (!kept) return
        }
      }
    }
  }

  /** Entries whose names can be listed (closed values only) and are all taken by other entries. */
  private findUnreachable(): void {
    let budget = MAX_LISTED_IN_ALL
    this.shapesByEntry.forEach((shapes, entry) => {
      const names = budget > 0 ? listNames(shapes) : undefined
      if (names === undefined || names.length === 0) return
      budget -= names.length
      const type = this.catalog.metrics[entry].type
      const by = new Set<number>()
      for (const name of names) {
        const found = this.match(name, type)
        if (found === undefined || found.index === entry) return
        by.add(found.index)
      }
      this.unreachable.push({entry, by: [...by].sort((a, b) => a - b)})
    })
  }

  match(name: string, type?: StatsdType): Match | undefined {
    const segments = name.split('.')
    let best: Slot | undefined
    const search = (node: TrieNode, depth: number): void => {
      if (node.minRank >= (best?.rank ?? Number.POSITIVE_INFINITY)) return
      if (depth === segments.length) {
        const slot = node.slot
        if (slot && slot.rank < (best?.rank ?? Number.POSITIVE_INFINITY)) best = slot
        return
      }
      const segment = segments[depth]
      const child = node.literal?.get(segment)
      if (child) search(child, depth + 1)
      for (const edge of node.patterns ?? []) {
        if (edge.node.minRank < (best?.rank ?? Number.POSITIVE_INFINITY) && edge.pattern.test(segment)) search(edge.node, depth + 1)
      }
    }
    search(this.root, 0)
    if (best === undefined) return undefined
    const shape = pickByType(best.shapes, this.catalog.metrics, type)
    return {entry: this.catalog.metrics[shape.entry], index: shape.entry, values: captures(shape, segments)}
  }
}

function pickByType(shapes: readonly Shape[], metrics: readonly MetricEntry[], type: StatsdType | undefined): Shape {
  if (type === undefined) return shapes[0]
  return shapes.find((shape) => metrics[shape.entry].type === type) ?? shapes.find((shape) => metrics[shape.entry].type === 'unknown') ?? shapes[0]
}

function captures(shape: Shape, segments: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {...shape.fixed}
  const spans = new Map<string, string[]>()
  shape.segments.forEach((pattern, i) => {
    const texts = pattern.match(segments[i]) ?? []
    let hole = 0
    for (const part of pattern.parts) {
      if (part.kind !== 'hole') continue
      const text = texts[hole++]
      const {name, index, of} = part.capture
      if (of === 1) {
        values[name] ??= text
        continue
      }
      const span = spans.get(name) ?? Array.from({length: of}, () => '')
      span[index] = text
      spans.set(name, span)
    }
  })
  for (const [name, span] of spans) values[name] ??= span.join('.')
  return values
}

/** Every name an entry's shapes match, when they have closed values only and not too many; else undefined. */
function listNames(shapes: readonly Shape[]): string[] | undefined {
  const names: string[] = []
  for (const shape of shapes) {
    let texts: string[] | undefined
    for (const segment of shape.segments) {
      const options = segment.texts()
      if (options === undefined) return undefined
      texts = texts === undefined ? options : texts.flatMap((text) => options.map((option) => `${text}.${option}`))
      if (texts.length > MAX_LISTED_NAMES) return undefined
    }
    names.push(...(texts ?? []))
    if (names.length > MAX_LISTED_NAMES) return undefined
  }
  return names
}

/** A binary heap of slots, least file order first: the slots free to take the next rank. */
class ReadySlots {
  private readonly heap: Slot[] = []

  get size(): number {
    return this.heap.length
  }

  private static before(a: Slot, b: Slot): boolean {
    const [x, y] = [a.shapes[0].entry, b.shapes[0].entry]
    return x < y || (x === y && a.id < b.id)
  }

  push(slot: Slot): void {
    const heap = this.heap
    heap.push(slot)
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1
      if (!ReadySlots.before(heap[i], heap[parent])) break
      ;[heap[i], heap[parent]] = [heap[parent], heap[i]]
      i = parent
    }
  }

  pop(): Slot {
    const heap = this.heap
    const top = heap[0]
    const last = heap.pop() as Slot
    if (heap.length > 0) {
      heap[0] = last
      for (let i = 0; ;) {
        const [left, right] = [2 * i + 1, 2 * i + 2]
        let least = i
        if (left < heap.length && ReadySlots.before(heap[left], heap[least])) least = left
        if (right < heap.length && ReadySlots.before(heap[right], heap[least])) least = right
        if (least === i) break
        ;[heap[i], heap[least]] = [heap[least], heap[i]]
        i = least
      }
    }
    return top
  }
}
