import type {JobReport, StageName} from './job.js'

type Cell = number | undefined

const HEADINGS = ['stage', 'time', 'rows', 'points', 'tiles', 'new', 'changed', 'deleted', 'unchanged']

/** The closing table on stdout: one row per stage with what it read, produced and synced. */
export function summaryTable(report: JobReport): string {
  const {tile_new, tile_changed, tile_deleted, tile_unchanged} = report.sync
  const sync: Cell[] = [tile_new, tile_changed, tile_deleted, tile_unchanged]
  const rows: Array<[StageName, Cell, Cell, Cell, ...Cell[]]> = [
    ['export', report.rows, report.points, undefined],
    ['encode', undefined, report.points, undefined],
    ['merge', undefined, report.uniquePoints, undefined],
    ['render', undefined, undefined, report.tiles.written],
    ['upload', undefined, undefined, report.tiles.written, ...sync],
    ['main', report.rows, report.uniquePoints, report.tiles.written, ...sync],
  ]
  const table = [HEADINGS, ...rows.map(([stage, ...cells]) => [stage, `${report.seconds[stage].toFixed(2)} s`, ...padCells(cells).map(format)])]
  const widths = HEADINGS.map((_, column) => Math.max(...table.map(row => row[column].length)))
  const lines = table.map(row => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ').trimEnd())
  const notes = [`${report.quadtrees} encode ${report.quadtrees === 1 ? 'shard' : 'shards'}, zooms 0-${report.maxZoom}${report.shard === '0/1' ? '' : `, shard ${report.shard}`}, output ${report.output}`]
  if (report.invalid.count > 0) notes.push(`${report.invalid.count.toLocaleString('en-US')} invalid ${report.invalid.count === 1 ? 'row' : 'rows'} skipped`)
  if (report.sync.tile_failed > 0) notes.push(`${report.sync.tile_failed} tiles failed to sync`)
  return [...lines, '', ...notes].join('\n')
}

const padCells = (cells: readonly Cell[]): Cell[] => [...cells, ...Array<Cell>(Math.max(0, HEADINGS.length - 2 - cells.length)).fill(undefined)]
const format = (cell: Cell): string => (cell === undefined ? '' : cell.toLocaleString('en-US'))
