import {describe, expect, it} from 'vitest'
import {scanGridTable} from '../../../src/catalog/import/grid-table.js'
import {scanPipeTable} from '../../../src/catalog/import/pipe-table.js'
import {scanSimpleTable} from '../../../src/catalog/import/simple-table.js'
import {sourceLines} from '../../../src/catalog/import/source.js'
import type {TableScan} from '../../../src/catalog/import/table.js'

const cells = ({table}: TableScan) => ({
  header: table.header?.cells.map(cell => cell.run.text),
  rows: table.rows.map(row => [row.line, ...row.cells.map(cell => cell.run.text)]),
  problems: table.problems,
})

describe('grid tables', () => {
  const scan = (text: string) => scanGridTable(sourceLines(text, 8), 0)

  it('reads a header and multi-line cells, paragraphs kept apart by their blank line', () => {
    const table = scan(['+------+---------+', '| Name | Meaning |', '+======+=========+', '| a.b  | One     |', '|      | two.    |', '|      |         |', '|      | Three.  |', '+------+---------+', '| c.d  |         |', '+------+---------+'].join('\n'))
    expect(cells(table)).toEqual({header: ['Name', 'Meaning'], rows: [[4, 'a.b\n\n\n', 'One\ntwo.\n\nThree.'], [9, 'c.d', '']], problems: []})
    expect(table.next).toBe(10)
  })

  it('leaves out a ragged row with its position, and reads the rows around it', () => {
    const table = scan(['  +-----+-----+', '  | a.b | x   |', '  +-----+-----+', '  | c.d | y  |', '  +-----+-----+', '  | e.f | z   |', '  +-----+-----+'].join('\n'))
    expect(cells(table)).toEqual({
      header: undefined,
      rows: [[2, 'a.b', 'x'], [6, 'e.f', 'z']],
      problems: [{line: 4, column: 15, message: 'ragged border: the line is 12 characters wide, the table 13; this row of the grid table is not imported'}],
    })
  })

  it('says that a cell spanning columns is not read', () => {
    const table = scan(['+-----+-----+', '| a.b spans |', '+-----+-----+'].join('\n'))
    expect(cells(table).problems).toEqual([{line: 2, column: 7, message: 'expected "|" at a column border, found "s" (a ragged row, or a cell spanning columns); this row of the grid table is not imported'}])
  })

  it('says when the table is not closed by a border', () => {
    const table = scan(['+-----+-----+', '| a.b | x   |'].join('\n'))
    expect(cells(table)).toEqual({header: undefined, rows: [], problems: [{line: 2, column: 1, message: 'the grid table ends without a border line; its last row is not imported'}]})
  })
})

describe('simple tables', () => {
  const scan = (text: string) => scanSimpleTable(sourceLines(text, 8), 0)

  it('reads continuation lines (a blank first column) into the row above, and text past the last border', () => {
    const table = scan(['=====  ==========', 'Name   Meaning', '=====  ==========', 'a.b    One line, and', '       its continuation that runs past the border.', '', 'c.d    Two.', '=====  ==========', ''].join('\n'))
    expect(cells(table)).toEqual({
      header: ['Name', 'Meaning'],
      rows: [[4, 'a.b\n', 'One line, and\nits continuation that runs past the border.'], [7, 'c.d', 'Two.']],
      problems: [],
    })
    expect(table.next).toBe(8)
  })

  it('reports text in the gap between columns and leaves that row out', () => {
    const table = scan(['=====  =====', 'a.b    x', 'c.long.name  y', 'e.f    z', '=====  =====', ''].join('\n'))
    expect(cells(table)).toEqual({header: undefined, rows: [[2, 'a.b', 'x'], [4, 'e.f', 'z']], problems: [{line: 3, column: 6, message: 'text in the gap between two columns of a simple table; this row is not imported'}]})
  })

  it('says when the table is never closed', () => {
    const table = scan(['=====  =====', 'a.b    x', '', 'Done.'].join('\n'))
    expect(cells(table)).toEqual({
      header: undefined,
      rows: [[2, 'a.b', 'x']],
      problems: [{line: 1, column: 1, message: 'the simple table is not closed by a border line followed by a blank line; its last row is not imported'}],
    })
  })
})

describe('pipe tables', () => {
  const scan = (text: string) => scanPipeTable(sourceLines(text, 4), 0)

  it('reads tables with and without outer pipes, escaped pipes and code', () => {
    expect(cells(scan(['Name | Description', ':--- | ---:', '`a.b` | one \\| two', '`c.d` |', ''].join('\n')))).toEqual({
      header: ['Name', 'Description'],
      rows: [[3, '`a.b`', 'one | two'], [4, '`c.d`', '']],
      problems: [],
    })
    expect(cells(scan(['| Name | Description |', '|---|---|', '| `a.b` | x |'].join('\n'))).rows).toEqual([[3, '`a.b`', 'x']])
  })

  it('leaves out a row with more cells than the header, where GitHub would drop the extra', () => {
    expect(cells(scan(['| Name | Description |', '|---|---|', '| `a.b` | x | y |', '| `c.d` | z |'].join('\n')))).toEqual({
      header: ['Name', 'Description'],
      rows: [[4, '`c.d`', 'z']],
      problems: [{line: 3, column: 14, message: 'the row has 3 cells, the header 2: an unescaped "|" in a cell? (write it \\|); this row is not imported'}],
    })
  })
})
