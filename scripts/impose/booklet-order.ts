/** One printed side of a sheet: the source page on its left half and on its right half (null = blank). */
export interface BookletSide {
  readonly left: number | null
  readonly right: number | null
}

/** One sheet of paper: its front, its back, and how many sheets lie outside it in its signature. */
export interface BookletSheet {
  readonly front: BookletSide
  readonly back: BookletSide
  /** 0 for the outermost sheet of a signature; creep shifts this sheet's pages by creep × depth. */
  readonly depth: number
}

/** Sheets folded together as one unit, outermost sheet first. */
export interface BookletSignature {
  readonly sheets: readonly BookletSheet[]
}

/** The whole imposition: which source page goes where, and how many blanks were added. */
export interface BookletOrder {
  readonly signatures: readonly BookletSignature[]
  /** Blank pages added to reach a multiple of four. */
  readonly blanks: number
}

/** How to split the book and where the blank pages go. */
export interface BookletOrderOptions {
  /** Sheets per signature; absent means one signature (a single saddle-stitched booklet). */
  readonly signatureSheets?: number
  /** Keep the source's last page as the book's last page (back cover), with the blanks before it. */
  readonly keepLastPage?: boolean
}

/**
 * Order `pageCount` source pages (0-based indices) for a saddle-stitched
 * booklet printed double-sided, flipped on the short edge, and folded.
 *
 * Blanks policy: the book is padded to a multiple of four with blank pages
 * at the end, where a book designer puts spare leaves (end papers), never in
 * the middle of the text. With `keepLastPage` the source's last page (a back
 * cover, a colophon) stays last and the blanks go just before it.
 */
export function bookletOrder(pageCount: number, options: BookletOrderOptions = {}): BookletOrder {
  if (!Number.isInteger(pageCount) || pageCount < 1) {
    throw new RangeError(`A booklet needs at least one page, got ${pageCount}`)
  }
  const { signatureSheets } = options
  if (signatureSheets !== undefined && (!Number.isInteger(signatureSheets) || signatureSheets < 1)) {
    throw new RangeError(`A signature needs a whole number of sheets, at least 1, got ${signatureSheets}`)
  }
  const slots = paddedSlots(pageCount, options.keepLastPage ?? false)
  const sheetCount = slots.length / 4
  const perSignature = Math.min(signatureSheets ?? sheetCount, sheetCount)
  const signatures: BookletSignature[] = []
  for (let start = 0; start < slots.length; start += perSignature * 4) {
    signatures.push(foldSignature(slots.slice(start, start + perSignature * 4)))
  }
  return { signatures, blanks: slots.length - pageCount }
}

/** The book's page sequence padded to a multiple of four (null = blank). */
function paddedSlots(pageCount: number, keepLastPage: boolean): (number | null)[] {
  const padded = Math.ceil(pageCount / 4) * 4
  const blanks: null[] = Array.from({ length: padded - pageCount }, () => null)
  const pages = Array.from({ length: pageCount }, (_, index) => index)
  // A one-page book has no separate last page to keep: its only page is the cover.
  if (keepLastPage && pageCount > 1) return [...pages.slice(0, -1), ...blanks, pageCount - 1]
  return [...pages, ...blanks]
}

/**
 * Nest a run of pages (a multiple of four) into sheets. Sheet `i` from the
 * outside carries, on its front, the last-but-2i page on the left and page
 * 2i on the right; on its back, page 2i+1 on the left and the last-but-(2i+1)
 * on the right. With a short-edge flip the back's left half is behind the
 * front's right half, so pages 1 and 2 share a leaf.
 */
function foldSignature(slots: readonly (number | null)[]): BookletSignature {
  const last = slots.length - 1
  const at = (index: number): number | null => slots[index] ?? null
  const sheets: BookletSheet[] = []
  for (let depth = 0; depth < slots.length / 4; depth++) {
    sheets.push({
      front: { left: at(last - 2 * depth), right: at(2 * depth) },
      back: { left: at(2 * depth + 1), right: at(last - 2 * depth - 1) },
      depth,
    })
  }
  return { sheets }
}

/** The sides in print order (sheet 1 front, sheet 1 back, sheet 2 front, …), across all signatures. */
export function bookletSides(order: BookletOrder): BookletSide[] {
  return order.signatures.flatMap((signature) => signature.sheets.flatMap((sheet) => [sheet.front, sheet.back]))
}
