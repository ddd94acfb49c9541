/**
 * The stream views (pretty, json, raw) as a RecordSink: each packet's output is built as
 * one string and written once. With a mapping, pretty and json show the series each
 * sample becomes; raw shows lines as they came.
 */
import type {SeriesOutcome} from '../exporter/translate.js'
import type {ParseRecord} from '../statsd/parse.js'
import type {StreamFormat} from './options.js'
import type {TextOutput} from './output.js'
import type {RecordSink} from './pipeline.js'
import {jsonRecord} from './views/json.js'
import {prettyRecord, widen, type PrettyWidths} from './views/pretty.js'
import {rawLines} from './views/raw.js'
import {palette, type Palette} from './views/style.js'

export class StreamView implements RecordSink {
  private text = ''
  private lines = 0
  // Most values fit six columns: starting there keeps the first lines from shifting.
  private widths: PrettyWidths = {name: 0, value: 6}
  /** For raw: the numbers of the lines to show. */
  private readonly shown = new Set<number>()
  private readonly paint: Palette

  constructor(
    private readonly format: StreamFormat,
    /** stdout, or the main thread when this runs on the analysis worker. */
    private readonly output: TextOutput,
    color: boolean,
  ) {
    this.paint = palette(color)
  }

  record(record: ParseRecord, now: number, series?: SeriesOutcome): void {
    switch (this.format) {
      case 'raw':
        this.shown.add(record.lineNo)
        return
      case 'json':
        this.text += jsonRecord(record, series) + '\n'
        break
      case 'pretty':
        this.widths = widen(this.widths, record)
        this.text += prettyRecord(record, now, this.widths, this.paint, series) + '\n'
    }
    this.lines++
  }

  endPacket(packet: Uint8Array, firstLineNo: number): void {
    if (this.format === 'raw' && this.shown.size > 0) {
      this.text = rawLines(packet, firstLineNo, lineNo => this.shown.has(lineNo))
      this.lines = this.shown.size
      this.shown.clear()
    }
    this.output.write(this.text, this.lines)
    this.text = ''
    this.lines = 0
  }
}
