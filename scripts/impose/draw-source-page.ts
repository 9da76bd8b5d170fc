import {
  clip,
  concatTransformationMatrix,
  drawObject,
  endPath,
  type PDFDocument,
  type PDFEmbeddedPage,
  PDFName,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
} from 'pdf-lib'
import type { VFile } from 'vfile'
import { failFile } from '../diagnostics/fail.ts'
import { type Placement, quarterTurn, type Rect } from './place-page.ts'
import type { Size } from './sheet-sizes.ts'

/** A source page embedded in the imposed PDF as a form XObject (vectors, text and fonts kept). */
export interface SourcePage {
  readonly embedded: PDFEmbeddedPage
  /** The crop box, unrotated: what a viewer shows before `/Rotate`. */
  readonly size: Size
  /** The page's `/Rotate`, clockwise, as a quarter turn. */
  readonly rotation: number
  /** 0-based page number in the source, used to name the XObject (`/Src12`). */
  readonly index: number
}

/**
 * Embed every page of `source` into `target`, cut to its trim box (else its crop box, what a
 * viewer shows). A page without content is blank: null.
 */
export async function embedSourcePages(target: PDFDocument, source: PDFDocument, file: VFile): Promise<(SourcePage | null)[]> {
  const pages = source.getPages()
  const withContent = pages.filter((page) => page.node.Contents() !== undefined)
  const boxes = withContent.map((page) => {
    const box = page.getTrimBox()
    return { left: box.x, bottom: box.y, right: box.x + box.width, top: box.y + box.height }
  })
  let embedded: PDFEmbeddedPage[]
  try {
    embedded = await target.embedPages(withContent, boxes)
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error)
    failFile(
      file,
      `A page of ${file.path || 'the input'} could not be copied (${detail}). Re-export the PDF (or repair it with \`mutool clean\`) and try again`,
      'impose-unreadable',
    )
  }
  let next = 0
  return pages.map((page, index) => {
    if (page.node.Contents() === undefined) return null
    const box = page.getTrimBox()
    const size = { width: box.width, height: box.height }
    return { embedded: embedded[next++]!, size, rotation: quarterTurn(page.getRotation().angle), index }
  })
}

/** The finished size of a source page: its trim box (pdf-lib falls back to the crop box, as a viewer shows it), turned by its `/Rotate`: a print-shop PDF's bleed and marks stay off a home booklet. */
export function shownSize(page: PDFPage): Size {
  const { width, height } = page.getTrimBox()
  const rotation = quarterTurn(page.getRotation().angle)
  return rotation === 90 || rotation === 270 ? { width: height, height: width } : { width, height }
}

/** Draw an embedded page at `placement`, clipped to `clipTo` so shifted content cannot spill onto its neighbour. */
export function drawSourcePage(sheet: PDFPage, source: SourcePage, placement: Placement, clipTo: Rect): void {
  const name = `Src${source.index + 1}`
  sheet.node.setXObject(PDFName.of(name), source.embedded.ref)
  // Quarter turns written as exact matrices: cos and sin of 90° in floating
  // point leave 6e-17 residues that would end up in the content stream.
  const s = placement.scale
  const turn: Record<Placement['rotate'], [number, number, number, number]> = {
    0: [s, 0, 0, s],
    90: [0, s, -s, 0],
    180: [-s, 0, 0, -s],
    270: [0, -s, s, 0],
  }
  const [a, b, c, d] = turn[placement.rotate]
  sheet.pushOperators(
    pushGraphicsState(),
    rectangle(clipTo.x, clipTo.y, clipTo.width, clipTo.height),
    clip(),
    endPath(),
    concatTransformationMatrix(a, b, c, d, placement.x, placement.y),
    drawObject(name),
    popGraphicsState(),
  )
}
