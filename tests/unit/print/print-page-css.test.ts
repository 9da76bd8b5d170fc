import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { pageSizes } from '../../../scripts/config/book-schema.ts'
import { pageDesign, printPageCss } from '../../../scripts/print/print-page-css.ts'

describe('printPageCss', () => {
  it('sets the A5 trim with mirrored margins, the gutter inside', () => {
    const css = printPageCss('A5')
    assert.match(css, /size: 148mm 210mm;/)
    assert.match(css, /margin: 18mm 15mm 22mm 20mm;/)
    assert.match(css, /@page :right \{ margin-left: 20mm; margin-right: 15mm; \}/)
    assert.match(css, /@page :left \{ margin-left: 15mm; margin-right: 20mm; \}/)
    assert.match(css, /--body-size: 10\.5pt;/)
    assert.match(css, /--leading: 14pt;/)
    assert.doesNotMatch(css, /^\s*(bleed|marks):/m)
    assert.match(css, /--bleed: 0mm;/)
  })

  it('has a design for every trim size, each with a wider inner than outer margin and a sane measure', () => {
    for (const size of pageSizes) {
      const design = pageDesign(size)
      assert.ok(design.inner > design.outer, size)
      assert.ok(design.bottom > design.top, size)
      // 60–75 characters a line (50 on the pocket-sized A6, 40 on an A7 zine): an average character is about half an em.
      const measurePt = ((design.width - design.inner - design.outer) / 25.4) * 72
      const characters = measurePt / (design.fontSize * 0.5)
      assert.ok(characters > (size === 'A7' ? 38 : 48) && characters < 80, `${size}: ${Math.round(characters)} characters a line`)
    }
    assert.match(printPageCss('A7'), /size: 74mm 105mm;/)
    assert.match(printPageCss('quarter-letter'), /size: 107\.95mm 139\.7mm;/)
    assert.match(printPageCss('half-letter'), /size: 139\.7mm 215\.9mm;/)
    assert.match(printPageCss('6x9'), /size: 152\.4mm 228\.6mm;/)
  })

  it('makes a custom WIDTH x HEIGHT in proportion: type from 8pt (A7) to 12pt (A4), margins from the page', () => {
    assert.match(printPageCss('120mm x 170mm'), /size: 120mm 170mm;/)
    assert.deepEqual(pageDesign('4in x 6in'), { width: 101.6, height: 152.4, top: 13.1, bottom: 16.3, inner: 13.7, outer: 10.2, fontSize: 9, leading: 12 })
    assert.equal(pageDesign('50 x 70 mm').fontSize, 8)
    assert.equal(pageDesign('30cm x 40cm').fontSize, 12)
    assert.throws(() => pageDesign('A3'), /neither a named size nor WIDTH x HEIGHT/)
  })

  it('adds bleed and crop marks for the print shop', () => {
    const css = printPageCss('A5', { bleed: '3mm', marks: 'crop' })
    assert.match(css, /bleed: 3mm;/)
    assert.match(css, /marks: crop;/)
  })

  it('refuses a bleed that is not a length', () => {
    assert.throws(() => printPageCss('A5', { bleed: '3mm; color: red' }), /not a length/)
  })
})
