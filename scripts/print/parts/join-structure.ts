import { PDFArray, PDFDict, type PDFDocument, PDFName, PDFNumber, type PDFObject, type PDFObjectCopier, type PDFPage, PDFRef } from 'pdf-lib'

/**
 * Join the pieces' structure trees (Chromium's tagged PDF) under one
 * Document element: each piece's parent-tree keys (/StructParents of its
 * pages, /StructParent of its annotations) move past the pieces' before it.
 * PDF 32000-1:2008 §14.7. A piece without a tree, or with a parent tree
 * that is not a flat /Nums, leaves the whole book untagged.
 */
export class StructureJoin {
  private readonly docRef: PDFRef
  private readonly rootRef: PDFRef
  private readonly kids: PDFObject[] = []
  private readonly nums: PDFObject[] = []
  private nextKey = 0
  private lang: PDFObject | undefined
  private broken = false

  constructor(private readonly out: PDFDocument) {
    this.docRef = out.context.nextRef()
    this.rootRef = out.context.nextRef()
  }

  /**
   * Call before copying `source`'s pages: maps its root and Document element
   * onto the joined ones. Returns what to call after the pages are copied.
   */
  adopt(source: PDFDocument, traversed: Map<PDFObject, PDFObject>): ((copier: PDFObjectCopier, pages: readonly PDFPage[]) => void) | undefined {
    const rootRef = source.catalog.get(PDFName.of('StructTreeRoot'))
    const root = source.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)
    const docRef = root?.get(PDFName.of('K'))
    const doc = root?.lookupMaybe(PDFName.of('K'), PDFDict)
    const parentTree = root?.lookupMaybe(PDFName.of('ParentTree'), PDFDict)
    const nums = parentTree?.lookupMaybe(PDFName.of('Nums'), PDFArray)
    if (!(rootRef instanceof PDFRef) || !(docRef instanceof PDFRef) || !doc || !nums || parentTree?.has(PDFName.of('Kids'))) {
      this.broken = true
      return undefined
    }
    traversed.set(rootRef, this.rootRef)
    traversed.set(docRef, this.docRef)
    this.lang ??= doc.get(PDFName.of('Lang'))
    const offset = this.nextKey
    const next = root?.lookupMaybe(PDFName.of('ParentTreeNextKey'), PDFNumber)?.asNumber() ?? nums.size() / 2
    this.nextKey += next
    return (copier, pages) => {
      const children = doc.get(PDFName.of('K'))
      const list = children instanceof PDFArray ? children.asArray() : children ? [children] : []
      for (const child of list) this.kids.push(copier.copy(child))
      for (let index = 0; index + 1 < nums.size(); index += 2) {
        const key = nums.lookup(index, PDFNumber).asNumber()
        this.nums.push(PDFNumber.of(key + offset), copier.copy(nums.get(index + 1)))
      }
      for (const page of pages) {
        shiftKey(page.node, 'StructParents', offset)
        for (const annot of page.node.Annots()?.asArray() ?? []) {
          const dict = this.out.context.lookup(annot)
          if (dict instanceof PDFDict) shiftKey(dict, 'StructParent', offset)
        }
      }
    }
  }

  /** Write the joined tree into the catalog (nothing if a piece had none). */
  finish(): void {
    if (this.broken || this.kids.length === 0) return
    const { context } = this.out
    context.assign(
      this.docRef,
      context.obj({ Type: 'StructElem', S: 'Document', P: this.rootRef, K: this.kids, ...(this.lang ? { Lang: this.lang } : {}) }),
    )
    context.assign(
      this.rootRef,
      context.obj({ Type: 'StructTreeRoot', K: this.docRef, ParentTree: context.obj({ Nums: this.nums }), ParentTreeNextKey: this.nextKey }),
    )
    this.out.catalog.set(PDFName.of('StructTreeRoot'), this.rootRef)
    this.out.catalog.set(PDFName.of('MarkInfo'), context.obj({ Type: 'MarkInfo', Marked: true }))
  }
}

function shiftKey(dict: PDFDict, key: string, offset: number): void {
  const value = dict.get(PDFName.of(key))
  if (value instanceof PDFNumber) dict.set(PDFName.of(key), PDFNumber.of(value.asNumber() + offset))
}
