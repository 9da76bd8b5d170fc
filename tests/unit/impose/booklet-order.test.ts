import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { type BookletOrder, bookletOrder, bookletSides } from '../../../scripts/impose/booklet-order.ts'

// Expected orders are written as printed page numbers (1-based), '-' for a blank,
// one line per sheet: [front left, front right], [back left, back right].
type Half = number | '-'
type SheetPages = [[Half, Half], [Half, Half]]

function sheets(order: BookletOrder): SheetPages[][] {
  const page = (index: number | null): Half => (index === null ? '-' : index + 1)
  return order.signatures.map((signature) =>
    signature.sheets.map((sheet) => [
      [page(sheet.front.left), page(sheet.front.right)],
      [page(sheet.back.left), page(sheet.back.right)],
    ]),
  )
}

describe('bookletOrder', () => {
  it('puts a single page on the front cover, three blanks after it', () => {
    const order = bookletOrder(1)
    assert.deepEqual(sheets(order), [
      [
        [
          ['-', 1],
          ['-', '-'],
        ],
      ],
    ])
    assert.equal(order.blanks, 3)
  })

  it('imposes 4 pages on one sheet: 4|1 then 2|3', () => {
    assert.deepEqual(sheets(bookletOrder(4)), [
      [
        [
          [4, 1],
          [2, 3],
        ],
      ],
    ])
  })

  it('pads 5 pages with blanks at the end', () => {
    const order = bookletOrder(5)
    assert.deepEqual(sheets(order), [
      [
        [
          ['-', 1],
          [2, '-'],
        ],
        [
          ['-', 3],
          [4, 5],
        ],
      ],
    ])
    assert.equal(order.blanks, 3)
  })

  it('keeps the last of 5 pages on the back cover with keepLastPage', () => {
    assert.deepEqual(sheets(bookletOrder(5, { keepLastPage: true })), [
      [
        [
          [5, 1],
          [2, '-'],
        ],
        [
          ['-', 3],
          [4, '-'],
        ],
      ],
    ])
  })

  it('imposes 8 pages on two nested sheets', () => {
    assert.deepEqual(sheets(bookletOrder(8)), [
      [
        [
          [8, 1],
          [2, 7],
        ],
        [
          [6, 3],
          [4, 5],
        ],
      ],
    ])
  })

  it('imposes 13 pages on four sheets, blanks 14–16 at the end', () => {
    const order = bookletOrder(13)
    assert.deepEqual(sheets(order), [
      [
        [
          ['-', 1],
          [2, '-'],
        ],
        [
          ['-', 3],
          [4, 13],
        ],
        [
          [12, 5],
          [6, 11],
        ],
        [
          [10, 7],
          [8, 9],
        ],
      ],
    ])
    assert.equal(order.blanks, 3)
    assert.deepEqual(
      order.signatures[0]?.sheets.map((sheet) => sheet.depth),
      [0, 1, 2, 3],
    )
  })

  it('imposes 13 pages with keepLastPage: page 13 is the back cover', () => {
    assert.deepEqual(sheets(bookletOrder(13, { keepLastPage: true })), [
      [
        [
          [13, 1],
          [2, '-'],
        ],
        [
          ['-', 3],
          [4, '-'],
        ],
        [
          [12, 5],
          [6, 11],
        ],
        [
          [10, 7],
          [8, 9],
        ],
      ],
    ])
  })

  it('splits 13 pages into signatures of 2 sheets; blanks end the last one', () => {
    const order = bookletOrder(13, { signatureSheets: 2 })
    assert.deepEqual(sheets(order), [
      [
        [
          [8, 1],
          [2, 7],
        ],
        [
          [6, 3],
          [4, 5],
        ],
      ],
      [
        [
          ['-', 9],
          [10, '-'],
        ],
        [
          ['-', 11],
          [12, 13],
        ],
      ],
    ])
    assert.deepEqual(
      order.signatures.map((signature) => signature.sheets.map((sheet) => sheet.depth)),
      [
        [0, 1],
        [0, 1],
      ],
    )
  })

  it('imposes 64 pages on 16 nested sheets', () => {
    const expected: SheetPages[] = [
      [[64, 1], [2, 63]],
      [[62, 3], [4, 61]],
      [[60, 5], [6, 59]],
      [[58, 7], [8, 57]],
      [[56, 9], [10, 55]],
      [[54, 11], [12, 53]],
      [[52, 13], [14, 51]],
      [[50, 15], [16, 49]],
      [[48, 17], [18, 47]],
      [[46, 19], [20, 45]],
      [[44, 21], [22, 43]],
      [[42, 23], [24, 41]],
      [[40, 25], [26, 39]],
      [[38, 27], [28, 37]],
      [[36, 29], [30, 35]],
      [[34, 31], [32, 33]],
    ]
    const order = bookletOrder(64)
    assert.deepEqual(sheets(order), [expected])
    assert.equal(order.blanks, 0)
  })

  it('splits 64 pages into four signatures of 4 sheets', () => {
    const expected: SheetPages[][] = [
      [[[16, 1], [2, 15]], [[14, 3], [4, 13]], [[12, 5], [6, 11]], [[10, 7], [8, 9]]],
      [[[32, 17], [18, 31]], [[30, 19], [20, 29]], [[28, 21], [22, 27]], [[26, 23], [24, 25]]],
      [[[48, 33], [34, 47]], [[46, 35], [36, 45]], [[44, 37], [38, 43]], [[42, 39], [40, 41]]],
      [[[64, 49], [50, 63]], [[62, 51], [52, 61]], [[60, 53], [54, 59]], [[58, 55], [56, 57]]],
    ]
    assert.deepEqual(sheets(bookletOrder(64, { signatureSheets: 4 })), expected)
  })

  it('treats a signature larger than the book as one signature', () => {
    assert.equal(bookletOrder(13, { signatureSheets: 16 }).signatures.length, 1)
  })

  it('rejects an empty book and a bad signature size', () => {
    assert.throws(() => bookletOrder(0), RangeError)
    assert.throws(() => bookletOrder(8, { signatureSheets: 0 }), RangeError)
    assert.throws(() => bookletOrder(8, { signatureSheets: 2.5 }), RangeError)
    assert.throws(() => bookletOrder(8, { signatureSheets: 10.5 }), RangeError)
  })

  it('places every page exactly once, on ceil(n / 4) × 2 sides, facing pages summing to n + 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.boolean(), (count, keepLastPage) => {
        const sides = bookletSides(bookletOrder(count, { keepLastPage }))
        assert.equal(sides.length, Math.ceil(count / 4) * 2)
        const placed = sides.flatMap((side) => [side.left, side.right]).filter((page) => page !== null)
        assert.deepEqual(
          [...placed].sort((a, b) => a - b),
          Array.from({ length: count }, (_, index) => index),
        )
        if (keepLastPage || count % 4 !== 0) return
        for (const side of sides) assert.equal((side.left ?? 0) + (side.right ?? 0) + 2, count + 1)
      }),
    )
  })

  it('puts consecutive pages back to back on one leaf (front right, back left)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }).map((sheets) => sheets * 4), (count) => {
        for (const signature of bookletOrder(count).signatures) {
          for (const sheet of signature.sheets) {
            assert.equal(sheet.back.left, (sheet.front.right ?? -2) + 1)
            assert.equal(sheet.front.left, (sheet.back.right ?? -2) + 1)
          }
        }
      }),
    )
  })
})
