import { PDFDict, PDFDocument, PDFName, PDFNull, PDFNumber, type PDFObject, PDFObjectCopier, PDFPage, ParseSpeeds } from 'pdf-lib'
import type { PageStart } from '../../lib/book-model.ts'
import { StructureJoin } from './join-structure.ts'
import type { Folio, HeadingPlace, PageMap } from '../layout/read-page-map.ts'
import { joinMeasures, shiftMeasures } from '../layout/join-measures.ts'
import type { PageMeasures } from '../layout/measure-typesetting.ts'

/** One printed piece: Chromium's PDF and its page map (pages counted within the piece). */
export interface PrintedPiece {
  readonly raw: Uint8Array
  readonly map: PageMap
  /** Ids this piece links to in other pieces (stand-in targets, see lay-out-piece). */
  readonly foreign?: readonly string[]
  /** Every id in the piece and its page within the piece. */
  readonly places?: Readonly<Record<string, number>>
}

/** The joined book, before finishing (unsaved: finishPdf saves it once): the PDF and its page map in whole-book pages. */
export interface JoinedPieces {
  readonly doc: PDFDocument
  readonly map: PageMap
  readonly pageCount: number
}

/**
 * Join the pieces in order into one PDF. Every piece after the first opens
 * on a recto, so a piece that ends on a recto is followed by a blank verso,
 * as Paged.js would have left it (no head, no folio; the counter runs on).
 */
export async function joinPieces(pieces: readonly PrintedPiece[]): Promise<JoinedPieces> {
  const out = await PDFDocument.create({ updateMetadata: false })
  const pageStarts: PageStart[] = []
  const folios: Folio[] = []
  const headings: Record<string, HeadingPlace> = {}
  const places: Record<string, number> = {}
  const measures: PageMeasures[] = []
  const structure = new StructureJoin(out)
  const outDests = out.context.obj({})
  out.catalog.set(PDFName.of('Dests'), out.context.register(outDests))
  for (const [index, piece] of pieces.entries()) {
    const source = await PDFDocument.load(piece.raw, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest })
    // finishPdf names Chromium in the producer; keep the first piece's.
    if (index === 0) {
      const producer = source.getProducer()
      if (producer) out.setProducer(producer)
    }
    const offset = out.getPageCount()
    // copyPages, with one copier kept for the named destinations, so that theirs point at the copied pages.
    const copier = PDFObjectCopier.for(source.context, out.context)
    // The copier maps each source page's ref to its copy up front, or a later reference to the page
    // (a destination) would copy the page again, with the whole source page tree behind its /Parent.
    const traversed = (copier as unknown as { traversedObjects: Map<PDFObject, PDFObject> }).traversedObjects
    const tags = structure.adopt(source, traversed)
    const copied = source.getPages().map((page) => {
      const ref = out.context.nextRef()
      traversed.set(page.ref, ref)
      const node = copier.copy(page.node)
      out.context.assign(ref, node)
      return PDFPage.of(node, ref, out)
    })
    for (const page of copied) out.addPage(page)
    tags?.(copier, copied)
    // In-book links (contents, cross-references) go to named destinations; names are ids, unique in the book.
    const dests = source.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict)
    const foreign = new Set(piece.foreign ?? [])
    if (dests) for (const [name, value] of dests.entries()) if (!foreign.has(name.decodeText())) outDests.set(name, copier.copy(value))
    for (const [id, page] of Object.entries(piece.places ?? {})) places[id] ??= page + offset
    for (const start of piece.map.pageStarts) pageStarts.push({ ...start, page: start.page + offset })
    folios.push(...piece.map.folios)
    if (piece.map.measures) measures.push(shiftMeasures(piece.map.measures, offset))
    for (const [id, place] of Object.entries(piece.map.headings)) headings[id] ??= { ...place, page: place.page + offset }
    const last = copied[copied.length - 1]
    const isLast = index === pieces.length - 1
    if (!isLast && last && out.getPageCount() % 2 === 1) {
      const { width, height } = last.getSize()
      out.addPage([width, height])
      const previous = folios[folios.length - 1] ?? { value: 0, style: 'decimal' }
      const folio = { value: previous.value + 1, style: previous.style }
      folios.push(folio)
      const label = pageStarts[pageStarts.length - 1]
      pageStarts.push({ page: out.getPageCount(), folio: blankFolio(label?.folio, folio), sid: null, offset: 0 })
    }
  }
  // A link into another part pointed at a stand-in: name the real place (a heading's, else the top of its page).
  const pages = out.getPages()
  const wanted = new Set(pieces.flatMap((piece) => piece.foreign ?? []))
  for (const id of wanted) {
    const place = headings[id] ?? (places[id] ? { page: places[id], top: 0 } : undefined)
    const page = place ? pages[place.page - 1] : undefined
    if (!place || !page || outDests.has(PDFName.of(id))) continue
    const top = Math.round((page.getHeight() - place.top * 0.75) * 100) / 100
    outDests.set(PDFName.of(id), out.context.obj([page.ref, PDFName.of('XYZ'), PDFNull, PDFNumber.of(top), PDFNull]))
  }
  structure.finish()
  const measured = measures.length > 0 && measures.length === pieces.length ? { measures: joinMeasures(measures, out.getPageCount()) } : {}
  return { doc: out, map: { pageStarts, folios, headings, ...measured }, pageCount: out.getPageCount() }
}

// The blank page's folio in the style of the page before it (roman after the front matter).
function blankFolio(previous: string | undefined, folio: Folio): string {
  if (folio.style.endsWith('-roman') && previous) {
    const roman = toRoman(folio.value)
    return folio.style === 'upper-roman' ? roman.toUpperCase() : roman
  }
  return String(folio.value)
}

function toRoman(value: number): string {
  const numerals: [number, string][] = [
    [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'],
    [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
  ]
  let rest = value
  let roman = ''
  for (const [size, letters] of numerals) {
    for (; rest >= size; rest -= size) roman += letters
  }
  return roman
}
