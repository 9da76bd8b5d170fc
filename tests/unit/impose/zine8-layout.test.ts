import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { placePage, quarterTurn } from '../../../scripts/impose/place-page.ts'
import { isUsSize, regionOf } from '../../../scripts/impose/home-sheet.ts'
import { bookletSheet, parseSheetName, zineSheet } from '../../../scripts/impose/sheet-sizes.ts'
import { zine8Cells, zine8CutLine, zine8FoldLines, zine8Pages } from '../../../scripts/impose/zine8-layout.ts'

// A round sheet keeps the expected numbers readable: panels are 200 × 300 pt.
const sheet = { width: 800, height: 600 }

describe('zine8Cells', () => {
  it('lays out 5 4 3 2 upside down on top and 6 7 8 1 upright below', () => {
    const cells = zine8Cells(sheet).map(({ x, y, rotation }) => ({ x, y, rotation }))
    assert.deepEqual(cells, [
      { x: 600, y: 0, rotation: 0 }, // page 1, front cover: bottom right
      { x: 600, y: 300, rotation: 180 }, // page 2: top right
      { x: 400, y: 300, rotation: 180 }, // page 3
      { x: 200, y: 300, rotation: 180 }, // page 4
      { x: 0, y: 300, rotation: 180 }, // page 5: top left
      { x: 0, y: 0, rotation: 0 }, // page 6: bottom left
      { x: 200, y: 0, rotation: 0 }, // page 7
      { x: 400, y: 0, rotation: 0 }, // page 8, back cover
    ])
    for (const cell of zine8Cells(sheet)) assert.deepEqual([cell.width, cell.height], [200, 300])
  })

  it('cuts along the middle across the two central panels only', () => {
    assert.deepEqual(zine8CutLine(sheet), { x1: 200, y1: 300, x2: 600, y2: 300 })
  })

  it('folds between the columns and along the middle', () => {
    assert.deepEqual(zine8FoldLines(sheet), [
      { x1: 200, y1: 0, x2: 200, y2: 600 },
      { x1: 400, y1: 0, x2: 400, y2: 600 },
      { x1: 600, y1: 0, x2: 600, y2: 600 },
      { x1: 0, y1: 300, x2: 800, y2: 300 },
    ])
  })
})

describe('zine8Pages', () => {
  it('fills eight panels with the first pages and blanks at the end', () => {
    assert.deepEqual(zine8Pages(5), [0, 1, 2, 3, 4, null, null, null])
    assert.deepEqual(zine8Pages(8), [0, 1, 2, 3, 4, 5, 6, 7])
    assert.deepEqual(zine8Pages(13), [0, 1, 2, 3, 4, 5, 6, 7])
  })

  it('keeps the last page as the back cover with keepLastPage', () => {
    assert.deepEqual(zine8Pages(5, true), [0, 1, 2, 3, null, null, null, 4])
    assert.deepEqual(zine8Pages(13, true), [0, 1, 2, 3, 4, 5, 6, 12])
    assert.deepEqual(zine8Pages(1, true), [0, null, null, null, null, null, null, null])
  })
})

describe('placePage', () => {
  it('turns a top-row page upside down: origin at the panel top right', () => {
    const placed = placePage({ width: 100, height: 150 }, 0, { x: 600, y: 300, width: 200, height: 300 }, {
      turn: 180,
      enlarge: true,
    })
    assert.deepEqual(placed, {
      x: 800,
      y: 600,
      scale: 2,
      rotate: 180,
      covers: { x: 600, y: 300, width: 200, height: 300 },
    })
  })

  it('centres a page that does not fill its panel, shrinking it to fit', () => {
    const placed = placePage({ width: 400, height: 400 }, 0, { x: 0, y: 0, width: 200, height: 300 })
    assert.equal(placed.scale, 0.5)
    assert.deepEqual(placed.covers, { x: 0, y: 50, width: 200, height: 200 })
  })

  it('honours a page turned by /Rotate 90 (clockwise)', () => {
    const placed = placePage({ width: 150, height: 100 }, 90, { x: 0, y: 0, width: 200, height: 300 }, {
      enlarge: true,
    })
    assert.deepEqual(placed, {
      x: 0,
      y: 300,
      scale: 2,
      rotate: 270,
      covers: { x: 0, y: 0, width: 200, height: 300 },
    })
  })

  it('puts booklet pages against the fold and never enlarges them', () => {
    const left = placePage({ width: 100, height: 100 }, 0, { x: 0, y: 0, width: 200, height: 300 }, { align: 'right' })
    const right = placePage({ width: 100, height: 100 }, 0, { x: 200, y: 0, width: 200, height: 300 }, { align: 'left' })
    assert.deepEqual([left.scale, left.covers.x, right.covers.x, right.covers.y], [1, 100, 200, 100])
  })

  it('normalises angles to quarter turns', () => {
    assert.deepEqual([quarterTurn(-90), quarterTurn(450), quarterTurn(45), quarterTurn(180)], [270, 90, 0, 180])
  })
})

describe('sheet sizes', () => {
  it('imposes on the paper a home printer takes, never tabloid: A4, or Letter where that is the paper', () => {
    const mm = (value: number) => (value * 72) / 25.4
    const a4 = bookletSheet({ width: mm(148), height: mm(210) })
    assert.equal(a4.name, 'A4')
    assert.ok(a4.width > a4.height, 'landscape')
    assert.equal(bookletSheet({ width: mm(105), height: mm(148) }).name, 'A4')
    assert.equal(bookletSheet({ width: mm(152.4), height: mm(228.6) }, undefined, 'letter').name, 'letter')
    assert.equal(bookletSheet({ width: 2000, height: 3000 }, undefined, 'letter').name, 'letter')
    assert.equal(bookletSheet({ width: mm(210), height: mm(297) }, 'A3').name, 'A3')
  })

  it('finds the region: the tag or locale first, then the page size', () => {
    assert.equal(regionOf('en-GB'), 'GB')
    assert.equal(regionOf('fr-CA'), 'CA')
    assert.equal(regionOf('en_US.UTF-8'), 'US')
    assert.equal(regionOf('en'), undefined)
    assert.equal(regionOf('C.UTF-8'), undefined)
    assert.ok(isUsSize({ width: 396, height: 612 }))
    assert.ok(!isUsSize({ width: 419.5, height: 595.3 }))
  })

  it('turns the sheet portrait when two very narrow pages fit that way better', () => {
    const narrow = bookletSheet({ width: 100, height: 400 }, 'A4')
    assert.ok(narrow.height > narrow.width, 'a 200 × 400 spread fits a portrait sheet at a larger scale')
    const wide = bookletSheet({ width: 400, height: 300 }, 'A4')
    assert.ok(wide.width > wide.height)
  })

  it('lays a zine on the home sheet, landscape, or the one named', () => {
    assert.equal(zineSheet(undefined, 'letter').name, 'letter')
    assert.equal(zineSheet().name, 'A4')
    assert.equal(zineSheet('A3', 'letter').name, 'A3')
    assert.ok(zineSheet().width > zineSheet().height)
  })

  it('reads sheet names in any case', () => {
    assert.deepEqual([parseSheetName('a4'), parseSheetName('Letter'), parseSheetName('B5')], ['A4', 'letter', undefined])
  })
})
